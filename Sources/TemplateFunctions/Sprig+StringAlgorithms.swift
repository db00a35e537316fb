import GoTemplate

/// The string algorithms Sprig borrows from goutils and xstrings.
extension TemplateFunctions {
    /// goutils' `AbbreviateFull`: "..." on the side(s) where text was cut, in bytes.
    static func abbreviate(_ s: String, offset: Int, width: Int) -> String {
        let bytes = Array(s.utf8)
        if bytes.count <= width { return s }
        var offset = min(offset, bytes.count)
        if bytes.count - offset < width - 3 { offset = bytes.count - (width - 3) }
        if offset <= 4 { return String(decoding: bytes[0..<(width - 3)], as: UTF8.self) + "..." }
        if offset + width - 3 < bytes.count {
            let tail = String(decoding: bytes[offset...], as: UTF8.self)
            return "..." + abbreviate(tail, offset: 0, width: width - 3)
        }
        return "..." + String(decoding: bytes[(bytes.count - (width - 3))...], as: UTF8.self)
    }

    /// xstrings' `ToCamelCase`: words split at `_`, `-` and spaces, each capitalised; leading
    /// connectors and doubled connectors are kept.
    static func camelCase(_ s: String) -> String {
        func isConnector(_ r: Unicode.Scalar) -> Bool { r == "-" || r == "_" || GoStrings.isSpace(r) }
        var scalars = Array(s.unicodeScalars)[...]
        guard !scalars.isEmpty else { return "" }
        var out = String.UnicodeScalarView()
        var r0: Unicode.Scalar = " "
        var found = false
        while let r = scalars.popFirst() {
            if !isConnector(r) { r0 = GoStrings.upper(r); found = true; break }
            out.append(r)
        }
        if !found { return String(out) }
        while let r = scalars.popFirst() {
            let r1 = r0
            r0 = r
            if isConnector(r0) && isConnector(r1) { out.append(r1); continue }
            if isConnector(r1) { r0 = GoStrings.upper(r0) } else { out.append(r1) }
        }
        out.append(r0)
        return String(out)
    }

    /// goutils' `WrapCustom`: breaks at the last space before `width`; a longer word stays
    /// whole (`wrap`) or is cut at `width` (`wrapWith`, `breakLongWords`).
    static func wrap(_ s: String, width: Int, newline: String, breakLongWords: Bool) -> String {
        let width = max(width, 1)
        let runes = Array(s.unicodeScalars)
        var out = String.UnicodeScalarView()
        var offset = 0
        while runes.count - offset > width {
            if runes[offset] == " " { offset += 1; continue }
            var spaceAt = -1
            var i = min(offset + width, runes.count - 1)
            while i >= offset { if runes[i] == " " { spaceAt = i; break }; i -= 1 }
            if spaceAt < 0 && breakLongWords {
                out.append(contentsOf: runes[offset..<(offset + width)])
                out.append(contentsOf: newline.unicodeScalars)
                offset += width
                continue
            }
            if spaceAt < 0 {
                var j = offset + width
                while j < runes.count, runes[j] != " " { j += 1 }
                if j >= runes.count { break }
                spaceAt = j
            }
            out.append(contentsOf: runes[offset..<spaceAt])
            out.append(contentsOf: newline.unicodeScalars)
            offset = spaceAt + 1
        }
        out.append(contentsOf: runes[offset...])
        return String(out)
    }
}
