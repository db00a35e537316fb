/// The parse tree (text/template/parse/node.go), built once and walked by the executor.
/// Positions are byte offsets into the template's source. Nodes are stored inline in their
/// lists (no box per node) and text is a slice of the source, not a copy: a chart's parse trees
/// are most of a render's memory.
enum Node {
    case text(ArraySlice<UInt8>)
    /// `{{pipeline}}`: prints the value unless the pipeline declares variables.
    case action(position: Int, pipe: PipeNode)
    case ifNode(BranchNode)
    case rangeNode(BranchNode)
    case withNode(BranchNode)
    /// `{{template "name" pipeline}}` (also what `{{block}}` leaves in place).
    case template(position: Int, name: String, pipe: PipeNode?)
    case breakNode(position: Int)
    case continueNode(position: Int)
}

/// `if`, `range` and `with`: a pipeline, a body and an optional `else` body.
final class BranchNode {
    let position: Int
    let pipe: PipeNode
    let list: [Node]
    let elseList: [Node]?

    init(position: Int, pipe: PipeNode, list: [Node], elseList: [Node]?) {
        self.position = position
        self.pipe = pipe
        self.list = list
        self.elseList = elseList
    }
}

/// A pipeline: optional `$x :=`/`$x =` declarations, then commands joined by `|`.
final class PipeNode {
    let position: Int
    var isAssign = false
    var declarations: [String] = []
    var commands: [CommandNode] = []

    init(position: Int) { self.position = position }

    /// Go's PipeNode.String: `$x := a b | c`.
    var text: String {
        var result = ""
        if !declarations.isEmpty {
            result += declarations.joined(separator: ", ")
            result += isAssign ? " = " : " := "
        }
        result += commands.map(\.text).joined(separator: " | ")
        return result
    }
}

/// One command: a function or method call with arguments, or a single operand.
final class CommandNode {
    let position: Int
    var arguments: [Operand] = []

    init(position: Int) { self.position = position }

    var text: String {
        arguments.map { argument in
            if case .pipe(let pipe) = argument { return "(" + pipe.text + ")" }
            return argument.text
        }.joined(separator: " ")
    }
}

/// A function resolved when the template is parsed: a Go built-in or one from the table.
enum FunctionReference {
    case builtin(Builtin)
    case table(Function)
}

/// An operand of a command (boxed only where it nests: `(pipeline).A.B`).
enum Operand {
    /// `.A.B`: names without dots.
    case field(position: Int, names: [String])
    /// `$x.A.B`: the variable (with `$`) then field names.
    case variable(position: Int, name: String, fields: [String])
    case dot(position: Int)
    case nilValue(position: Int)
    case bool(position: Int, value: Bool)
    /// A number with the value Go gives an untyped constant (int, else float64), or why it has none.
    case number(position: Int, text: String, value: Value, overflow: Bool)
    case string(position: Int, quoted: String, value: String)
    case identifier(position: Int, name: String, function: FunctionReference)
    case pipe(PipeNode)
    /// `(pipeline).A.B`
    indirect case chain(position: Int, base: Operand, fields: [String])

    var position: Int {
        switch self {
        case .field(let position, _), .variable(let position, _, _), .dot(let position), .nilValue(let position),
             .bool(let position, _), .number(let position, _, _, _), .string(let position, _, _),
             .identifier(let position, _, _), .chain(let position, _, _):
            return position
        case .pipe(let pipe):
            return pipe.position
        }
    }

    /// Go's Node.String for error contexts.
    var text: String {
        switch self {
        case .field(_, let names): return names.map { "." + $0 }.joined()
        case .variable(_, let name, let fields): return name + fields.map { "." + $0 }.joined()
        case .dot: return "."
        case .nilValue: return "nil"
        case .bool(_, let value): return value ? "true" : "false"
        case .number(_, let text, _, _): return text
        case .string(_, let quoted, _): return quoted
        case .identifier(_, let name, _): return name
        case .pipe(let pipe): return "(" + pipe.text + ")"
        case .chain(_, let base, let fields):
            let head: String
            if case .pipe(let pipe) = base { head = "(" + pipe.text + ")" } else { head = base.text }
            return head + fields.map { "." + $0 }.joined()
        }
    }
}

/// A parsed template: its body and the source it came from (for error positions).
final class ParsedTemplate {
    let name: String
    let root: [Node]
    let source: TemplateSource

    init(name: String, root: [Node], source: TemplateSource) {
        self.name = name
        self.root = root
        self.source = source
    }

    /// parse.IsEmptyTree: only white-space text (and comments).
    var isEmpty: Bool {
        root.allSatisfy { node in
            if case .text(let bytes) = node { return bytes.allSatisfy(Lexer.isSpace) }
            return false
        }
    }
}

/// A parsed file's name (Go's ParseName) and text, to turn byte offsets into line and column.
final class TemplateSource: @unchecked Sendable {
    let name: String
    let bytes: [UInt8]

    init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }

    /// 1-based line and 0-based byte column of an offset, as Go's ErrorContext computes them.
    func location(of offset: Int) -> (line: Int, column: Int) {
        var line = 1
        var lastNewline = -1
        var index = 0
        let end = min(offset, bytes.count)
        while index < end {
            if bytes[index] == 0x0A { line += 1; lastNewline = index }
            index += 1
        }
        return (line, offset - lastNewline - 1)
    }
}
