/// A function callable from a template (`{{ include "x" . | nindent 4 }}`): Go's built-ins, Sprig's
/// and Helm's. Arguments arrive evaluated, piped value last, as in Go.
public struct Function: Sendable {
    public typealias Body = @Sendable (_ arguments: [Value], _ context: any CallContext) throws -> Value
    public let body: Body

    public init(_ body: @escaping Body) {
        self.body = body
    }

    /// A function that does not need the template context.
    public static func pure(_ body: @escaping @Sendable (_ arguments: [Value]) throws -> Value) -> Function {
        Function { arguments, _ in try body(arguments) }
    }
}

/// Name → function. Later registrations replace earlier ones, as `template.Funcs` does.
public struct FunctionTable: Sendable {
    public var functions: [String: Function]

    public init(_ functions: [String: Function] = [:]) {
        self.functions = functions
    }

    public subscript(name: String) -> Function? {
        get { functions[name] }
        set { functions[name] = newValue }
    }

    public mutating func merge(_ other: FunctionTable) {
        functions.merge(other.functions) { _, new in new }
    }
}

/// What a function may ask of the template that is running it: Helm's `include` executes a named
/// template into a string, `tpl` parses and runs a string, error messages name the position.
public protocol CallContext: AnyObject {
    /// Runs the template defined (or parsed) as `name` with `data` as dot; the output as a string.
    func executeTemplate(named name: String, data: Value) throws -> String
    /// Parses `text` as a new template named `name` in a copy of the running template set (its
    /// `define`s visible only to it) and runs it with `data` as dot.
    func executeText(_ text: String, named name: String, data: Value) throws -> String
    /// The name of the template being executed (for Helm's `tpl` error positions).
    var currentTemplateName: String { get }
}

/// An error a function returns (Go's second return value). The engine wraps it with the template
/// position and the call, as Go does: `template: NAME:LINE:COL: executing "NAME" at <fail "x">:
/// error calling fail: x`.
public struct FunctionError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    /// Set when Go's reflection, not the function, would have refused the call: the count
    /// (`wrong number of args`, reported at the function's name) or the type of the argument at
    /// this index (reported at that argument, as `expected integer; found "x"` for a constant).
    public var argumentCheck: ArgumentCheck?

    public enum ArgumentCheck: Sendable, Equatable {
        case count
        /// The 0-based argument and the parameter's Go type (`string`, `int`, `float64`, `bool`).
        case type(index: Int, expected: String)
    }

    public init(_ message: String, argumentCheck: ArgumentCheck? = nil) {
        self.message = message
        self.argumentCheck = argumentCheck
    }

    public var description: String { message }
}
