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
            } catch let error as FunctionError where error.argumentCheck != nil {
                throw argumentFailure(error, name: name, position: position, arguments: arguments, command: command)
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

    /// exec.go's checks before a call: a wrong count is reported at the function's name; a
    /// wrong type at the argument (`expected integer; found "x"` for a constant, `wrong type for
    /// value; …` otherwise), and at the call for the piped value.
    func argumentFailure(_ error: FunctionError, name: String, position: Int, arguments: ArraySlice<Operand>,
                         command: CommandNode?) -> TemplateError {
        switch error.argumentCheck {
        case .type(let index, let expected)? where index < arguments.count:
            let node = arguments[arguments.startIndex + index]
            switch node {
            case .nilValue:
                return failure("cannot assign nil to \(expected)", at: node.position, node: node.text)
            case .string, .number, .bool:
                let word = ["int": "integer", "float64": "float"][expected] ?? expected
                return failure("expected \(word); found \(node.text)", at: node.position, node: node.text)
            case .field, .chain:
                // A map's missing or null entry is a nil interface{}, not an invalid value.
                let message = error.message.hasPrefix("invalid value")
                    ? "wrong type for value; expected \(expected); got interface {}" : error.message
                return failure(message, at: node.position, node: node.text)
            default:
                return failure(error.message, at: node.position, node: node.text)
            }
        case .count?, .type?:
            // The piped value is checked at the function's name.
            return failure(error.message, at: position, node: name)
        default:
            return failure(error.message, at: command?.position ?? position, node: command?.text ?? name)
        }
    }
}
