import GoTemplate
import Testing
@testable import TemplateFunctions

/// Sprig's numeric.go with spf13/cast conversions (numeric_test.go's expectations).
@Suite struct NumberFunctionTests {
    @Test func integerArithmeticConvertsWithCast() throws {
        #expect(try printed("add1", .float(1)) == "2")
        #expect(try printed("add", .int(1), .float(2), .string("3")) == "6")
        #expect(try printed("sub", .float(3), .int(2)) == "1")
        #expect(try printed("mul", .int(1), .int(2), .string("3")) == "6")
        #expect(try printed("div", .int(10), .float(3)) == "3")
        #expect(try printed("mod", .int(10), .int(3)) == "1")
        #expect(try printed("max", .int(1), .float(3.9), .int(2)) == "3")
        #expect(try printed("min", .int(1), .int(-2), .int(3)) == "-2")
        #expect(failure("div", .int(1), .int(0)) == "runtime error: integer divide by zero")
    }

    @Test func castConversions() throws {
        #expect(try printed("int", .string("3")) == "3")
        #expect(try printed("int", .string("3.0")) == "3")
        #expect(try printed("int", .string("3.5")) == "0")
        #expect(try printed("int", .float(2.9)) == "2")
        #expect(try printed("int64", .string("0x10")) == "16")
        #expect(try printed("int64", .string("010")) == "8")
        #expect(try printed("int", .bool(true)) == "1")
        #expect(try printed("int", .null) == "0")
        #expect(try printed("float64", .string("1.5")) == "1.5")
        #expect(try printed("float64", .string("nope")) == "0")
        #expect(try printed("atoi", .string("42")) == "42")
        #expect(try printed("atoi", .string("0x10")) == "0")
        #expect(try printed("toDecimal", .string("0777")) == "511")
        #expect(try call("int", .float(3)).isInt)
    }

    @Test func floatArithmeticIsDecimal() throws {
        #expect(try printed("addf", .float(1.1), .float(2.2)) == "3.3")
        #expect(try printed("mulf", .float(1.1), .int(3)) == "3.3")
        #expect(try printed("subf", .float(1.5), .float(0.25)) == "1.25")
        #expect(try printed("divf", .int(1), .int(3)) == "0.3333333333333333")
        #expect(try printed("add1f", .float(1.5)) == "2.5")
        #expect(try printed("maxf", .int(1), .float(2.5), .int(2)) == "2.5")
        #expect(try printed("minf", .int(1), .float(-2.5)) == "-2.5")
    }

    @Test func rounding() throws {
        #expect(try printed("round", .float(123.5555), .int(3)) == "123.556")
        #expect(try printed("round", .float(123.5), .int(0), .float(0.6)) == "123")
        #expect(try printed("ceil", .float(1.2)) == "2")
        #expect(try printed("floor", .string("1.8")) == "1")
    }

    @Test func sequences() throws {
        #expect(try printed("until", .int(5)) == "[0 1 2 3 4]")
        #expect(try printed("until", .int(-2)) == "[0 -1]")
        #expect(try printed("untilStep", .int(0), .int(10), .int(3)) == "[0 3 6 9]")
        #expect(try printed("untilStep", .int(0), .int(10), .int(-1)) == "[]")
        #expect(try printed("seq", .int(5)) == "1 2 3 4 5")
        #expect(try printed("seq", .int(-3)) == "1 0 -1 -2 -3")
        #expect(try printed("seq", .int(2), .int(-2)) == "2 1 0 -1 -2")
        #expect(try printed("seq", .int(0), .int(2), .int(10)) == "0 2 4 6 8 10")
        #expect(try printed("seq", .int(0), .int(-1), .int(-2)) == "0 -1 -2")
        #expect(try printed("seq", .int(0), .int(1), .int(-2)) == "")
    }
}

extension Value {
    var isInt: Bool { if case .int = self { return true } else { return false } }
}
