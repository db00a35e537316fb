import GoTemplate

extension TemplateFunctions {
    /// Sprig's string functions (strings.go): argument order puts the subject last so it can
    /// be piped (`trimSuffix "-" $name`).
    static func addStrings(to table: inout FunctionTable) {
        table.add("trim") { a in try a.expect(1); return .string(GoStrings.trimSpace(try a.string(0))) }
        for name in ["trimAll", "trimall"] {
            table.add(name) { a in try a.expect(2); return .string(GoStrings.trim(try a.string(1), cutset: try a.string(0))) }
        }
        table.add("trimSuffix") { a in
            try a.expect(2)
            let suffix = try a.string(0), s = try a.string(1)
            guard !suffix.isEmpty, s.utf8.count >= suffix.utf8.count, s.utf8.suffix(suffix.utf8.count).elementsEqual(suffix.utf8) else { return .string(s) }
            return .string(String(decoding: s.utf8.dropLast(suffix.utf8.count), as: UTF8.self))
        }
        table.add("trimPrefix") { a in
            try a.expect(2)
            let prefix = try a.string(0), s = try a.string(1)
            guard !prefix.isEmpty, s.utf8.starts(with: prefix.utf8) else { return .string(s) }
            return .string(String(decoding: s.utf8.dropFirst(prefix.utf8.count), as: UTF8.self))
        }
        table.add("upper") { a in try a.expect(1); return .string(GoStrings.toUpper(try a.string(0))) }
        table.add("lower") { a in try a.expect(1); return .string(GoStrings.toLower(try a.string(0))) }
        table.add("title") { a in try a.expect(1); return .string(GoStrings.title(try a.string(0))) }
        table.add("untitle") { a in try a.expect(1); return .string(untitle(try a.string(0))) }
        table.add("swapcase") { a in
            try a.expect(1)
            return .string(GoStrings.mapScalars(try a.string(0)) { r in
                r.properties.isUppercase ? GoStrings.lower(r) : r.properties.isLowercase ? GoStrings.upper(r) : r
            })
        }
        table.add("snakecase") { a in try a.expect(1); return .string(CaseWords.lowerCase(try a.string(0), connector: "_")) }
        table.add("kebabcase") { a in try a.expect(1); return .string(CaseWords.lowerCase(try a.string(0), connector: "-")) }
        table.add("camelcase") { a in try a.expect(1); return .string(camelCase(try a.string(0))) }
        table.add("initials") { a in
            try a.expect(1)
            // goutils.Initials: the first byte-rune after each space (byte-wise, see byteRunes).
            var out = String.UnicodeScalarView()
            var afterGap = true
            for r in GoStrings.byteRunes(try a.string(0)) {
                if GoStrings.isSpace(r) { afterGap = true } else if afterGap { out.append(r); afterGap = false }
            }
            return .string(String(out))
        }
        table.add("nospace") { a in
            try a.expect(1)
            var out = String.UnicodeScalarView()
            // goutils.DeleteWhiteSpace works byte-wise (see byteRunes).
            for r in GoStrings.byteRunes(try a.string(0)) where !GoStrings.isSpace(r) { out.append(r) }
            return .string(String(out))
        }
        table.add("substr") { a in
            try a.expect(3)
            return .string(try substring(try a.int(0), try a.int(1), try a.string(2)))
        }
        table.add("trunc") { a in
            try a.expect(2)
            let c = try a.int(0), s = try a.string(1)
            let bytes = s.utf8
            if c < 0 && bytes.count + c > 0 { return .string(String(decoding: bytes.suffix(-c), as: UTF8.self)) }
            if c >= 0 && bytes.count > c { return .string(String(decoding: bytes.prefix(c), as: UTF8.self)) }
            return .string(s)
        }
        table.add("abbrev") { a in
            try a.expect(2)
            let width = try a.int(0), s = try a.string(1)
            if width < 4 || s.utf8.count <= width { return .string(s) }
            return .string(String(decoding: s.utf8.prefix(width - 3), as: UTF8.self) + "...")
        }
        table.add("abbrevboth") { a in
            try a.expect(3)
            let left = try a.int(0), right = try a.int(1), s = try a.string(2)
            if right < 4 || left > 0 && right < 7 { return .string(s) }
            return .string(abbreviate(s, offset: left, width: right))
        }
        table.add("repeat") { a in
            try a.expect(2)
            let count = try a.int(0)
            guard count >= 0 else { throw FunctionError("strings: negative Repeat count") }
            return .string(String(repeating: try a.string(1), count: count))
        }
        table.add("contains") { a in
            try a.expect(2)
            let needle = try a.string(0), s = try a.string(1)
            return .bool(needle.isEmpty || s.utf8.count >= needle.utf8.count && containsBytes(s, needle))
        }
        table.add("hasPrefix") { a in try a.expect(2); return .bool(try a.string(1).utf8.starts(with: try a.string(0).utf8)) }
        table.add("hasSuffix") { a in
            try a.expect(2)
            let suffix = Array(try a.string(0).utf8), s = Array(try a.string(1).utf8)
            return .bool(s.count >= suffix.count && Array(s.suffix(suffix.count)) == suffix)
        }
        table.add("quote") { a in
            .string(a.values.compactMap { v -> String? in
                if case .missing = v { return nil }
                if case .null = v { return nil }
                return GoQuote.quote(GoText.string(v))
            }.joined(separator: " "))
        }
        table.add("squote") { a in
            .string(a.values.compactMap { v -> String? in
                if case .missing = v { return nil }
                if case .null = v { return nil }
                return "'" + GoText.string(v) + "'"
            }.joined(separator: " "))
        }
        table.add("cat") { a in
            .string(a.values.compactMap { v -> String? in
                if case .missing = v { return nil }
                if case .null = v { return nil }
                return GoText.v(v)
            }.joined(separator: " "))
        }
        table.add("indent") { a in
            try a.expect(2)
            guard try a.int(0) >= 0 else { throw FunctionError("strings: negative Repeat count") }
            return .string(indent(try a.int(0), try a.string(1)))
        }
        table.add("nindent") { a in
            try a.expect(2)
            guard try a.int(0) >= 0 else { throw FunctionError("strings: negative Repeat count") }
            return .string("\n" + indent(try a.int(0), try a.string(1)))
        }
        table.add("replace") { a in
            try a.expect(3)
            return .string(replaceAll(try a.string(2), try a.string(0), try a.string(1)))
        }
        table.add("plural") { a in
            try a.expect(3)
            return .string(try a.int(2) == 1 ? try a.string(0) : try a.string(1))
        }
        table.add("toString") { a in try a.expect(1); return .string(GoText.string(a[0])) }
        table.add("toStrings") { a in try a.expect(1); return .strings(stringSlice(a[0])) }
        table.add("split") { a in
            try a.expect(2)
            return splitMap(GoStrings.split(try a.string(1), separator: try a.string(0)))
        }
        table.add("splitn") { a in
            try a.expect(3)
            return splitMap(GoStrings.split(try a.string(2), separator: try a.string(0), limit: try a.int(1)))
        }
        table.add("splitList") { a in
            try a.expect(2)
            return .strings(GoStrings.split(try a.string(1), separator: try a.string(0)))
        }
        table.add("join") { a in
            try a.expect(2)
            return .string(stringSlice(a[1]).joined(separator: try a.string(0)))
        }
        table.add("sortAlpha") { a in
            try a.expect(1)
            guard Arguments.slice(a[0]) != nil else { return .strings([GoText.string(a[0])]) }
            return .strings(stringSlice(a[0]).sorted(by: goStringLess))
        }
        table.add("wrap") { a in try a.expect(2); return .string(wrap(try a.string(1), width: try a.int(0), newline: "\n", breakLongWords: false)) }
        table.add("wrapWith") { a in
            try a.expect(3)
            let newline = try a.string(1)
            return .string(wrap(try a.string(2), width: try a.int(0), newline: newline.isEmpty ? "\n" : newline, breakLongWords: true))
        }
    }

    /// Sprig's `strslice`: `[]string` as is, other slices element by element with nils dropped,
    /// nil as an empty list, anything else as a one-element list.
    static func stringSlice(_ value: Value) -> [String] {
        switch value {
        case .missing, .null: return []
        case .list(let items):
            return items.compactMap { item -> String? in
                switch item {
                case .missing, .null: return nil
                default: return GoText.string(item)
                }
            }
        case .bytes(let bytes): return bytes.map { String($0) }
        default: return [GoText.string(value)]
        }
    }

    static func indent(_ spaces: Int, _ text: String) -> String {
        let pad = String(repeating: " ", count: max(0, spaces))
        return pad + replaceAll(text, "\n", "\n" + pad)
    }

    /// `strings.Replace(s, old, new, -1)`; an empty `old` inserts `new` around every rune.
    static func replaceAll(_ s: String, _ old: String, _ new: String) -> String {
        if old.isEmpty {
            var out = new
            for r in s.unicodeScalars { out.unicodeScalars.append(r); out += new }
            return out
        }
        let bytes = Array(s.utf8), pattern = Array(old.utf8), replacement = Array(new.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0, changed = false
        while i < bytes.count {
            if bytes[i] == pattern[0], i + pattern.count <= bytes.count, bytes[i..<(i + pattern.count)].elementsEqual(pattern) {
                out.append(contentsOf: replacement)
                i += pattern.count
                changed = true
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return changed ? String(decoding: out, as: UTF8.self) : s
    }

    static func containsBytes(_ s: String, _ needle: String) -> Bool {
        let bytes = Array(s.utf8), pattern = Array(needle.utf8)
        guard pattern.count <= bytes.count else { return false }
        for i in 0...(bytes.count - pattern.count) where bytes[i] == pattern[0] {
            if bytes[i..<(i + pattern.count)].elementsEqual(pattern) { return true }
        }
        return false
    }

    private static func substring(_ start: Int, _ end: Int, _ s: String) throws(FunctionError) -> String {
        let bytes = Array(s.utf8)
        func slice(_ lo: Int, _ hi: Int) throws(FunctionError) -> String {
            // Go's runtime checks the high bound first (`[:hi] with length n`, `[:hi]` when
            // negative), then the order (`[lo:hi]`).
            if hi < 0 { throw FunctionError("runtime error: slice bounds out of range [:\(hi)]") }
            if hi > bytes.count { throw FunctionError("runtime error: slice bounds out of range [:\(hi)] with length \(bytes.count)") }
            if lo < 0 || lo > hi { throw FunctionError("runtime error: slice bounds out of range [\(lo):\(hi)]") }
            return String(decoding: bytes[lo..<hi], as: UTF8.self)
        }
        if start < 0 { return try slice(0, end) }
        if end < 0 || end > bytes.count { return try slice(start, bytes.count) }
        return try slice(start, end)
    }

    private static func splitMap(_ parts: [String]) -> Value {
        var storage: [String: Value] = [:]
        for (index, part) in parts.enumerated() { storage["_\(index)"] = .string(part) }
        return .map(GoMap(storage))
    }

    /// goutils' `Uncapitalize`: the first letter of each space-separated word lower-cased.
    private static func untitle(_ s: String) -> String {
        var previousSpace = true
        return GoStrings.mapScalars(s) { r in
            defer { previousSpace = GoStrings.isSpace(r) }
            return previousSpace ? GoStrings.lower(r) : r
        }
    }
}
