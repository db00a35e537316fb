import GoTemplate

/// Helm's `toYamlPretty`: go-yaml v3's encoder with `SetIndent(2)` over the Go value itself
/// (not through JSON): sequences indented under their key (`key:\n  - a`), no line folding,
/// floats in `%g` (`1e+06`), and libyaml's scalar analysis for plain, single-quoted,
/// double-quoted and literal styles.
struct GoYAMLv3Writer {
    private(set) var out = ""

    static func encode(_ value: Value) throws(GoJSONError) -> String {
        var writer = GoYAMLv3Writer()
        try writer.document(value)
        return writer.out
    }

    private mutating func document(_ value: Value) throws(GoJSONError) {
        switch value {
        case .map(let map) where map.count > 0: try mapping(map, indent: 0)
        case .list(let items) where !items.isEmpty: try sequence(items, indent: 0)
        case .object(let object): try document(object.jsonValue ?? .map(GoMap()))
        // A root block scalar's lines sit one indentation step in, as libyaml writes them.
        default: out += try scalar(value, indent: 2, key: false) + "\n"
        }
    }

    private func isBlock(_ value: Value) -> Bool {
        switch value {
        case .map(let map): return map.count > 0
        case .list(let items): return !items.isEmpty
        case .object(let object): return isBlock(object.jsonValue ?? .null)
        default: return false
        }
    }

    private mutating func mapping(_ map: GoMap, indent: Int, inline: Bool = false) throws(GoJSONError) {
        for (index, key) in GoYAMLKeyOrder.sorted(map.storage.keys).enumerated() {
            if !(inline && index == 0) { out += String(repeating: " ", count: indent) }
            out += try scalar(.string(key), indent: indent, key: true) + ":"
            try child(map.storage[key]!, indent: indent)
        }
    }

    private mutating func sequence(_ items: [Value], indent: Int, inline: Bool = false) throws(GoJSONError) {
        for (index, item) in items.enumerated() {
            if !(inline && index == 0) { out += String(repeating: " ", count: indent) }
            out += "-"
            var value = item
            if case .object(let object) = item { value = object.jsonValue ?? .map(GoMap()) }
            switch value {
            case .map(let map) where map.count > 0:
                out += " "
                try mapping(map, indent: indent + 2, inline: true)
            case .list(let nested) where !nested.isEmpty:
                out += " "
                try sequence(nested, indent: indent + 2, inline: true)
            default:
                out += " " + (try scalar(value, indent: indent + 2, key: false)) + "\n"
            }
        }
    }

    /// The value after `key:`: nested collections on the next lines, two spaces deeper.
    private mutating func child(_ item: Value, indent: Int) throws(GoJSONError) {
        var value = item
        if case .object(let object) = item { value = object.jsonValue ?? .map(GoMap()) }
        switch value {
        case .map(let map) where map.count > 0:
            out += "\n"
            try mapping(map, indent: indent + 2)
        case .list(let items) where !items.isEmpty:
            out += "\n"
            try sequence(items, indent: indent + 2)
        default:
            out += " " + (try scalar(value, indent: indent + 2, key: false)) + "\n"
        }
    }

    private func scalar(_ value: Value, indent: Int, key: Bool) throws(GoJSONError) -> String {
        switch value {
        case .missing, .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .float(let d):
            if d.isNaN { return ".nan" }
            if d.isInfinite { return d < 0 ? "-.inf" : ".inf" }
            return GoFloatText.shortest(d)
        case .string(let s): return GoYAMLScalar.write(s, indent: indent, key: key)
        case .bytes(let bytes): return GoYAMLScalar.write(String(decoding: bytes, as: UTF8.self), indent: indent, key: key)
        case .map: return "{}"
        case .list: return "[]"
        case .object(let object): return try scalar(object.jsonValue ?? .map(GoMap()), indent: indent, key: key)
        }
    }
}
