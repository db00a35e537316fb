import GitOpsAPI
import GoTemplate

/// Values as Helm holds them (`map[string]interface{}` decoded by `sigs.k8s.io/yaml`): every
/// number a float64, maps with reference semantics; and the copies Helm makes with `copystructure`.
enum ValueConversion {
    static func value(from json: JSONValue) -> Value {
        switch json {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .float(Double(i))
        case .double(let d): return .float(d)
        case .string(let s): return .string(s)
        case .array(let a): return .list(a.map(value(from:)))
        case .object(let o):
            var storage: [String: Value] = [:]
            storage.reserveCapacity(o.count)
            for (k, v) in o { storage[k] = value(from: v) }
            return .map(GoMap(storage))
        }
    }

    /// A YAML document as a values map; anything but a map (or an empty file) is an empty map.
    static func map(from json: JSONValue) -> GoMap {
        if case .map(let m) = value(from: json) { return m }
        return GoMap()
    }

    /// `copystructure.Copy`: maps and lists copied all the way down.
    static func deepCopy(_ value: Value) -> Value {
        switch value {
        case .map(let m): return .map(deepCopy(m))
        case .list(let l): return .list(l.map(deepCopy))
        default: return value
        }
    }

    static func deepCopy(_ map: GoMap) -> GoMap {
        var storage: [String: Value] = [:]
        storage.reserveCapacity(map.count)
        for (k, v) in map.storage { storage[k] = deepCopy(v) }
        return GoMap(storage)
    }

    /// `Values.Table("a.b.c")`: the map at a dotted path, or nil.
    static func table(_ root: GoMap, _ path: String) -> GoMap? {
        var current = root
        for part in path.split(separator: ".", omittingEmptySubsequences: false) {
            guard case .map(let next)? = current[String(part)] else { return nil }
            current = next
        }
        return current
    }

    /// `Values.PathValue("a.b")`: a non-table value at a dotted path, or nil.
    static func pathValue(_ root: GoMap, _ path: String) -> Value? {
        var parts = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let key = parts.removeLast()
        let parent = parts.isEmpty ? root : table(root, parts.joined(separator: "."))
        guard let value = parent?[key] else { return nil }
        if case .map = value { return nil }
        return value
    }

    static func isTable(_ value: Value?) -> Bool {
        if case .map? = value { return true }
        return false
    }

    static func isNull(_ value: Value?) -> Bool {
        if case .null? = value { return true }
        return false
    }
}
