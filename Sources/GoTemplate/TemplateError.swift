/// A parse or execution error, printed with Go's exact text.
///
/// - parse: `template: NAME:LINE: MESSAGE` (parse.go `errorf`);
/// - execution: `template: NAME:LINE:COL: executing "TEMPLATE" at <NODE>: MESSAGE` (exec.go
///   `errorf`), where NAME is the file the node was parsed from, TEMPLATE the template running,
///   COL a 0-based byte offset in the line and NODE the node's whole text (Go 1.23+);
/// - execution without a node: `template: TEMPLATE: MESSAGE`, or `template: MESSAGE` when no
///   template runs yet (`template: no template "x" associated with template "gotpl"`, what
///   `ExecuteTemplate` and so Helm's `include` say for an unknown name).
///
/// Helm rewrites errors of `fail` and `required` as `execution error at (NAME:LINE:COL): MSG`;
/// `fileName`, `line`, `column` and `functionMessage` give it the parts.
public struct TemplateError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case parse
        case execution
    }

    public var kind: Kind
    /// The file (Go's `ParseName`) the failing node was parsed from.
    public var fileName: String
    /// The template being executed (`executing "…"`); empty for parse errors.
    public var templateName: String
    /// 1-based line; 0 when the error has no position.
    public var line: Int
    /// 0-based byte offset in the line, as Go prints it; execution errors only.
    public var column: Int
    /// The node's text after `at <`, whole, as Go 1.23+ prints it; nil when absent.
    public var context: String?
    /// The message after the position (`error calling fail: boom`, `unexpected EOF`).
    public var message: String
    /// For `error calling FN: MSG`, the function's name and its own message.
    public var functionName: String?
    public var functionMessage: String?

    public init(kind: Kind, fileName: String, templateName: String, line: Int, column: Int,
                context: String?, message: String, functionName: String? = nil, functionMessage: String? = nil) {
        self.kind = kind
        self.fileName = fileName
        self.templateName = templateName
        self.line = line
        self.column = column
        self.context = context
        self.message = message
        self.functionName = functionName
        self.functionMessage = functionMessage
    }

    public var description: String {
        switch kind {
        case .parse:
            return "template: \(fileName):\(line): \(message)"
        case .execution:
            guard let context else {
                if templateName.isEmpty { return "template: \(message)" }
                return "template: \(templateName): \(message)"
            }
            let quotedName = GoFormat.sprintf("%q", [.string(templateName)])
            return "template: \(fileName):\(line):\(column): executing \(quotedName) at <\(context)>: \(message)"
        }
    }
}
