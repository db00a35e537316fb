/// Evaluating pipelines, commands, fields and arguments (exec.go evalPipeline … evalArg).
extension Execution {
    /// A value and whether its static Go type is `interface {}`: Go names that type in
    /// `can't evaluate field X in type interface {}`.
    struct Evaluated {
        var value: Value
        var viaInterface: Bool
    }

    /// Runs the commands, each one's result the next one's last argument, then declares or assigns
    /// the variables. A nil interface result becomes an invalid value, as Go digs into
    /// `interface {}` results.
    func evalPipeline(_ pipe: PipeNode, dot: Value, dotViaInterface: Bool) throws -> Value {
        var value: Value? = nil
        for command in pipe.commands {
            var result = try evalCommand(command, dot: dot, dotViaInterface: dotViaInterface, final: value)
            if case .null = result { result = .missing }
            value = result
        }
        let result = value ?? .missing
        for name in pipe.declarations {
            if pipe.isAssign {
                try setVariable(name, result, position: pipe.position, pipe: pipe)
            } else {
                variables.append(Variable(name: name, value: result, viaInterface: false))
            }
        }
        return result
    }

    func setVariable(_ name: String, _ value: Value, position: Int, pipe: PipeNode) throws {
        var index = variables.count - 1
        while index >= 0 {
            if variables[index].name == name {
                variables[index].value = value
                variables[index].viaInterface = false
                return
            }
            index -= 1
        }
        // exec.go setVar reports at the last node the pipeline visited (`{{$x = 1}}`: at <1>).
        let node = Execution.lastVisited(pipe)
        throw failure("undefined variable: \(name)", at: node.position, node: node.text)
    }

    func variable(_ name: String, position: Int) throws -> Variable {
        var index = variables.count - 1
        while index >= 0 {
            if variables[index].name == name { return variables[index] }
            index -= 1
        }
        throw failure("undefined variable: \(name)", at: position, node: name)
    }

    func notAFunction(_ command: CommandNode, final: Value?) throws {
        if command.arguments.count > 1 || final != nil {
            let first = command.arguments[0]
            throw failure("can't give argument to non-function \(first.text)", at: first.position, node: first.text)
        }
    }

    func evalCommand(_ command: CommandNode, dot: Value, dotViaInterface: Bool, final: Value?) throws -> Value {
        let first = command.arguments[0]
        switch first {
        case .field(let position, let names):
            return try evalFieldChain(dot: dot, receiver: Evaluated(value: dot, viaInterface: dotViaInterface),
                                      names: names, node: first, position: position, command: command, final: final).value
        case .chain(let position, let base, let fields):
            if case .nilValue = base {
                throw failure("indirection through explicit nil in \(first.text)", at: position, node: first.text)
            }
            let receiver = try evalArgument(base, dot: dot, dotViaInterface: dotViaInterface)
            return try evalFieldChain(dot: dot, receiver: Evaluated(value: receiver, viaInterface: false),
                                      names: fields, node: first, position: position, command: command, final: final).value
        case .identifier(let position, let name, let function):
            return try evalFunction(name, function, position: position, command: command, arguments: command.arguments.dropFirst(),
                                    dot: dot, dotViaInterface: dotViaInterface, final: final)
        case .pipe(let pipe):
            try notAFunction(command, final: final)
            return try evalPipeline(pipe, dot: dot, dotViaInterface: dotViaInterface)
        case .variable(let position, let name, let fields):
            let variable = try variable(name, position: position)
            if fields.isEmpty {
                try notAFunction(command, final: final)
                return variable.value
            }
            return try evalFieldChain(dot: dot, receiver: Evaluated(value: variable.value, viaInterface: variable.viaInterface),
                                      names: fields, node: first, position: position, command: command, final: final).value
        default:
            try notAFunction(command, final: final)
            switch first {
            case .bool(_, let value): return .bool(value)
            case .dot: return dot
            case .nilValue(let position): throw failure("nil is not a command", at: position, node: "nil")
            case .number: return try constant(first)
            case .string(_, _, let value): return .string(value)
            default: throw failure("can't evaluate command \(first.text)", at: first.position, node: first.text)
            }
        }
    }

    /// An untyped number constant: int or float64 by its spelling; ints that do not fit fail.
    func constant(_ operand: Operand) throws -> Value {
        guard case .number(let position, let text, let value, let overflow) = operand else { return .missing }
        if overflow { throw failure("\(text) overflows int", at: position, node: text) }
        return value
    }

    /// `.A.B.C` from `receiver`; the last name gets the command's arguments (a method call).
    func evalFieldChain(dot: Value, receiver: Evaluated, names: [String], node: Operand, position: Int,
                        command: CommandNode?, final: Value?) throws -> Evaluated {
        var current = receiver
        let last = names.count - 1
        for index in 0..<last {
            current = try evalField(names[index], receiver: current, node: node, position: position,
                                    command: nil, final: nil, dot: dot)
        }
        return try evalField(names[last], receiver: current, node: node, position: position,
                             command: command, final: final, dot: dot)
    }

    /// exec.go evalField: a method or field of an object, or a map key.
    func evalField(_ name: String, receiver: Evaluated, node: Operand, position: Int,
                   command: CommandNode?, final: Value?, dot: Value) throws -> Evaluated {
        let hasArguments = (command?.arguments.count ?? 0) > 1 || final != nil
        switch receiver.value {
        case .missing:
            if missingKey == .error {
                throw failure("nil data; no entry for key \(GoFormat.sprintf("%q", [.string(name)]))", at: position, node: node.text)
            }
            return Evaluated(value: .missing, viaInterface: false)
        case .null:
            throw failure("nil pointer evaluating interface {}.\(name)", at: position, node: node.text)
        case .map(let map):
            if hasArguments {
                throw failure("\(name) is not a method but has arguments", at: position, node: node.text)
            }
            if let value = map.storage[name] { return Evaluated(value: value, viaInterface: true) }
            switch missingKey {
            case .invalid: return Evaluated(value: .missing, viaInterface: false)
            case .zero: return Evaluated(value: .null, viaInterface: true)
            case .error: throw failure("map has no entry for key \(GoFormat.sprintf("%q", [.string(name)]))", at: position, node: node.text)
            }
        case .object(let object):
            if let field = object.field(name) {
                if hasArguments {
                    throw failure("\(name) has arguments but cannot be invoked as function", at: position, node: node.text)
                }
                return Evaluated(value: field, viaInterface: false)
            }
            var arguments: [Value] = []
            if let command {
                for argument in command.arguments.dropFirst() {
                    arguments.append(Self.forFunction(try evalArgument(argument, dot: dot, dotViaInterface: false)))
                }
            }
            if let final { arguments.append(Self.forFunction(final)) }
            let result: Value?
            do {
                result = try object.callMethod(name, arguments)
            } catch {
                let message = Self.message(of: error)
                throw failure("error calling \(name): \(message)", at: command?.position ?? position, node: command?.text ?? node.text,
                              functionName: name, functionMessage: message)
            }
            guard let result else {
                throw failure("can't evaluate field \(name) in type \(receiver.viaInterface ? "interface {}" : object.goTypeName)",
                              at: position, node: node.text)
            }
            return Evaluated(value: result, viaInterface: false)
        default:
            let type = receiver.viaInterface ? "interface {}" : GoFormat.typeName(receiver.value)
            throw failure("can't evaluate field \(name) in type \(type)", at: position, node: node.text)
        }
    }

    /// An argument's value (exec.go evalArg/evalEmptyInterface for an `interface {}` or
    /// `reflect.Value` parameter): `nil` and missing values stay invalid here; see `forFunction`.
    func evalArgument(_ operand: Operand, dot: Value, dotViaInterface: Bool) throws -> Value {
        switch operand {
        case .dot: return dot
        case .nilValue: return .missing
        case .field(let position, let names):
            return try evalFieldChain(dot: dot, receiver: Evaluated(value: dot, viaInterface: dotViaInterface), names: names,
                                      node: operand, position: position, command: nil, final: nil).value
        case .variable(let position, let name, let fields):
            let variable = try variable(name, position: position)
            if fields.isEmpty { return variable.value }
            return try evalFieldChain(dot: dot, receiver: Evaluated(value: variable.value, viaInterface: variable.viaInterface),
                                      names: fields, node: operand, position: position, command: nil, final: nil).value
        case .pipe(let pipe):
            return try evalPipeline(pipe, dot: dot, dotViaInterface: dotViaInterface)
        case .identifier(let position, let name, let function):
            return try evalFunction(name, function, position: position, command: nil, arguments: [],
                                    dot: dot, dotViaInterface: dotViaInterface, final: nil)
        case .chain(let position, let base, let fields):
            if case .nilValue = base {
                throw failure("indirection through explicit nil in \(operand.text)", at: position, node: operand.text)
            }
            let receiver = try evalArgument(base, dot: dot, dotViaInterface: dotViaInterface)
            return try evalFieldChain(dot: dot, receiver: Evaluated(value: receiver, viaInterface: false), names: fields,
                                      node: operand, position: position, command: nil, final: nil).value
        case .bool(_, let value): return .bool(value)
        case .number: return try constant(operand)
        case .string(_, _, let value): return .string(value)
        }
    }

    /// What a function with an `interface {}` parameter receives: an invalid value becomes nil
    /// (exec.go validateType).
    @inline(__always) static func forFunction(_ value: Value) -> Value {
        if case .missing = value { return .null }
        return value
    }

    /// The text of an error a function returned.
    static func message(of error: any Error) -> String {
        switch error {
        case let error as FunctionError: return error.message
        case let error as TemplateError: return error.description
        default: return String(describing: error)
        }
    }
}
