/// Go's template comparison functions (funcs.go eq/lt/le): only basic kinds compare; ints and
/// floats never compare with each other ("incompatible types for comparison").
enum Comparison {
    enum Kind { case invalid, bool, int, float, string }

    static func kind(_ value: Value) -> Kind {
        switch value {
        case .bool: return .bool
        case .int: return .int
        case .float: return .float
        case .string: return .string
        default: return .invalid
        }
    }

    static func isNil(_ value: Value) -> Bool {
        switch value {
        case .missing, .null: return true
        default: return false
        }
    }

    static func eq(_ first: Value, _ others: [Value]) throws -> Bool {
        if others.isEmpty { throw FunctionError("missing argument for comparison") }
        let firstKind = kind(first)
        for other in others {
            let otherKind = kind(other)
            var truth = false
            if firstKind != otherKind {
                if !isNil(first) && !isNil(other) { throw FunctionError("incompatible types for comparison") }
            } else {
                switch (first, other) {
                case (.bool(let a), .bool(let b)): truth = a == b
                case (.int(let a), .int(let b)): truth = a == b
                case (.float(let a), .float(let b)): truth = a == b
                case (.string(let a), .string(let b)): truth = a == b
                default:
                    if isNil(first) || isNil(other) {
                        truth = isNil(first) == isNil(other)
                    } else {
                        switch other {
                        case .object: truth = false
                        default:
                            throw FunctionError("non-comparable type \(GoFormat.sprintf("%s", [other])): \(GoFormat.typeName(other))")
                        }
                    }
                }
            }
            if truth { return true }
        }
        return false
    }

    static func lt(_ first: Value, _ second: Value) throws -> Bool {
        let firstKind = kind(first)
        let secondKind = kind(second)
        if firstKind == .invalid || secondKind == .invalid { throw FunctionError("invalid type for comparison") }
        if firstKind != secondKind { throw FunctionError("incompatible types for comparison") }
        switch (first, second) {
        case (.int(let a), .int(let b)): return a < b
        case (.float(let a), .float(let b)): return a < b
        case (.string(let a), .string(let b)): return Array(a.utf8).lexicographicallyPrecedes(Array(b.utf8))
        default: throw FunctionError("invalid type for comparison")
        }
    }

    static func le(_ first: Value, _ second: Value) throws -> Bool {
        if try lt(first, second) { return true }
        return try eq(first, [second])
    }
}
