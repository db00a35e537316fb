/// One run of a template (exec.go `state`): the output, the variable stack, the template whose
/// nodes are being walked. Functions reach back into it through `CallContext` (Helm's `include`
/// and `tpl`), each such call running in a fresh execution over the same set.
final class Execution: CallContext {
    struct Variable {
        var name: String
        var value: Value
        /// Whether the value's static Go type is `interface {}` (a map or slice element).
        var viaInterface: Bool
    }

    /// How a walk ended: normally, or by `{{break}}`/`{{continue}}` inside a range.
    enum Flow { case normal, breakLoop, continueLoop }

    let set: TemplateSet
    var output: [UInt8] = []
    var variables: [Variable] = []
    var template: ParsedTemplate!
    var depth = 0
    /// Nested `template` calls and executions through `include`/`tpl` share this limit.
    static let maxDepth = 10_000

    init(set: TemplateSet, depth: Int = 0) {
        self.set = set
        self.depth = depth
        output.reserveCapacity(4096)
    }

    var missingKey: MissingKeyOption { self.set.missingKey }

    // MARK: CallContext

    var currentTemplateName: String { template?.name ?? self.set.name }

    func executeTemplate(named name: String, data: Value) throws -> String {
        try checkDepth()
        let execution = Execution(set: set, depth: depth + 1)
        return try execution.run(templateNamed: name, data: data)
    }

    func executeText(_ text: String, named name: String, data: Value) throws -> String {
        try checkDepth()
        let copy = set.copy()
        try copy.parse(name: name, text: text)
        let execution = Execution(set: copy, depth: depth + 1)
        return try execution.run(templateNamed: name, data: data)
    }

    func checkDepth() throws {
        if depth >= Execution.maxDepth {
            throw TemplateError(kind: .execution, fileName: template?.source.name ?? set.name, templateName: currentTemplateName,
                                line: 0, column: 0, context: nil, message: "exceeded maximum template depth (\(Execution.maxDepth))")
        }
    }

    // MARK: running

    func run(templateNamed name: String, data: Value) throws -> String {
        guard let template = set.lookup(name) else {
            throw TemplateError(kind: .execution, fileName: set.name, templateName: "", line: 0, column: 0, context: nil,
                                message: "no template \(GoFormat.sprintf("%q", [.string(name)])) associated with template \(GoFormat.sprintf("%q", [.string(set.name)]))")
        }
        self.template = template
        let dot: Value
        if case .null = data { dot = .missing } else { dot = data }
        variables = [Variable(name: "$", value: dot, viaInterface: false)]
        _ = try walk(template.root, dot: dot, dotViaInterface: false)
        return String(decoding: output, as: UTF8.self)
    }

    /// exec.go errorf: `template: FILE:LINE:COL: executing "NAME" at <NODE>: MESSAGE`. Since Go 1.23
    /// `ErrorContext` gives the node's whole text (older Go cut it to 20 bytes plus `...`).
    func failure(_ message: String, at position: Int, node: String,
                 functionName: String? = nil, functionMessage: String? = nil) -> TemplateError {
        let (line, column) = template.source.location(of: position)
        let context = node
        return TemplateError(kind: .execution, fileName: template.source.name, templateName: template.name,
                             line: line, column: column, context: context, message: message,
                             functionName: functionName, functionMessage: functionMessage)
    }

    // MARK: walking

    func walk(_ list: [Node], dot: Value, dotViaInterface: Bool) throws -> Flow {
        for node in list {
            switch node {
            case .text(let bytes):
                output.append(contentsOf: bytes)
            case .action(let position, let pipe):
                let value = try evalPipeline(pipe, dot: dot, dotViaInterface: dotViaInterface)
                if pipe.declarations.isEmpty { try printValue(value, position: position, pipe: pipe) }
            case .ifNode(let branch):
                let flow = try walkIfOrWith(branch, isWith: false, dot: dot, dotViaInterface: dotViaInterface)
                if flow != .normal { return flow }
            case .withNode(let branch):
                let flow = try walkIfOrWith(branch, isWith: true, dot: dot, dotViaInterface: dotViaInterface)
                if flow != .normal { return flow }
            case .rangeNode(let branch):
                try walkRange(branch, dot: dot, dotViaInterface: dotViaInterface)
            case .template(let position, let name, let pipe):
                try walkTemplate(position: position, name: name, pipe: pipe, dot: dot, dotViaInterface: dotViaInterface)
            case .breakNode:
                return .breakLoop
            case .continueNode:
                return .continueLoop
            }
        }
        return .normal
    }

    func printValue(_ value: Value, position: Int, pipe: PipeNode) throws {
        switch value {
        case .string(let string): output.append(contentsOf: string.utf8)
        case .missing: output.append(contentsOf: "<no value>".utf8)
        default: output.append(contentsOf: GoFormat.sprint(value).utf8)
        }
    }

    func walkIfOrWith(_ branch: BranchNode, isWith: Bool, dot: Value, dotViaInterface: Bool) throws -> Flow {
        let mark = variables.count
        defer { variables.removeSubrange(mark...) }
        let value = try evalPipeline(branch.pipe, dot: dot, dotViaInterface: dotViaInterface)
        if Truth.isTrue(value) {
            if isWith { return try walk(branch.list, dot: value, dotViaInterface: false) }
            return try walk(branch.list, dot: dot, dotViaInterface: dotViaInterface)
        } else if let elseList = branch.elseList {
            return try walk(elseList, dot: dot, dotViaInterface: dotViaInterface)
        }
        return .normal
    }

    func walkRange(_ branch: BranchNode, dot: Value, dotViaInterface: Bool) throws {
        let outer = variables.count
        defer { variables.removeSubrange(outer...) }
        let value = try evalPipeline(branch.pipe, dot: dot, dotViaInterface: dotViaInterface).collectionView
        let mark = variables.count
        let declarations = branch.pipe.declarations.count

        /// One pass of the body; false when `{{break}}` ends the loop.
        func iteration(_ index: Value, _ element: Value, elementViaInterface: Bool) throws -> Bool {
            let names = branch.pipe.declarations
            if branch.pipe.isAssign {
                // `range $i, $v = …` assigns existing variables (index first when there are two).
                if names.count > 1 {
                    try setVariable(names[0], index, position: branch.pipe.position, pipe: branch.pipe)
                    try setVariable(names[1], element, position: branch.pipe.position, pipe: branch.pipe)
                } else if names.count == 1 {
                    try setVariable(names[0], element, position: branch.pipe.position, pipe: branch.pipe)
                }
            } else {
                if declarations > 0 {
                    variables[mark - 1].value = element
                    variables[mark - 1].viaInterface = elementViaInterface
                }
                if declarations > 1 {
                    variables[mark - 2].value = index
                    variables[mark - 2].viaInterface = false
                }
            }
            let flow = try walk(branch.list, dot: element, dotViaInterface: elementViaInterface)
            variables.removeSubrange(mark...)
            return flow != .breakLoop
        }

        switch value.collectionView {
        case .list(let items) where !items.isEmpty:
            for (index, item) in items.enumerated() {
                guard try iteration(.int(index), item, elementViaInterface: true) else { break }
            }
            return
        case .bytes(let bytes) where !bytes.isEmpty:
            for (index, byte) in bytes.enumerated() {
                guard try iteration(.int(index), .int(Int(byte)), elementViaInterface: false) else { break }
            }
            return
        case .map(let map) where map.count > 0:
            for key in map.sortedKeys {
                guard try iteration(.string(key), map.storage[key] ?? .null, elementViaInterface: true) else { break }
            }
            return
        case .int(let count):
            if declarations > 1 {
                let node = Execution.lastVisited(branch.pipe)
                throw failure("can't use \(GoFormat.sprint(value)) to iterate over more than one variable",
                              at: node.position, node: node.text)
            }
            if count > 0 {
                for index in 0..<count {
                    guard try iteration(.missing, .int(index), elementViaInterface: false) else { break }
                }
                return
            }
        case .list, .bytes, .map, .missing, .null:
            break
        default:
            let node = Execution.lastVisited(branch.pipe)
            throw failure("range can't iterate over \(GoFormat.sprint(value))", at: node.position, node: node.text)
        }
        if let elseList = branch.elseList {
            _ = try walk(elseList, dot: dot, dotViaInterface: dotViaInterface)
        }
    }

    func walkTemplate(position: Int, name: String, pipe: PipeNode?, dot: Value, dotViaInterface: Bool) throws {
        guard let target = set.lookup(name) else {
            throw failure("template \(GoFormat.sprintf("%q", [.string(name)])) not defined", at: position, node: templateText(name, pipe))
        }
        if depth >= Execution.maxDepth {
            throw failure("exceeded maximum template depth (\(Execution.maxDepth))", at: position, node: templateText(name, pipe))
        }
        var newDot = Value.missing
        if let pipe { newDot = try evalPipeline(pipe, dot: dot, dotViaInterface: dotViaInterface) }
        let savedTemplate = template
        let savedVariables = variables
        template = target
        variables = [Variable(name: "$", value: newDot, viaInterface: false)]
        depth += 1
        defer {
            depth -= 1
            template = savedTemplate
            variables = savedVariables
        }
        _ = try walk(target.root, dot: newDot, dotViaInterface: false)
    }

    /// The node Go's executor last recorded (`s.at`) while evaluating a pipeline: errors raised
    /// after the evaluation, such as range's, name it.
    static func lastVisited(_ pipe: PipeNode) -> Operand {
        guard let command = pipe.commands.last, let first = command.arguments.first else { return .pipe(pipe) }
        switch first {
        case .identifier:
            guard let last = command.arguments.dropFirst().last else { return first }
            if case .pipe(let inner) = last { return lastVisited(inner) }
            return last
        case .pipe(let inner):
            return lastVisited(inner)
        case .chain(_, .pipe(let inner), _):
            return lastVisited(inner)
        default:
            return first
        }
    }

    /// TemplateNode.String: `{{template "name" pipe}}`.
    func templateText(_ name: String, _ pipe: PipeNode?) -> String {
        let quoted = GoFormat.sprintf("%q", [.string(name)])
        if let pipe { return "{{template \(quoted) \(pipe.text)}}" }
        return "{{template \(quoted)}}"
    }
}
