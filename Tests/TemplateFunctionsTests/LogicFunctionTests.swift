import GoTemplate
import Testing
@testable import TemplateFunctions

/// Sprig's defaults.go and reflect.go.
@Suite struct LogicFunctionTests {
    @Test(arguments: [Value.int(0), .float(0), .string(""), .list([]), .map(GoMap()), .bool(false), .null, .missing])
    func defaultReplacesEmptyValues(given: Value) throws {
        #expect(try printed("default", .string("fallback"), given) == "fallback")
        #expect(try call("empty", given).isTrue)
    }

    @Test func defaultKeepsSetValues() throws {
        #expect(try printed("default", .string("x"), .float(0.5)) == "0.5")
        #expect(try printed("default", .string("x"), .bool(true)) == "true")
        #expect(try printed("default", .string("x")) == "x")
        #expect(try printed("coalesce", .null, .string(""), .int(0), .string("first"), .string("second")) == "first")
        #expect(try printed("coalesce", .null, .string("")) == "<nil>")
        #expect(try call("all", .int(1), .string("a")).isTrue)
        #expect(try call("all", .int(1), .string("")).isTrue == false)
        #expect(try call("any", .int(0), .string("a")).isTrue)
    }

    @Test func ternaryNeedsABool() throws {
        #expect(try printed("ternary", .string("a"), .string("b"), .bool(true)) == "a")
        #expect(try printed("ternary", .string("a"), .string("b"), .bool(false)) == "b")
        #expect(failure("ternary", .string("a"), .string("b"), .string("true")) == "wrong type for value; expected bool; got string")
    }

    @Test func failReturnsTheMessage() {
        #expect(failure("fail", .string("value .x is required")) == "value .x is required")
    }

    @Test func typesAndKinds() throws {
        #expect(try printed("typeOf", .float(1)) == "float64")
        #expect(try printed("kindOf", .float(1)) == "float64")
        #expect(try printed("typeOf", .list([])) == "[]interface {}")
        #expect(try printed("kindOf", .list([])) == "slice")
        #expect(try printed("kindOf", dict([:])) == "map")
        #expect(try printed("typeOf", .null) == "<nil>")
        #expect(try printed("kindOf", .null) == "invalid")
        #expect(try call("kindIs", .string("map"), dict([:])).isTrue)
        #expect(try call("typeIs", .string("string"), .string("x")).isTrue)
        #expect(try call("typeIsLike", .string("int64"), .int(1)).isTrue)
        #expect(try call("deepEqual", try values("a: [1, {b: c}]"), try values("a: [1, {b: c}]")).isTrue)
        #expect(try call("deepEqual", .int(1), .float(1)).isTrue == false)
    }
}
