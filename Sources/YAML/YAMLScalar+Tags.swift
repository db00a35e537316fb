import GitOpsAPI

extension YAMLScalar {
    /// The go-yaml short form of a libyaml tag (`tag:yaml.org,2002:int` → `!!int`).
    static func shortTag(_ tag: String) -> String {
        let prefix = "tag:yaml.org,2002:"
        return tag.hasPrefix(prefix) ? "!!" + tag.dropFirst(prefix.count) : tag
    }

    /// What a scalar means given its (short) tag and whether it was written plain.
    /// - Throws: a message when an explicit tag does not fit the text (`!!int abc`).
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, tag: String?, plain: Bool, yaml11Booleans: Bool = true) throws(TagMismatch) -> JSONValue {
        guard let tag else {
            if plain, let value = resolvePlain(bytes, yaml11Booleans: yaml11Booleans) { return value }
            return .string(String(decoding: bytes, as: UTF8.self))
        }
        // An explicit standard tag resolves the text whatever its quoting, as go-yaml does.
        let resolved = { resolvePlain(bytes) ?? .string(String(decoding: bytes, as: UTF8.self)) }
        switch tag {
        case "!!bool":
            if case .bool = resolved() { return resolved() }
        case "!!int":
            if case .int = resolved() { return resolved() }
        case "!!float":
            switch resolved() {
            case .double(let value): return .double(value)
            case .int(let value): return .double(Double(value))
            default: break
            }
        case "!!null":
            if case .null = resolved() { return .null }
        case "!!map", "!!seq":
            throw TagMismatch(message: "\(tag) tag on a scalar")
        default:
            // !!str, !!binary (the base64 text is kept), !!timestamp, `!` and custom tags.
            return .string(String(decoding: bytes, as: UTF8.self))
        }
        let text = String(decoding: bytes, as: UTF8.self)
        throw TagMismatch(message: "cannot decode \(describe(resolved())) `\(text)` as a \(tag)")
    }

    /// A tag that does not fit its scalar; the reader adds the position.
    struct TagMismatch: Error {
        var message: String
    }

    private static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: return "!!null"
        case .bool: return "!!bool"
        case .int: return "!!int"
        case .double: return "!!float"
        default: return "!!str"
        }
    }

    /// The string a map key becomes, as `sigs.k8s.io/yaml` converts keys for JSON: ints in
    /// decimal, booleans as `true`/`false`, floats as Go prints a float32. Nil for keys JSON
    /// cannot hold (null, lists, maps).
    static func keyString(_ key: JSONValue) -> String? {
        switch key {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .bool(let b): return b ? "true" : "false"
        case .double(let d): return GoFloat.format(d, float32: true)
        case .null, .array, .object: return nil
        }
    }
}
