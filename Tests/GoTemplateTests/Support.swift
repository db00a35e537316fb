import GoTemplate

/// Builds a `Value` from Swift literals: Int → int, Double → float64, [Any] → list,
/// [String: Any] → map, nil (Optional.none) → null.
func value(_ any: Any?) -> Value {
    guard let any else { return .null }
    switch any {
    case let value as Value: return value
    case let bool as Bool: return .bool(bool)
    case let int as Int: return .int(int)
    case let double as Double: return .float(double)
    case let string as String: return .string(string)
    case let bytes as [UInt8]: return .bytes(bytes)
    case let list as [Any?]: return .list(list.map(value))
    case let map as [String: Any?]: return .map(GoMap(map.mapValues(value)))
    default: fatalError("unsupported test value \(any)")
    }
}

/// The data most execution tests run against (after exec_test.go's tVal, as a map).
func testData() -> Value {
    value([
        "True": true, "I": 17, "U16": 16, "X": "x", "S": "xyz", "FloatZero": 0.0, "ComplexZero": 0,
        "SI": [3, 4, 5], "SIEmpty": [Any?](), "SB": [true, false],
        "MSI": ["one": 1, "two": 2, "three": 3], "MSIone": ["one": 1], "MSIEmpty": [String: Any?](),
        "MXI": ["x": nil],
        "Empty0": nil, "Empty1": 3, "Empty2": "empty2", "Empty3": [7, 8], "Empty4": ["UinEmpty": 2],
        "NonEmptyInterface": ["X": "x"],
        "Str": "foozle", "Err": nil, "NilOKFunc": nil,
        "Values": ["replicas": 3.0, "name": "web", "nested": ["a": ["b": "deep"]], "list": ["a", "b"],
                   "nothing": nil, "zero": 0.0, "empty": ""],
        "V0": 6666, "F": 1.5, "Big": 1000000.0, "Tiny": 0.00001,
    ])
}

/// Parses `text` as template `name` in a new set and runs it.
func render(_ text: String, _ data: Value = testData(), functions: FunctionTable = FunctionTable(),
            missingKey: MissingKeyOption = .invalid, name: String = "t") throws -> String {
    let set = TemplateSet(functions: functions, missingKey: missingKey)
    try set.parse(name: name, text: text)
    return try set.execute(name: name, data: data)
}

/// The error text `render` fails with, or nil when it succeeds.
func renderError(_ text: String, _ data: Value = testData(), functions: FunctionTable = FunctionTable(),
                 missingKey: MissingKeyOption = .invalid) -> String? {
    do {
        _ = try render(text, data, functions: functions, missingKey: missingKey)
        return nil
    } catch {
        return "\(error)"
    }
}

/// One table row: a template, and the output or the exact error text it must give.
struct Case: Sendable, CustomStringConvertible {
    let name: String
    let template: String
    let expected: String
    let isError: Bool

    init(_ name: String, _ template: String, _ expected: String) {
        self.name = name
        self.template = template
        self.expected = expected
        self.isError = false
    }

    init(_ name: String, _ template: String, error: String) {
        self.name = name
        self.template = template
        self.expected = error
        self.isError = true
    }

    var description: String { name }
}

/// Functions the execution tables use (after exec_test.go's funcs).
let testFunctions: FunctionTable = {
    var table = FunctionTable()
    table["fail"] = .pure { arguments in
        if case .string(let message) = arguments.first { throw FunctionError(message) }
        throw FunctionError("failed")
    }
    table["die"] = .pure { _ in throw FunctionError("die") }
    table["echo"] = .pure { arguments in arguments.first ?? .null }
    table["add"] = .pure { arguments in
        var total = 0
        for argument in arguments { if case .int(let int) = argument { total += int } }
        return .int(total)
    }
    table["count"] = .pure { arguments in
        guard case .int(let count) = arguments.first else { return .null }
        return .list((0..<count).map { .string(String(Character(Unicode.Scalar(UInt8(97 + $0))))) })
    }
    table["makemap"] = .pure { arguments in
        let map = GoMap()
        var index = 0
        while index + 1 < arguments.count {
            if case .string(let key) = arguments[index] { map[key] = arguments[index + 1] }
            index += 2
        }
        return .map(map)
    }
    table["typeOf"] = .pure { arguments in .string(GoFormat.typeName(arguments.first ?? .null)) }
    table["isNull"] = .pure { arguments in
        if case .null = arguments.first { return .bool(true) }
        return .bool(false)
    }
    return table
}()

/// Runs a table row and reports what it produced.
func outcome(_ row: Case, missingKey: MissingKeyOption = .invalid) -> String {
    do {
        let result = try render(row.template, functions: testFunctions, missingKey: missingKey)
        return row.isError ? "unexpected success: \(result)" : result
    } catch {
        return row.isError ? "\(error)" : "unexpected error: \(error)"
    }
}
