import GoTemplate

extension TemplateFunctions {
    /// Sprig's defaults and flow control (defaults.go, reflect.go, and `fail`).
    static func addLogic(to table: inout FunctionTable) {
        table.add("default") { a in
            try a.expect(atLeast: 1)
            if a.count < 2 || isEmpty(a[1]) { return a[0] }
            return a[1]
        }
        table.add("empty") { a in try a.expect(1); return .bool(isEmpty(a[0])) }
        table.add("coalesce") { a in a.values.first(where: { !isEmpty($0) }) ?? .null }
        table.add("all") { a in .bool(a.values.allSatisfy { !isEmpty($0) }) }
        table.add("any") { a in .bool(a.values.contains { !isEmpty($0) }) }
        table.add("ternary") { a in
            try a.expect(3)
            return try a.bool(2) ? a[0] : a[1]
        }
        table.add("fail") { a in
            try a.expect(1)
            throw FunctionError(try a.string(0))
        }
        table.add("typeOf") { a in try a.expect(1); return .string(GoText.typeName(a[0])) }
        table.add("kindOf") { a in try a.expect(1); return .string(GoText.kindName(a[0])) }
        table.add("typeIs") { a in try a.expect(2); return .bool(try a.string(0) == GoText.typeName(a[1])) }
        table.add("typeIsLike") { a in
            try a.expect(2)
            let target = try a.string(0), type = GoText.typeName(a[1])
            return .bool(target == type || "*" + target == type)
        }
        table.add("kindIs") { a in try a.expect(2); return .bool(try a.string(0) == GoText.kindName(a[1])) }
        table.add("deepEqual") { a in try a.expect(2); return .bool(deepEqual(a[0], a[1])) }
    }

    /// Sprig's `empty`: nil, zero numbers, `false`, and empty strings, lists and maps; a struct
    /// never is.
    public static func isEmpty(_ value: Value) -> Bool {
        switch value {
        case .missing, .null: return true
        case .bool(let b): return !b
        case .int(let i): return i == 0
        case .float(let d): return d == 0
        case .string(let s): return s.isEmpty
        case .bytes(let bytes): return bytes.isEmpty
        case .list(let items): return items.isEmpty
        case .map(let map): return map.count == 0
        case .object: return false
        }
    }
}
