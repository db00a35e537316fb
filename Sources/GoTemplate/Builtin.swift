/// Go's built-in template functions (text/template/funcs.go), with its error messages.
enum Builtin: String {
    case and, or, not, len, index, slice, print, printf, println
    case eq, ne, lt, le, gt, ge, html, js, urlquery, call

    enum Arity { case exactly(Int), atLeast(Int) }

    var arity: Arity {
        switch self {
        case .and, .or, .index, .slice, .printf, .eq, .call: return .atLeast(1)
        case .not, .len: return .exactly(1)
        case .ne, .lt, .le, .gt, .ge: return .exactly(2)
        case .print, .println, .html, .js, .urlquery: return .atLeast(0)
        }
    }

    /// Calls the function on evaluated arguments (`.missing` standing for Go's invalid value and
    /// `nil`). `and`/`or` short-circuit in the executor instead.
    func call(_ arguments: [Value]) throws -> Value {
        switch self {
        case .and, .or:
            for argument in arguments where Truth.isTrue(argument) == (self == .or) { return argument }
            return arguments.last ?? .missing
        case .not: return .bool(!Truth.isTrue(arguments[0]))
        case .len: return .int(try Builtin.length(arguments[0].collectionView))
        case .index: return try Builtin.index(arguments[0].collectionView, Array(arguments.dropFirst()))
        case .slice: return try Builtin.slice(arguments[0].collectionView, Array(arguments.dropFirst()))
        case .print: return .string(GoFormat.sprint(arguments.map(Execution.forFunction)))
        case .println: return .string(GoFormat.sprintln(arguments.map(Execution.forFunction)))
        case .printf:
            guard case .string(let format) = arguments[0] else { return .missing }
            return .string(GoFormat.sprintf(format, arguments.dropFirst().map(Execution.forFunction)))
        case .eq: return .bool(try Comparison.eq(arguments[0], Array(arguments.dropFirst())))
        case .ne: return .bool(!(try Comparison.eq(arguments[0], [arguments[1]])))
        case .lt: return .bool(try Comparison.lt(arguments[0], arguments[1]))
        case .le: return .bool(try Comparison.le(arguments[0], arguments[1]))
        case .gt: return .bool(!(try Comparison.le(arguments[0], arguments[1])))
        case .ge: return .bool(!(try Comparison.lt(arguments[0], arguments[1])))
        case .html: return .string(Escaping.html(Builtin.evalArgs(arguments)))
        case .js: return .string(Escaping.js(Builtin.evalArgs(arguments)))
        case .urlquery: return .string(Escaping.queryEscape(Builtin.evalArgs(arguments)))
        case .call:
            switch arguments[0] {
            case .missing, .null: throw FunctionError("call of nil")
            default: throw FunctionError("non-function of type \(GoFormat.typeName(arguments[0]))")
            }
        }
    }

    /// funcs.go evalArgs: one string as is, else `fmt.Sprint` with nil printed as `<no value>`.
    static func evalArgs(_ arguments: [Value]) -> String {
        if arguments.count == 1, case .string(let string) = arguments[0] { return string }
        return GoFormat.sprint(arguments.map { value -> Value in
            switch value {
            case .missing, .null: return .string("<no value>")
            default: return value
            }
        })
    }

    static func length(_ item: Value) throws -> Int {
        switch item {
        case .missing: throw FunctionError("reflect: call of reflect.Value.Type on zero Value")
        case .null: throw FunctionError("len of nil pointer")
        case .string(let string): return string.utf8.count
        case .bytes(let bytes): return bytes.count
        case .list(let list): return list.count
        case .map(let map): return map.count
        default: throw FunctionError("len of type \(GoFormat.typeName(item))")
        }
    }

    /// An int index within `0...count` (funcs.go indexArg).
    static func indexArgument(_ index: Value, count: Int) throws -> Int {
        switch index {
        case .int(let int):
            if int < 0 || int > count { throw FunctionError("index out of range: \(int)") }
            return int
        case .missing, .null: throw FunctionError("cannot index slice/array with nil")
        default: throw FunctionError("cannot index slice/array with type \(GoFormat.typeName(index))")
        }
    }

    static func index(_ item: Value, _ indexes: [Value]) throws -> Value {
        var current = item
        switch current {
        case .missing, .null: throw FunctionError("index of untyped nil")
        default: break
        }
        for index in indexes {
            switch current {
            case .null, .missing:
                throw FunctionError("index of nil pointer")
            case .list(let list):
                let position = try indexArgument(index, count: list.count)
                if position == list.count { throw FunctionError("reflect: slice index out of range") }
                current = list[position]
            case .bytes(let bytes):
                let position = try indexArgument(index, count: bytes.count)
                if position == bytes.count { throw FunctionError("reflect: slice index out of range") }
                current = .int(Int(bytes[position]))
            case .string(let string):
                let utf8 = Array(string.utf8)
                let position = try indexArgument(index, count: utf8.count)
                if position == utf8.count { throw FunctionError("reflect: string index out of range") }
                current = .int(Int(utf8[position]))
            case .object(let object) where object.goCollection != nil:
                current = try Builtin.index(object.goCollection!, [index])
            case .map(let map):
                switch index {
                case .string(let key): current = map.storage[key] ?? .null
                case .missing, .null: throw FunctionError("value is nil; should be of type string")
                default: throw FunctionError("value has type \(GoFormat.typeName(index)); should be string")
                }
            default:
                throw FunctionError("can't index item of type \(GoFormat.typeName(current))")
            }
        }
        return current
    }

    static func slice(_ item: Value, _ indexes: [Value]) throws -> Value {
        if indexes.count > 3 { throw FunctionError("too many slice indexes: \(indexes.count)") }
        let count: Int
        switch item {
        case .missing, .null: throw FunctionError("slice of untyped nil")
        case .string(let string):
            if indexes.count == 3 { throw FunctionError("cannot 3-index slice a string") }
            count = string.utf8.count
        case .list(let list): count = list.count
        case .bytes(let bytes): count = bytes.count
        default: throw FunctionError("can't slice item of type \(GoFormat.typeName(item))")
        }
        var bounds = [0, count, count]
        for (position, index) in indexes.enumerated() {
            bounds[position] = try indexArgument(index, count: count)
        }
        if bounds[0] > bounds[1] { throw FunctionError("invalid slice index: \(bounds[0]) > \(bounds[1])") }
        if indexes.count == 3 && bounds[1] > bounds[2] { throw FunctionError("invalid slice index: \(bounds[1]) > \(bounds[2])") }
        switch item {
        case .string(let string): return .string(String(decoding: Array(string.utf8)[bounds[0]..<bounds[1]], as: UTF8.self))
        case .list(let list): return .list(Array(list[bounds[0]..<bounds[1]]))
        case .bytes(let bytes): return .bytes(Array(bytes[bounds[0]..<bounds[1]]))
        default: return .missing
        }
    }
}

extension Value {
    /// The elements of an object of a slice or map type (`goCollection`), else the value itself.
    var collectionView: Value {
        if case .object(let object) = self, let collection = object.goCollection { return collection }
        return self
    }
}
