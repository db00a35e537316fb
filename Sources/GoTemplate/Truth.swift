/// Go's `template.IsTrue`: false for invalid and nil values, false, zero numbers and empty
/// strings, lists and maps; true for everything else (structs and objects included).
public enum Truth {
    public static func isTrue(_ value: Value) -> Bool {
        switch value {
        case .missing, .null: return false
        case .bool(let bool): return bool
        case .int(let int): return int != 0
        case .float(let double): return double != 0
        case .string(let string): return !string.isEmpty
        case .bytes(let bytes): return !bytes.isEmpty
        case .list(let list): return !list.isEmpty
        case .map(let map): return map.count > 0
        case .object(let object):
            // Structs are always true; slice and map types by their length.
            if let collection = object.goCollection { return isTrue(collection) }
            return true
        }
    }
}
