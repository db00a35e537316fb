import Testing
import GoTemplate

/// fmt's formatting, after fmt_test.go's table and strconv's ftoa tests.
@Suite struct FormatTests {
    struct Row: Sendable, CustomStringConvertible {
        let format: String
        let arguments: [Value]
        let expected: String
        init(_ format: String, _ arguments: [Value], _ expected: String) {
            self.format = format
            self.arguments = arguments
            self.expected = expected
        }
        var description: String { "\(format) → \(expected)" }
    }

    static let floats: [(Double, String)] = [
        (1, "1"), (1.5, "1.5"), (100000, "100000"), (1_000_000, "1e+06"), (123456789, "1.23456789e+08"),
        (0.0001, "0.0001"), (0.00001, "1e-05"), (1e21, "1e+21"), (1e20, "1e+20"), (123456.7, "123456.7"),
        (0.1, "0.1"), (0.3, "0.3"), (2.5e-8, "2.5e-08"), (-0.0, "-0"), (0, "0"), (1e100, "1e+100"),
        (Double.leastNonzeroMagnitude, "5e-324"), (1.7976931348623157e308, "1.7976931348623157e+308"), (Double.infinity, "+Inf"),
        (-Double.infinity, "-Inf"), (Double.nan, "NaN"), (33.333333333333336, "33.333333333333336"),
        (999999, "999999"), (9999999, "9.999999e+06"),
    ]

    @Test func floatsPrintAsGoDoes() {
        for (double, expected) in Self.floats {
            #expect(GoFormat.sprint(.float(double)) == expected, "\(double)")
        }
    }

    @Test func valuesPrintWithPercentV() {
        let map = GoMap(["b": .int(2), "a": .list([.string("x"), .null]), "c": .map(GoMap(["z": .bool(true)]))])
        #expect(GoFormat.sprint(.map(map)) == "map[a:[x <nil>] b:2 c:map[z:true]]")
        #expect(GoFormat.sprint(.list([.string("a"), .string("b")])) == "[a b]")
        #expect(GoFormat.sprint(.list([])) == "[]")
        #expect(GoFormat.sprint(.map(GoMap())) == "map[]")
        #expect(GoFormat.sprint(.null) == "<nil>")
        #expect(GoFormat.sprint(.missing) == "<no value>")
        #expect(GoFormat.sprint(.bytes([104, 105])) == "[104 105]")
        #expect(GoFormat.sprint([.string("a"), .int(1), .int(2), .string("b"), .null, .null]) == "a1 2b<nil> <nil>")
        #expect(GoFormat.sprintln([.string("a"), .int(1), .string("b")]) == "a 1 b\n")
    }

    static let printf: [Row] = [
        Row("%d", [.int(12345)], "12345"), Row("%v", [.int(-12345)], "-12345"), Row("%t", [.bool(true)], "true"),
        Row("%5s", [.string("abc")], "  abc"), Row("%-5s|", [.string("abc")], "abc  |"), Row("%05s", [.string("abc")], "00abc"),
        Row("%.2s", [.string("abc")], "ab"), Row("%.1s", [.string("日本語")], "日"), Row("%5.1s|", [.string("日本語")], "    日|"),
        Row("%x", [.string("xyz")], "78797a"), Row("%X", [.string("xyz")], "78797A"), Row("% x", [.string("xyz")], "78 79 7a"),
        Row("%#x", [.string("xyz")], "0x78797a"), Row("%# x", [.string("xyz")], "0x78 0x79 0x7a"),
        Row("%q", [.string("abc")], "\"abc\""), Row("%q", [.string("\"\n\t\\")], "\"\\\"\\n\\t\\\\\""),
        Row("%#q", [.string("abc")], "`abc`"), Row("%+q", [.string("日本語")], "\"\\u65e5\\u672c\\u8a9e\""),
        Row("%q", [.string("\u{7}\u{0}")], "\"\\a\\x00\""), Row("%q", [.string("日本")], "\"日本\""),
        Row("%c", [.int(120)], "x"), Row("%q", [.int(120)], "'x'"), Row("%U", [.int(1)], "U+0001"),
        Row("%#U", [.int(0x2318)], "U+2318 '⌘'"),
        Row("%+d", [.int(12345)], "+12345"), Row("% d", [.int(12345)], " 12345"), Row("%08d", [.int(-12345)], "-0012345"),
        Row("%.8d", [.int(-12345)], "-00012345"), Row("%-8d|", [.int(12)], "12      |"), Row("%o", [.int(8)], "10"),
        Row("%#o", [.int(8)], "010"), Row("%O", [.int(8)], "0o10"), Row("%b", [.int(5)], "101"), Row("%#b", [.int(5)], "0b101"),
        Row("%#x", [.int(255)], "0xff"), Row("%X", [.int(255)], "FF"), Row("%x", [.int(-255)], "-ff"),
        Row("%.0d", [.int(0)], ""), Row("%5.0d|", [.int(0)], "     |"),
        Row("%e", [.float(1)], "1.000000e+00"), Row("%f", [.float(1e6)], "1000000.000000"), Row("%g", [.float(1e6)], "1e+06"),
        Row("%g", [.float(100000)], "100000"), Row("%.3g", [.float(1)], "1"), Row("%.3g", [.float(1000)], "1e+03"),
        Row("%.3g", [.float(100)], "100"), Row("%.3f", [.float(-1)], "-1.000"), Row("%+.3e", [.float(1)], "+1.000e+00"),
        Row("%08.2f", [.float(-1.5)], "-0001.50"), Row("%+08.2f", [.float(1.5)], "+0001.50"), Row("% .3f", [.float(1)], " 1.000"),
        Row("%e", [.float(1e100)], "1.000000e+100"), Row("%.2f", [.float(2.675)], "2.67"), Row("%.0f", [.float(2.5)], "2"),
        Row("%.1f", [.float(0.05)], "0.1"), Row("%G", [.float(1e-10)], "1E-10"), Row("%E", [.float(12345.678)], "1.234568E+04"),
        Row("%f", [.float(.infinity)], "+Inf"), Row("%.1f", [.float(-.infinity)], "-Inf"), Row("%010f|", [.float(.infinity)], "      +Inf|"),
        Row("%v", [.float(.nan)], "NaN"), Row("%+f", [.float(.nan)], "+NaN"), Row("% f", [.float(.nan)], " NaN"),
        Row("%6.2f|", [.float(3.14159)], "  3.14|"), Row("%-6.2f|", [.float(3.14159)], "3.14  |"),
        Row("%d", [.string("hi")], "%!d(string=hi)"), Row("%z", [.int(1)], "%!z(int=1)"), Row("%d", [.null], "%!d(<nil>)"),
        Row("%s", [.null], "%!s(<nil>)"), Row("%v", [.null], "<nil>"), Row("%d", [.float(3)], "%!d(float64=3)"),
        Row("%s", [.int(5)], "%!s(int=5)"), Row("%s", [.bool(true)], "%!s(bool=true)"),
        Row("%", [], "%!(NOVERB)"), Row("%d %d", [.int(1)], "1 %!d(MISSING)"), Row("%d", [.int(1), .int(2)], "1%!(EXTRA int=2)"),
        Row("hi", [.string("b"), .int(3)], "hi%!(EXTRA string=b, int=3)"), Row("%d", [.int(1), .null], "1%!(EXTRA <nil>)"),
        Row("%[2]d %[1]d", [.int(1), .int(2)], "2 1"), Row("%[3]d", [.int(1), .int(2)], "%!d(BADINDEX)"),
        Row("%[1]d %d", [.int(1), .int(2)], "1 2"), Row("%[2]*[1]d", [.int(12), .int(5)], "   12"),
        Row("%*d", [.int(4), .int(5)], "   5"), Row("%-*d|", [.int(4), .int(5)], "5   |"), Row("%*d|", [.int(-4), .int(5)], "5   |"),
        Row("%.*d", [.int(4), .int(5)], "0005"), Row("%*d", [.string("x"), .int(5)], "%!(BADWIDTH)5"),
        Row("%.*d", [.string("x"), .int(5)], "%!(BADPREC)5"), Row("%%", [], "%"), Row("%5%", [], "%"),
        Row("%T", [.int(1)], "int"), Row("%T", [.null], "<nil>"), Row("%T", [.float(1)], "float64"),
        Row("%T", [.list([])], "[]interface {}"), Row("%T", [.map(GoMap())], "map[string]interface {}"),
        Row("%v", [.bytes([1, 2])], "[1 2]"), Row("%s", [.bytes(Array("hi".utf8))], "hi"), Row("%x", [.bytes(Array("hi".utf8))], "6869"),
        Row("%d", [.list([.int(1), .int(2)])], "[1 2]"), Row("%s", [.list([.string("a"), .int(1)])], "[a %!s(int=1)]"),
        Row("%q", [.list([.string("a"), .string("b")])], "[\"a\" \"b\"]"),
        Row("%v", [.map(GoMap(["b": .int(1), "a": .string("x")]))], "map[a:x b:1]"),
        Row("%5v|", [.list([.int(1), .int(2)])], "[    1     2]|"),
        Row("%s-%s", [.string("release"), .string("name")], "release-name"),
        Row("%v", [.float(1e6)], "1e+06"), Row("%.0f", [.float(1e6)], "1000000"),
    ]

    @Test(arguments: printf)
    func sprintf(_ row: Row) {
        #expect(GoFormat.sprintf(row.format, row.arguments) == row.expected)
    }

    @Test func formatFloatMatchesStrconv() {
        #expect(GoFormat.formatFloat(3.0, format: UInt8(ascii: "f"), precision: -1) == "3")
        #expect(GoFormat.formatFloat(1e21, format: UInt8(ascii: "f"), precision: -1) == "1000000000000000000000")
        #expect(GoFormat.formatFloat(0.000001234, format: UInt8(ascii: "e"), precision: -1) == "1.234e-06")
        #expect(GoFormat.formatFloat(123.456, format: UInt8(ascii: "e"), precision: 2) == "1.23e+02")
        #expect(GoFormat.formatFloat(1234567, format: UInt8(ascii: "g"), precision: 3) == "1.23e+06")
    }
}
