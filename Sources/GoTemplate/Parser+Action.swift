/// Actions and control structures (parse.go action, parseControl, if/range/with/else/end,
/// template, block, break, continue).
extension Parser {
    mutating func action() throws -> Item {
        let token = nextNonSpace()
        switch token.kind {
        case .keywordBlock: return .node(try blockControl())
        case .keywordBreak, .keywordContinue:
            let word = token.kind == .keywordBreak ? "break" : "continue"
            let closing = nextNonSpace()
            if closing.kind != .rightDelim { throw unexpected(closing, "{{\(word)}}") }
            if rangeDepth == 0 { throw error("{{\(word)}} outside {{range}}", line: token.line) }
            return .node(token.kind == .keywordBreak ? .breakNode(position: token.start) : .continueNode(position: token.start))
        case .keywordElse:
            let peeked = peekNonSpace()
            if peeked.kind == .keywordIf || peeked.kind == .keywordWith { return .terminator(.elseClause(peeked)) }
            return .terminator(.elseClause(try expect(.rightDelim, "else")))
        case .keywordEnd:
            return .terminator(.end(try expect(.rightDelim, "end")))
        case .keywordIf: return .node(.ifNode(try parseControl("if")))
        case .keywordRange: return .node(.rangeNode(try parseControl("range")))
        case .keywordWith: return .node(.withNode(try parseControl("with")))
        case .keywordTemplate: return .node(try templateControl())
        default:
            backup()
            let start = peek()
            return .node(.action(position: start.start, pipe: try pipeline("command", end: .rightDelim)))
        }
    }

    /// if/range/with: pipeline, body, and `else`, `else if`, `else with` chains.
    mutating func parseControl(_ context: String) throws -> BranchNode {
        let savedCount = variables.count
        defer { variables.removeLast(variables.count - savedCount) }
        let pipe = try pipeline(context, end: .rightDelim)
        if context == "range" { rangeDepth += 1 }
        let (list, terminator) = try itemList()
        if context == "range" { rangeDepth -= 1 }
        var elseList: [Node]?
        if case .elseClause = terminator {
            if context == "if" && peekNonSpace().kind == .keywordIf {
                _ = nextNonSpace()
                elseList = [.ifNode(try parseControl("if"))]
            } else if context == "with" && peekNonSpace().kind == .keywordWith {
                _ = nextNonSpace()
                elseList = [.withNode(try parseControl("with"))]
            } else {
                let (list, next) = try itemList()
                if case .elseClause(let token) = next { throw error("expected end; found {{else}}", line: token.line) }
                elseList = list
            }
        }
        return BranchNode(position: pipe.position, pipe: pipe, list: list, elseList: elseList)
    }

    mutating func templateName(_ token: Token, _ context: String) throws -> String {
        guard token.kind == .string || token.kind == .rawString else { throw unexpected(token, context) }
        return try unquote(token)
    }

    mutating func templateControl() throws -> Node {
        let context = "template clause"
        let token = nextNonSpace()
        let name = try templateName(token, context)
        var pipe: PipeNode?
        if nextNonSpace().kind != .rightDelim {
            backup()
            pipe = try pipeline(context, end: .rightDelim)
        }
        return .template(position: token.start, name: name, pipe: pipe)
    }

    /// `{{block "name" pipeline}}body{{end}}`: defines `name` and runs it in place.
    mutating func blockControl() throws -> Node {
        let context = "block clause"
        let token = nextNonSpace()
        let name = try templateName(token, context)
        let pipe = try pipeline(context, end: .rightDelim)
        let savedVariables = variables
        let savedDepth = rangeDepth
        variables = ["$"]
        rangeDepth = 0
        let (list, terminator) = try itemList()
        variables = savedVariables
        rangeDepth = savedDepth
        if case .elseClause(let elseToken) = terminator {
            throw error("unexpected {{else}} in \(context)", line: elseToken.line)
        }
        try add(ParsedTemplate(name: name, root: list, source: source), line: token.line)
        return .template(position: token.start, name: name, pipe: pipe)
    }

    /// A pipeline with optional declarations, up to `end` (`}}` or `)`).
    mutating func pipeline(_ context: String, end: Token.Kind) throws -> PipeNode {
        let pipe = PipeNode(position: peekNonSpace().start)
        declarations: while peekNonSpace().kind == .variable {
            let variableIndex = index
            let variable = nextNonSpace()
            let following = peekNonSpace()
            let name = value(variable)
            if following.kind == .assign || following.kind == .declare {
                pipe.isAssign = following.kind == .assign
                _ = nextNonSpace()
                pipe.declarations.append(name)
                variables.append(name)
            } else if following.kind == .char && value(following) == "," {
                _ = nextNonSpace()
                pipe.declarations.append(name)
                variables.append(name)
                if context == "range" && pipe.declarations.count < 2 {
                    switch peekNonSpace().kind {
                    case .variable, .rightDelim, .rightParen: continue declarations
                    default: throw error("range can only initialize variables", line: following.line)
                    }
                }
                throw error("too many declarations in \(context)", line: following.line)
            } else {
                // "$x foo" or "$x}}": the variable is an operand; put it back.
                index = variableIndex
            }
            break
        }
        while true {
            let token = nextNonSpace()
            switch token.kind {
            case end:
                if pipe.commands.isEmpty { throw error("missing value for \(context)", line: token.line) }
                for (offset, command) in pipe.commands.dropFirst().enumerated() {
                    switch command.arguments[0] {
                    case .bool, .dot, .nilValue, .number, .string:
                        throw error("non executable command in pipeline stage \(offset + 2)", line: token.line)
                    default: break
                    }
                }
                return pipe
            case .bool, .charConstant, .dot, .field, .identifier, .number, .keywordNil, .rawString, .string,
                 .variable, .leftParen:
                backup()
                pipe.commands.append(try command())
            default:
                throw unexpected(token, context)
            }
        }
    }

    mutating func command() throws -> CommandNode {
        let command = CommandNode(position: peekNonSpace().start)
        loop: while true {
            _ = peekNonSpace()
            while peek().kind == .space { _ = next() }
            if let operand = try operand() { command.arguments.append(operand) }
            let token = next()
            switch token.kind {
            case .space: continue loop
            case .rightDelim, .rightParen: backup()
            case .pipe: break
            default: throw unexpected(token, "operand")
            }
            break
        }
        if command.arguments.isEmpty { throw error("empty command", line: peek().line) }
        return command
    }

    /// A term followed by `.Field`s: `.A.B`, `$x.A`, `(pipe).A`.
    mutating func operand() throws -> Operand? {
        guard let term = try term() else { return nil }
        guard peek().kind == .field else { return term }
        let chainPosition = peek().start
        var fields: [String] = []
        while peek().kind == .field { fields.append(String(value(next()).dropFirst())) }
        switch term {
        case .field(_, let names): return .field(position: chainPosition, names: names + fields)
        case .variable(_, let name, let existing): return .variable(position: chainPosition, name: name, fields: existing + fields)
        case .bool, .string, .number, .nilValue, .dot:
            throw error("unexpected . after term \(GoFormat.sprintf("%q", [.string(term.text)]))", line: peek().line)
        default:
            return .chain(position: chainPosition, base: term, fields: fields)
        }
    }

    mutating func term() throws -> Operand? {
        let token = nextNonSpace()
        switch token.kind {
        case .identifier:
            let name = value(token)
            if let function = functions[name] { return .identifier(position: token.start, name: name, function: .table(function)) }
            if let builtin = Builtin(rawValue: name) { return .identifier(position: token.start, name: name, function: .builtin(builtin)) }
            throw error("function \(GoFormat.sprintf("%q", [.string(name)])) not defined", line: token.line)
        case .dot: return .dot(position: token.start)
        case .keywordNil: return .nilValue(position: token.start)
        case .variable:
            let text = value(token)
            guard variables.contains(text) else {
                throw error("undefined variable \(GoFormat.sprintf("%q", [.string(text)]))", line: token.line)
            }
            return .variable(position: token.start, name: text, fields: [])
        case .field:
            return .field(position: token.start, names: [String(value(token).dropFirst())])
        case .bool:
            return .bool(position: token.start, value: value(token) == "true")
        case .charConstant, .number:
            let text = value(token)
            guard let constant = GoNumber.parse(text, isChar: token.kind == .charConstant) else {
                throw error("illegal number syntax: \(GoFormat.sprintf("%q", [.string(text)]))", line: token.line)
            }
            if case .failure(let message) = constant { throw error(message, line: token.line) }
            guard case .success(let value, let overflow) = constant else { return nil }
            return .number(position: token.start, text: text, value: value, overflow: overflow)
        case .leftParen:
            return .pipe(try pipeline("parenthesized pipeline", end: .rightParen))
        case .string, .rawString:
            return .string(position: token.start, quoted: value(token), value: try unquote(token))
        default:
            backup()
            return nil
        }
    }
}
