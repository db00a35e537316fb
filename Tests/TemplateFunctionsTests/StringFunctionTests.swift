import Foundation
import GoTemplate
import Testing
@testable import TemplateFunctions

/// Sprig's string functions, with expectations from Sprig's strings_test.go and Go's docs.
@Suite struct StringFunctionTests {
    @Test func trimming() throws {
        #expect(try printed("trim", .string("  \n\tx y \u{85}")) == "x y")
        #expect(try printed("trimAll", .string("$"), .string("$5.00$")) == "5.00")
        #expect(try printed("trimSuffix", .string("-"), .string("rel-chart-")) == "rel-chart")
        #expect(try printed("trimSuffix", .string("--"), .string("a-")) == "a-")
        #expect(try printed("trimPrefix", .string("v"), .string("v1.2")) == "1.2")
    }

    @Test func caseChanges() throws {
        #expect(try printed("upper", .string("héllo")) == "HÉLLO")
        #expect(try printed("lower", .string("HeLLo")) == "hello")
        #expect(try printed("title", .string("hello world-wide_web")) == "Hello World-Wide_web")
        #expect(try printed("untitle", .string("Hello World")) == "hello world")
        #expect(try printed("swapcase", .string("This Is A.Test")) == "tHIS iS a.tEST")
        #expect(try printed("camelcase", .string("http_server")) == "HttpServer")
        #expect(try printed("camelcase", .string("_complex__case_")) == "_Complex_Case_")
        #expect(try printed("initials", .string("first try")) == "ft")
        #expect(try printed("nospace", .string("h e l l o ")) == "hello")
    }

    /// xstrings' convert_test.go table.
    @Test(arguments: [
        ("HTTPServer", "http_server"), ("_camelCase", "_camel_case"), ("NoHTTPS", "no_https"), ("Wi_thF", "wi_th_f"),
        ("_AnotherTES_TCaseP", "_another_tes_t_case_p"), ("ALL", "all"), ("_HELLO_WORLD_", "_hello_world_"),
        ("HELLO____WORLD", "hello____world"), ("TW", "tw"), ("_C", "_c"), ("http2xx", "http_2xx"), ("HTTP2XX", "http2_xx"),
        ("HTTP20xOK", "http_20x_ok"), ("HTTP-20xStatus", "http_20x_status"), ("a", "a"), ("Duration2m3s", "duration_2m3s"),
        ("Bld4Floor3rd", "bld4_floor_3rd"), (" _-_ ", "_____"), ("a1b2c3d", "a_1b2c3d"), ("A//B%%2c", "a//b%%2c"),
        ("HTTP状态码404/502Error", "http_状态码404/502_error"), ("中文(字符)", "中文(字符)"),
        ("混合ABCWords与123数字456", "混合_abc_words_与123_数字456"), ("  sentence case  ", "__sentence_case__"),
        ("FROM CamelCase to snake/kebab-case", "from_camel_case_to_snake/kebab_case"), ("", ""), ("abc_123_def", "abc_123_def"),
    ])
    func snakeCase(input: String, output: String) throws {
        #expect(try printed("snakecase", .string(input)) == output)
        #expect(try printed("kebabcase", .string(input)) == output.replacingOccurrences(of: "_", with: "-"))
    }

    @Test func truncationAndSubstrings() throws {
        #expect(try printed("trunc", .int(5), .string("Hello World")) == "Hello")
        #expect(try printed("trunc", .int(-5), .string("Hello World")) == "World")
        #expect(try printed("trunc", .int(20), .string("short")) == "short")
        #expect(try printed("abbrev", .int(5), .string("hello world")) == "he...")
        #expect(try printed("abbrev", .int(3), .string("hello world")) == "hello world")
        #expect(try printed("substr", .int(0), .int(5), .string("hello world")) == "hello")
        #expect(try printed("substr", .int(-1), .int(5), .string("hello world")) == "hello")
        #expect(try printed("substr", .int(6), .int(99), .string("hello world")) == "world")
        #expect(try printed("repeat", .int(3), .string("ab")) == "ababab")
        #expect(try printed("abbrevboth", .int(5), .int(10), .string("1234 5678 9123")) == "...5678...")
    }

    @Test func searching() throws {
        #expect(try call("contains", .string("cat"), .string("catch")).isTrue)
        #expect(try call("hasPrefix", .string("cat"), .string("catch")).isTrue)
        #expect(try call("hasSuffix", .string("cat"), .string("catch")).isTrue == false)
        #expect(try printed("replace", .string(" "), .string("-"), .string("a b  c")) == "a-b--c")
    }

    @Test func quotingAndJoining() throws {
        #expect(try printed("quote", .string("a\"b"), .float(1.5), .null) == "\"a\\\"b\" \"1.5\"")
        #expect(try printed("quote", .string("tab\there\u{1}")) == "\"tab\\there\\x01\"")
        #expect(try printed("squote", .string("x"), .int(2)) == "'x' '2'")
        #expect(try printed("cat", .string("hello"), .null, .string("beautiful"), .float(1e6)) == "hello beautiful 1e+06")
        #expect(try printed("join", .string(", "), .list([.string("a"), .int(1), .null, .float(2.5)])) == "a, 1, 2.5")
        #expect(try printed("join", .string("-"), .string("solo")) == "solo")
        #expect(try printed("sortAlpha", .list([.string("b"), .string("C"), .string("a"), .int(1)])) == "[1 C a b]")
        #expect(try printed("toStrings", .list([.int(1), .float(2), .bool(true)])) == "[1 2 true]")
    }

    @Test func indentation() throws {
        #expect(try printed("indent", .int(2), .string("a\nb")) == "  a\n  b")
        #expect(try printed("nindent", .int(4), .string("a\n\nb")) == "\n    a\n    \n    b")
        // Go's template refuses a float64 where the function takes an int.
        #expect(failure("nindent", .float(4), .string("a")) == "wrong type for value; expected int; got float64")
        #expect(failure("indent", .int(2)) == "wrong number of args for indent: want 2 got 1")
    }

    @Test func splitting() throws {
        #expect(try printed("splitList", .string("$"), .string("foo$bar$baz")) == "[foo bar baz]")
        #expect(try printed("split", .string("$"), .string("foo$bar")) == "map[_0:foo _1:bar]")
        #expect(try printed("splitn", .string("$"), .int(2), .string("foo$bar$baz")) == "map[_0:foo _1:bar$baz]")
        #expect(try printed("wrap", .int(5), .string("Hello World")) == "Hello\nWorld")
        #expect(try printed("wrapWith", .int(5), .string("\t"), .string("Hello World")) == "Hello\tWorld")
        #expect(try printed("wrap", .int(3), .string("abcdef gh")) == "abcdef\ngh")
        #expect(try printed("wrapWith", .int(3), .string("|"), .string("abcdef gh")) == "abc|def|gh")
        #expect(try printed("plural", .string("one anchovy"), .string("many anchovies"), .int(2)) == "many anchovies")
    }

    @Test func conversionsToString() throws {
        #expect(try printed("toString", .float(1.5)) == "1.5")
        #expect(try printed("toString", .float(1000000)) == "1e+06")
        #expect(try printed("toString", .bytes(Array("hi".utf8))) == "hi")
        #expect(try printed("toString", .null) == "<nil>")
        #expect(try printed("toString", dict(["b": .int(1), "a": .list([.bool(true)])])) == "map[a:[true] b:1]")
    }
}

extension Value {
    var isTrue: Bool { if case .bool(true) = self { return true } else { return false } }
}
