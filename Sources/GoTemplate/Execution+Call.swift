/// Calling functions (exec.go evalFunction/evalCall): argument counts, the short-circuit `and`
/// and `or`, and wrapping a function's error as `error calling NAME: MESSAGE`.
extension Execution {
    func evalFunction(_ name: String, _ function: FunctionReference, position: Int, command: CommandNode?,
                      arguments: ArraySlice<Operand>, dot: Value, dotViaInterface: Bool, final: Value?) throws -> Value {
        let identifierText = name
        switch function {
        case .table(let function):
            var values: [Value] = []
            values.reserveCapacity(arguments.count + 1)
            for argument in arguments {
                values.append(Self.forFunction(try evalArgument(argument, dot: dot, dotViaInterface: dotViaInterface)))
            }
            if let final { values.append(Self.forFunction(final)) }
            do {
                return try function.body(values, self)
            } catch {
                let message = Self.message(of: error)
                throw failure("error calling \(name): \(message)", at: command?.position ?? position,
                              node: command?.text ?? identifierText, functionName: name, functionMessage: message)
            }
        case .builtin(let builtin):
            let count = arguments.count + (final == nil ? 0 : 1)
            switch builtin.arity {
            case .exactly(let wanted) where count != wanted:
                throw failure("wrong number of args for \(name): want \(wanted) got \(count)", at: position, node: identifierText)
            case .atLeast(let wanted) where count < wanted:
                throw failure("wrong number of args for \(name): want at least \(wanted) got \(arguments.count)",
                              at: position, node: identifierText)
            default: break
            }
            if builtin == .and || builtin == .or {
                var value = Value.missing
                for argument in arguments {
                    value = try evalArgument(argument, dot: dot, dotViaInterface: dotViaInterface)
                    if Truth.isTrue(value) == (builtin == .or) { return value }
                }
                if let final { value = final }
                return value
            }
            var values: [Value] = []
            values.reserveCapacity(count)
            for argument in arguments {
                values.append(try evalArgument(argument, dot: dot, dotViaInterface: dotViaInterface))
            }
            if let final { values.append(final) }
            if builtin == .printf {
                switch values[0] {
                case .string: break
                case .missing:
                    let node = arguments.first ?? .identifier(position: position, name: name, function: function)
                    throw failure("invalid value; expected string", at: node.position, node: node.text)
                default:
                    let node = arguments.first ?? .identifier(position: position, name: name, function: function)
                    throw failure("wrong type for value; expected string; got \(GoFormat.typeName(values[0]))",
                                  at: node.position, node: node.text)
                }
            }
            do {
                return try builtin.call(values)
            } catch {
                let message = Self.message(of: error)
                throw failure("error calling \(name): \(message)", at: command?.position ?? position,
                              node: command?.text ?? identifierText, functionName: name, functionMessage: message)
            }
        }
    }
}
