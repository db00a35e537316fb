/// Go's template parser (text/template/parse/parse.go): recursive descent over the lexer's
/// tokens into `Node`s, with the same checks and messages: undefined variables and functions,
/// misplaced `{{end}}`/`{{else}}`, `{{break}}` outside `{{range}}`, empty pipelines.
struct Parser {
    let source: TemplateSource
    let tokens: [Token]
    /// The lexer's message for a trailing `.error` token.
    let lexError: String
    let functions: FunctionTable
    var index = 0
    var variables: [String] = ["$"]
    var rangeDepth = 0
    var actionLine = 0
    /// Templates found in this text (Go's treeSet), the file's own last.
    var trees: [String: ParsedTemplate] = [:]
    var order: [String] = []

    /// What `itemList` stopped at.
    enum Terminator { case end(Token), elseClause(Token) }

    struct Failure: Error { let error: TemplateError }

    init(source: TemplateSource, functions: FunctionTable) {
        self.source = source
        (self.tokens, self.lexError) = Lexer.tokenize(source.bytes)
        self.functions = functions
    }

    // MARK: tokens

    /// The next token; past the end the last one (EOF or an error) repeats, as Go's lexer does.
    mutating func next() -> Token {
        let token = tokens[min(index, tokens.count - 1)]
        index += 1
        return token
    }

    mutating func backup() { index -= 1 }

    func peek() -> Token { tokens[min(index, tokens.count - 1)] }

    mutating func nextNonSpace() -> Token {
        var token = next()
        while token.kind == .space { token = next() }
        return token
    }

    mutating func peekNonSpace() -> Token {
        let token = nextNonSpace()
        backup()
        return token
    }

    func value(_ token: Token) -> String {
        String(decoding: source.bytes[token.start..<token.end], as: UTF8.self)
    }

    // MARK: errors

    func error(_ message: String, line: Int) -> Failure {
        Failure(error: TemplateError(kind: .parse, fileName: source.name, templateName: "", line: line, column: 0,
                                     context: nil, message: message))
    }

    /// item.String: `EOF`, `<keyword>`, a quoted value cut to 10 bytes.
    func describe(_ token: Token) -> String {
        switch token.kind {
        case .eof: return "EOF"
        case .error: return lexError
        case .keywordBlock, .keywordBreak, .keywordContinue, .keywordDefine, .keywordElse, .keywordEnd,
             .keywordIf, .keywordNil, .keywordRange, .keywordTemplate, .keywordWith:
            return "<\(value(token))>"
        default:
            let text = value(token)
            if text.utf8.count > 10 { return GoFormat.sprintf("%.10q...", [.string(text)]) }
            return GoFormat.sprintf("%q", [.string(text)])
        }
    }

    /// parse.go unexpected: lexer errors print as themselves, naming where the action began.
    func unexpected(_ token: Token, _ context: String) -> Failure {
        if token.kind == .error {
            var extra = ""
            if actionLine != 0 && actionLine != token.line {
                extra = " in action started at \(source.name):\(actionLine)"
                if lexError.hasSuffix(" action") { extra = String(extra.dropFirst(" in action".count)) }
            }
            return error(lexError + extra, line: token.line)
        }
        return error("unexpected \(describe(token)) in \(context)", line: token.line)
    }

    mutating func expect(_ kind: Token.Kind, _ context: String) throws -> Token {
        let token = nextNonSpace()
        if token.kind != kind { throw unexpected(token, context) }
        return token
    }

    // MARK: top level

    /// Parses the whole text: the file's template named `name` plus its `define`s.
    mutating func parse(name: String) throws -> [ParsedTemplate] {
        var root: [Node] = []
        while peek().kind != .eof {
            if peek().kind == .leftDelim {
                let delimiterIndex = index
                _ = next()
                if nextNonSpace().kind == .keywordDefine {
                    try parseDefinition()
                    continue
                }
                index = delimiterIndex
            }
            switch try textOrAction() {
            case .node(let node): if let node { root.append(node) }
            case .terminator(.end(let token)): throw error("unexpected {{end}}", line: token.line)
            case .terminator(.elseClause(let token)): throw error("unexpected {{else}}", line: token.line)
            }
        }
        try add(ParsedTemplate(name: name, root: root, source: source), line: peek().line)
        return order.compactMap { trees[$0] }
    }

    /// treeSet add: an empty template never replaces one; two non-empty ones are an error.
    mutating func add(_ tree: ParsedTemplate, line: Int) throws {
        if let existing = trees[tree.name], !existing.isEmpty {
            if !tree.isEmpty { throw error("template: multiple definition of template \"\(tree.name)\"", line: line) }
            return
        }
        if trees[tree.name] == nil { order.append(tree.name) }
        trees[tree.name] = tree
    }

    mutating func parseDefinition() throws {
        let context = "define clause"
        let nameToken = nextNonSpace()
        guard nameToken.kind == .string || nameToken.kind == .rawString else { throw unexpected(nameToken, context) }
        let name = try unquote(nameToken)
        _ = try expect(.rightDelim, context)
        let savedVariables = variables
        variables = ["$"]
        let (list, terminator) = try itemList()
        variables = savedVariables
        guard case .end(let endToken) = terminator else {
            if case .elseClause(let token) = terminator { throw error("unexpected {{else}} in \(context)", line: token.line) }
            return
        }
        try add(ParsedTemplate(name: name, root: list, source: source), line: endToken.line)
    }

    enum Item { case node(Node?), terminator(Terminator) }

    /// Body up to `{{end}}` or `{{else}}`.
    mutating func itemList() throws -> ([Node], Terminator) {
        var list: [Node] = []
        while peekNonSpace().kind != .eof {
            switch try textOrAction() {
            case .node(let node): if let node { list.append(node) }
            case .terminator(let terminator): return (list, terminator)
            }
        }
        let token = peekNonSpace()
        if token.kind == .error { throw unexpected(token, "input") }
        throw error("unexpected EOF", line: token.line)
    }

    mutating func textOrAction() throws -> Item {
        let token = nextNonSpace()
        switch token.kind {
        case .text:
            return .node(.text(source.bytes[token.start..<token.end]))
        case .leftDelim:
            actionLine = token.line
            defer { actionLine = 0 }
            return try action()
        case .error:
            throw unexpected(token, "input")
        default:
            throw unexpected(token, "input")
        }
    }

    func unquote(_ token: Token) throws -> String {
        guard let text = GoUnquote.unquote(source.bytes[token.start..<token.end]) else {
            throw error("invalid syntax", line: token.line)
        }
        return text
    }
}
