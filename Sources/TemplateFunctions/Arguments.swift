import GoTemplate

/// Go's `text/template` argument checks for a function with a typed signature: the count
/// (`wrong number of args for quote: want 1 got 2`) and each parameter's type
/// (`wrong type for value; expected string; got float64`), with no conversions except what
/// reflection allows (a template's integer constant is an `int`).
struct Arguments {
    let name: String
    let values: [Value]

    init(_ name: String, _ values: [Value]) {
        self.name = name
        self.values = values
    }

    var count: Int { values.count }

    subscript(index: Int) -> Value { values[index] }

    /// Exactly `n` arguments.
    func expect(_ n: Int) throws(FunctionError) {
        guard values.count == n else {
            throw FunctionError("wrong number of args for \(name): want \(n) got \(values.count)", argumentCheck: .count)
        }
    }

    /// At least `n` arguments (a variadic Go function with `n` fixed parameters).
    func expect(atLeast n: Int) throws(FunctionError) {
        guard values.count >= n else {
            throw FunctionError("wrong number of args for \(name): want at least \(n) got \(values.count)", argumentCheck: .count)
        }
    }

    /// A `string` parameter.
    func string(_ index: Int) throws(FunctionError) -> String {
        switch values[index] {
        case .string(let s): return s
        case .missing, .null: throw FunctionError("invalid value; expected string", argumentCheck: .type(index: index, expected: "string"))
        default: throw FunctionError("wrong type for value; expected string; got \(GoText.typeName(values[index]))", argumentCheck: .type(index: index, expected: "string"))
        }
    }

    /// A `string` parameter as bytes. `.bytes` stands for a Go string holding bytes that are
    /// not UTF-8 (`.Files.Get` of a binary file), which a Swift String cannot carry.
    func stringBytes(_ index: Int) throws(FunctionError) -> [UInt8] {
        if case .bytes(let bytes) = values[index] { return bytes }
        return Array(try string(index).utf8)
    }

    /// An `int` parameter.
    func int(_ index: Int) throws(FunctionError) -> Int {
        switch values[index] {
        case .int(let i): return i
        case .missing, .null: throw FunctionError("invalid value; expected int", argumentCheck: .type(index: index, expected: "int"))
        default: throw FunctionError("wrong type for value; expected int; got \(GoText.typeName(values[index]))", argumentCheck: .type(index: index, expected: "int"))
        }
    }

    /// A `bool` parameter.
    func bool(_ index: Int) throws(FunctionError) -> Bool {
        switch values[index] {
        case .bool(let b): return b
        case .missing, .null: throw FunctionError("invalid value; expected bool", argumentCheck: .type(index: index, expected: "bool"))
        default: throw FunctionError("wrong type for value; expected bool; got \(GoText.typeName(values[index]))", argumentCheck: .type(index: index, expected: "bool"))
        }
    }

    /// A `map[string]interface{}` parameter; nil stands for Go's nil map (reads as empty).
    func map(_ index: Int) throws(FunctionError) -> GoMap? {
        switch values[index] {
        case .map(let m): return m
        case .missing, .null: return nil
        default:
            throw FunctionError("wrong type for value; expected map[string]interface {}; got \(GoText.typeName(values[index]))")
        }
    }

    /// A `[]interface{}` or `[]string` style parameter that Sprig reaches through reflection;
    /// nil when the value is not a slice.
    func list(_ index: Int) -> [Value]? {
        Arguments.slice(values[index])
    }

    /// The elements of a slice value (`[]byte` as numbers, as reflection sees it).
    static func slice(_ value: Value) -> [Value]? {
        switch value {
        case .list(let items): return items
        case .bytes(let bytes): return bytes.map { .int(Int($0)) }
        default: return nil
        }
    }

    /// `reflect.TypeOf(v).Kind()` in Sprig's "Cannot … on type %s" messages; a nil interface
    /// makes Go panic with a nil dereference.
    static func kindForError(_ value: Value) throws(FunctionError) -> String {
        if case .missing = value { throw FunctionError("runtime error: invalid memory address or nil pointer dereference") }
        if case .null = value { throw FunctionError("runtime error: invalid memory address or nil pointer dereference") }
        return GoText.kindName(value)
    }
}

extension FunctionTable {
    /// Registers a function that only needs its arguments, checked against Go's signature.
    mutating func add(_ name: String, _ body: @escaping @Sendable (Arguments) throws -> Value) {
        functions[name] = Function.pure { values in try body(Arguments(name, values)) }
    }
}

extension Value {
    /// `[]string` as a template value.
    static func strings(_ items: [String]) -> Value { .list(items.map { .string($0) }) }
}
