/// A YAML document could not be read: what went wrong and where.
public struct YAMLError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file the text came from, when the caller named it.
    public var file: String?
    /// 1-based line of the problem.
    public var line: Int
    /// 1-based column of the problem.
    public var column: Int
    /// What went wrong, without the position.
    public var message: String

    /// An error at a 1-based line and column of `file` (nil when the text has no file).
    public init(file: String?, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `file:line:column: message`, or `line L, column C: message` without a file.
    public var description: String {
        if let file { return "\(file):\(line):\(column): \(message)" }
        return "line \(line), column \(column): \(message)"
    }
}
