/// Go's `strings` and `strconv` helpers that Sprig's string functions are built on, over
/// Unicode scalars (Go's runes) and UTF-8 bytes (Go's string indexes).
enum GoStrings {
    /// `unicode.IsSpace`.
    static func isSpace(_ s: Unicode.Scalar) -> Bool { s.properties.isWhitespace }

    /// `strings.TrimSpace`.
    static func trimSpace(_ s: String) -> String {
        let scalars = s.unicodeScalars
        guard let start = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let end = scalars.lastIndex(where: { !isSpace($0) })!
        return String(scalars[start...end])
    }

    /// `strings.Trim(s, cutset)`.
    static func trim(_ s: String, cutset: String) -> String {
        let set = Set(cutset.unicodeScalars)
        let scalars = s.unicodeScalars
        guard let start = scalars.firstIndex(where: { !set.contains($0) }) else { return "" }
        let end = scalars.lastIndex(where: { !set.contains($0) })!
        return String(scalars[start...end])
    }

    /// `unicode.ToUpper` / `unicode.ToLower` / `unicode.ToTitle` (simple one-rune mappings).
    /// Swift offers the full (SpecialCasing) mappings; where one has several scalars, Go's simple
    /// mapping is the titlecase one for upper case (ᾀ → ᾈ) and `i` for İ's lower case.
    static func upper(_ s: Unicode.Scalar) -> Unicode.Scalar {
        single(s.properties.uppercaseMapping) ?? single(s.properties.titlecaseMapping) ?? s
    }
    static func lower(_ s: Unicode.Scalar) -> Unicode.Scalar {
        s == "\u{130}" ? "i" : single(s.properties.lowercaseMapping) ?? s
    }

    /// goutils walks some strings byte by byte, each byte taken as the rune of the same value
    /// (so "é", bytes C3 A9, reads as "Ã©"): the scalars Sprig's `nospace` and `initials` see.
    static func byteRunes(_ s: String) -> [Unicode.Scalar] { s.utf8.map { Unicode.Scalar($0) } }
    static func title(_ s: Unicode.Scalar) -> Unicode.Scalar { single(s.properties.titlecaseMapping) ?? s }

    private static func single(_ mapping: String) -> Unicode.Scalar? {
        let scalars = mapping.unicodeScalars
        return scalars.count == 1 ? scalars.first : nil
    }

    static func mapScalars(_ s: String, _ transform: (Unicode.Scalar) -> Unicode.Scalar) -> String {
        var out = String.UnicodeScalarView()
        for scalar in s.unicodeScalars { out.append(transform(scalar)) }
        return String(out)
    }

    /// `strings.ToUpper`.
    static func toUpper(_ s: String) -> String {
        if s.utf8.allSatisfy({ $0 < 0x80 }) { return s.uppercased() }
        return mapScalars(s, upper)
    }

    /// `strings.ToLower`.
    static func toLower(_ s: String) -> String {
        if s.utf8.allSatisfy({ $0 < 0x80 }) { return s.lowercased() }
        return mapScalars(s, lower)
    }

    /// `strings.Title`: the first letter of each word title-cased; words are separated by
    /// anything but letters, digits and `_`.
    static func title(_ s: String) -> String {
        var previous: Unicode.Scalar = " "
        return mapScalars(s) { r in
            defer { previous = r }
            return isSeparator(previous) ? title(r) : r
        }
    }

    private static func isSeparator(_ r: Unicode.Scalar) -> Bool {
        if r.isASCII {
            switch r {
            case "0"..."9", "a"..."z", "A"..."Z", "_": return false
            default: return true
            }
        }
        if r.properties.isAlphabetic || r.properties.numericType == .decimal { return false }
        return isSpace(r)
    }

    /// `strings.Split(s, sep)`: an empty separator splits into UTF-8 sequences.
    static func split(_ s: String, separator: String, limit: Int = -1) -> [String] {
        if limit == 0 { return [] }
        if separator.isEmpty {
            var parts = s.unicodeScalars.map { String($0) }
            if limit > 0, parts.count > limit {
                let rest = parts[(limit - 1)...].joined()
                parts = Array(parts[..<(limit - 1)]) + [rest]
            }
            return parts
        }
        var parts: [String] = []
        let bytes = Array(s.utf8), sep = Array(separator.utf8)
        var start = 0, i = 0
        while i + sep.count <= bytes.count {
            if limit > 0, parts.count == limit - 1 { break }
            if bytes[i] == sep[0], Array(bytes[i..<(i + sep.count)]) == sep {
                parts.append(String(decoding: bytes[start..<i], as: UTF8.self))
                i += sep.count
                start = i
            } else {
                i += 1
            }
        }
        parts.append(String(decoding: bytes[start...], as: UTF8.self))
        return parts
    }

    /// `strings.Fields`: runs of non-space text.
    static func fields(_ s: String) -> [String] {
        s.unicodeScalars.split(whereSeparator: isSpace).map { String($0) }
    }

    private static func hex(_ v: UInt32, width: Int) -> String {
        let digits = String(v, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
