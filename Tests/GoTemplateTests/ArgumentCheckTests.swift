import GoTemplate
import Testing

/// exec.go checks a call's arguments before calling: a wrong count is reported at the function's
/// name, a wrong type at the argument (Go 1.23+ prints the whole node).
@Suite struct ArgumentCheckTests {
    static let functions: FunctionTable = {
        var table = FunctionTable()
        table["repeat"] = Function.pure { arguments in
            guard arguments.count == 2 else {
                throw FunctionError("wrong number of args for repeat: want 2 got \(arguments.count)", argumentCheck: .count)
            }
            guard case .int(let count) = arguments[0] else {
                throw FunctionError("wrong type for value; expected int; got string", argumentCheck: .type(index: 0, expected: "int"))
            }
            guard case .string(let text) = arguments[1] else {
                if case .missing = arguments[1] { throw FunctionError("invalid value; expected string", argumentCheck: .type(index: 1, expected: "string")) }
                if case .null = arguments[1] {
                    throw FunctionError("invalid value; expected string", argumentCheck: .type(index: 1, expected: "string"))
                }
                throw FunctionError("wrong type for value; expected string; got int", argumentCheck: .type(index: 1, expected: "string"))
            }
            return .string(String(repeating: text, count: count))
        }
        return table
    }()

    @Test func countIsReportedAtTheName() {
        #expect(renderError("{{ repeat 1 \"a\" \"b\" }}", functions: Self.functions)
                == "template: t:1:3: executing \"t\" at <repeat>: wrong number of args for repeat: want 2 got 3")
    }

    @Test func constantOfTheWrongTypeIsReportedAtTheConstant() {
        #expect(renderError("{{ repeat \"x\" \"y\" }}", functions: Self.functions)
                == "template: t:1:10: executing \"t\" at <\"x\">: expected integer; found \"x\"")
        #expect(renderError("{{ repeat 2 3 }}", functions: Self.functions)
                == "template: t:1:12: executing \"t\" at <3>: expected string; found 3")
        #expect(renderError("{{ repeat nil \"a\" }}", functions: Self.functions)
                == "template: t:1:10: executing \"t\" at <nil>: cannot assign nil to int")
    }

    @Test func otherValuesOfTheWrongTypeAreReportedAtTheArgument() throws {
        #expect(renderError("{{ repeat .S \"a\" }}", value(["S": "s"]), functions: Self.functions)
                == "template: t:1:10: executing \"t\" at <.S>: wrong type for value; expected int; got string")
        #expect(try render("{{ repeat 2 \"ab\" }}", functions: Self.functions) == "abab")
    }

    /// A map's missing entry reached through a field is a nil interface{}; a piped value is
    /// checked at the function's name.
    @Test func missingFieldsAndPipedValues() {
        #expect(renderError("{{ repeat 1 .Nope }}", value(["S": "s"]), functions: Self.functions)
                == "template: t:1:12: executing \"t\" at <.Nope>: wrong type for value; expected string; got interface {}")
        #expect(renderError("{{ .Nope | repeat 1 }}", value(["S": "s"]), functions: Self.functions)
                == "template: t:1:11: executing \"t\" at <repeat>: invalid value; expected string")
    }

    /// exec.go setVar fails at the last node the pipeline visited.
    @Test func undefinedVariableIsReportedAtTheLastNode() {
        #expect(renderError("{{ $x = 1 }}")?.hasPrefix("template: t:1:8: executing \"t\" at <1>: undefined variable: $x") == true)
    }
}
