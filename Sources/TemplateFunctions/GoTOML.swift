import GoTemplate

/// `github.com/BurntSushi/toml` v1.5's `Encoder` (Helm's `toToml`) over a template value: plain
/// keys first and tables after them, each group in byte order; tables and arrays of tables
/// indented two spaces per level; floats always with a fraction (`3.0`: values from YAML are
/// float64); nil values skipped.
struct GoTOML {
    struct Failure: Error { let message: String }

    private var out = ""
    private var hasWritten = false

    static func encode(_ value: Value) throws(Failure) -> String {
        var encoder = GoTOML()
        try encoder.encode(key: [], value)
        return encoder.out
    }

    private mutating func write(_ text: String) {
        out += text
        hasWritten = true
    }

    private mutating func newline() { if hasWritten { out += "\n" } }

    private static func indent(_ key: [String]) -> String { String(repeating: "  ", count: max(0, key.count - 1)) }

    private static func isTable(_ value: Value) throws(Failure) -> Bool {
        switch value {
        case .map: return true
        case .object(let object): return try isTable(object.jsonValue ?? .null)
        case .list(let items): return try isTableArray(items)
        default: return false
        }
    }

    private static func isTableArray(_ items: [Value]) throws(Failure) -> Bool {
        guard !items.isEmpty else { return false }
        var all = true
        for item in items {
            switch item {
            case .missing, .null: throw Failure(message: "toml: cannot encode array with nil element")
            case .map: break
            default: all = false
            }
        }
        return all
    }

    private mutating func encode(key: [String], _ value: Value) throws(Failure) {
        switch value {
        case .missing, .null: return
        case .object(let object): try encode(key: key, object.jsonValue ?? .null)
        case .map(let map):
            if key.count == 1 { newline() }
            if !key.isEmpty {
                write(GoTOML.indent(key) + "[" + GoTOML.dotted(key) + "]")
                newline()
            }
            try table(key: key, map)
        case .list(let items) where try GoTOML.isTableArray(items):
            guard !key.isEmpty else { throw Failure(message: "toml: top-level values must be Go maps or structs") }
            for case .map(let map) in items {
                newline()
                write(GoTOML.indent(key) + "[[" + GoTOML.dotted(key) + "]]")
                newline()
                try table(key: key, map)
            }
        default:
            try keyValue(key: key, value, inline: false)
        }
    }

    private mutating func table(key: [String], _ map: GoMap) throws(Failure) {
        var direct: [String] = [], sub: [String] = []
        for (name, value) in map.storage { if try GoTOML.isTable(value) { sub.append(name) } else { direct.append(name) } }
        for name in direct.sorted(by: goStringLess) + sub.sorted(by: goStringLess) {
            try encode(key: key + [name], map.storage[name]!)
        }
    }

    private mutating func keyValue(key: [String], _ value: Value, inline: Bool) throws(Failure) {
        if key.isEmpty { try element(value); return }
        write(GoTOML.indent(key) + GoTOML.quotedKey(key[key.count - 1]) + " = ")
        try element(value)
        if !inline { newline() }
    }

    private mutating func element(_ value: Value) throws(Failure) {
        switch value {
        case .missing, .null: throw Failure(message: "toml: cannot encode array with nil element")
        case .bool(let b): write(b ? "true" : "false")
        case .int(let i): write(String(i))
        case .float(let d):
            if d.isNaN { write(d.sign == .minus ? "-nan" : "nan") }
            else if d.isInfinite { write(d < 0 ? "-inf" : "inf") }
            else {
                let text = GoFloatText.fixedShortest(d)
                write(text.contains(".") ? text : text + ".0")
            }
        case .string(let s): write("\"" + GoTOML.escape(s) + "\"")
        case .bytes(let bytes): try element(.list(bytes.map { .int(Int($0)) }))
        case .list(let items):
            write("[")
            for (index, item) in items.enumerated() {
                try element(item)
                if index != items.count - 1 { write(", ") }
            }
            write("]")
        case .map(let map):
            write("{")
            var direct: [String] = [], sub: [String] = []
            for (name, item) in map.storage { if try GoTOML.isTable(item) { sub.append(name) } else { direct.append(name) } }
            let groups = [direct.sorted(by: goStringLess), sub.sorted(by: goStringLess)]
            for (g, names) in groups.enumerated() {
                let live = names.filter { if case .null = map.storage[$0]! { return false }; return true }
                for (index, name) in live.enumerated() {
                    try keyValue(key: [name], map.storage[name]!, inline: true)
                    if (g == 0 && !sub.isEmpty) || index != live.count - 1 { write(", ") }
                }
            }
            write("}")
        case .object(let object): try element(object.jsonValue ?? .string(object.goFormatted))
        }
    }

    private static func isBare(_ key: String) -> Bool {
        !key.isEmpty && key.unicodeScalars.allSatisfy { c in
            (c >= "A" && c <= "Z") || (c >= "a" && c <= "z") || (c >= "0" && c <= "9") || c == "_" || c == "-"
        }
    }

    private static func quotedKey(_ key: String) -> String {
        if key.isEmpty { return "\"\"" }
        return isBare(key) ? key : "\"" + escape(key) + "\""
    }

    private static func dotted(_ key: [String]) -> String { key.map(quotedKey).joined(separator: ".") }

    /// BurntSushi's `dblQuotedReplacer`: quotes, backslashes and control characters.
    private static func escape(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{08}": out += "\\b"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\u{0C}": out += "\\f"
            case "\r": out += "\\r"
            default:
                if c.value < 0x20 || c.value == 0x7F {
                    let hex = String(c.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(c)
                }
            }
        }
        return out
    }
}
