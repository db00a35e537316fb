import GoTemplate
import Testing
@testable import TemplateFunctions

/// Sprig's regex.go (Go RE2 semantics) and semver.go (Masterminds/semver v3 constraints).
@Suite struct RegexAndSemverTests {
    @Test func regexFunctions() throws {
        #expect(try call("regexMatch", .string("^[a-z]+\\[[0-9]+\\]$"), .string("abc[123]")).isTrue)
        #expect(try printed("regexFind", .string("[a-zA-Z][1-9]"), .string("abcd1234")) == "d1")
        #expect(try printed("regexFindAll", .string("[2,4,6,8]"), .string("123456789"), .int(-1)) == "[2 4 6 8]")
        #expect(try printed("regexFindAll", .string("[2,4,6,8]"), .string("123456789"), .int(2)) == "[2 4]")
        // probe-semantics: {{ regexReplaceAll "[^a-z]+" "Hello World 42" "-" }}
        #expect(try printed("regexReplaceAll", .string("[^a-z]+"), .string("Hello World 42"), .string("-")) == "-ello-orld-")
        #expect(try printed("regexReplaceAll", .string("a(x*)b"), .string("-ab-axxb-"), .string("${1}W")) == "-W-xxW-")
        #expect(try printed("regexReplaceAll", .string("a(x*)b"), .string("-ab-axxb-"), .string("$1W")) == "---")
        #expect(try printed("regexReplaceAll", .string("(?P<first>\\w+) (?P<last>\\w+)"), .string("Jane Doe"), .string("$last, $first")) == "Doe, Jane")
        #expect(try printed("regexReplaceAllLiteral", .string("a(x*)b"), .string("-ab-axxb-"), .string("${1}")) == "-${1}-${1}-")
        #expect(try printed("mustRegexReplaceAllLiteral", .string("\\."), .string("a.b.c"), .string("_")) == "a_b_c")
        #expect(try printed("regexSplit", .string("z+"), .string("pizza"), .int(-1)) == "[pi a]")
        #expect(try printed("regexSplit", .string("z+"), .string("pizza"), .int(1)) == "[pizza]")
        #expect(try printed("regexReplaceAll", .string("a*"), .string("baaac"), .string("-")) == "-b-c-")
        #expect(try printed("regexQuoteMeta", .string("1.2.3")) == "1\\.2\\.3")
        #expect(failure("mustRegexMatch", .string("a("), .string("x")) != nil)
    }

    @Test(arguments: [
        (">=1.21-0", "v1.33.0", true), (">=1.19-0", "v1.18.3", false), ("<1.22.0-0", "v1.33.0", false),
        (">= 1.16-0", "1.16.0", true), ("^1.2.3", "1.9.0", true), ("^1.2.3", "2.0.0", false),
        ("~1.2.3", "1.2.9", true), ("~1.2.3", "1.3.0", false), ("1.2.x", "1.2.7", true), ("!=1.2.3", "1.2.3", false),
        (">1.0 <2.0", "1.5.0", true), (">1.0, <2.0", "2.5.0", false), ("<1.0 || >=3", "3.1.0", true),
        ("1.2 - 1.4", "1.4.0", true), (">=1.20.0", "v1.33.0-gke.100", false), (">=1.20.0-0", "v1.33.0-gke.100", true),
        ("^0.2.3", "0.2.9", true), ("^0.2.3", "0.3.0", false),
    ])
    func semverCompare(constraint: String, version: String, expected: Bool) throws {
        #expect(try call("semverCompare", .string(constraint), .string(version)).isTrue == expected)
    }

    @Test func semverErrors() {
        #expect(failure("semverCompare", .string(">=1.0"), .string("not-a-version")) == "invalid semantic version")
        #expect(failure("semverCompare", .string(">=banana"), .string("1.0.0")) == "improper constraint: >=banana")
    }
}
