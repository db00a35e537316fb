import GoTemplate

/// How Go's `fmt` prints a value with `%v` (and `fmt.Sprint`), and Sprig's `strval`, which
/// everything string-like in Sprig goes through.
enum GoText {
    /// `fmt.Sprintf("%v", v)` through the engine's `GoFormat`: `<nil>` for nil, floats in
    /// shortest `%g` (`1e+06`), lists as `[a b]`, maps as `map[k:v]` in sorted key order. A
    /// missing value reaches a function as Go's nil interface, so it prints `<nil>` here.
    static func v(_ value: Value) -> String {
        if case .missing = value { return "<nil>" }
        return GoFormat.sprint(value)
    }

    /// Sprig's `strval`: strings as they are, `[]byte` as text, everything else `%v`.
    static func string(_ value: Value) -> String {
        switch value {
        case .string(let s): return s
        case .bytes(let bytes): return String(decoding: bytes, as: UTF8.self)
        default: return v(value)
        }
    }

    /// Go's name for the dynamic type, as `%T` and Sprig's `typeOf` print it. An int is taken
    /// for an int64: what `--set` integers and Sprig's arithmetic (`add`, `int64`, …) produce
    /// (helm prints `int64` for `typeOf` of `--set n=1`; see probe-semantics/set-and-file).
    static func typeName(_ value: Value) -> String {
        switch value {
        case .missing, .null: return "<nil>"
        case .bool: return "bool"
        case .int: return "int64"
        case .float: return "float64"
        case .string: return "string"
        case .bytes: return "[]uint8"
        case .list: return "[]interface {}"
        case .map(let map): return map.namedType ?? "map[string]interface {}"
        case .object(let object): return object.goTypeName
        }
    }

    /// `reflect.Kind` names, as Sprig's `kindOf` prints them.
    static func kindName(_ value: Value) -> String {
        switch value {
        case .missing, .null: return "invalid"
        case .bool: return "bool"
        case .int: return "int64"
        case .float: return "float64"
        case .string: return "string"
        case .bytes, .list: return "slice"
        case .map: return "map"
        case .object(let object): return object.goTypeName.hasPrefix("*") ? "ptr" : "struct"
        }
    }
}
