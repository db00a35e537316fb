import Foundation
import GitOpsAPI
import GoTemplate
import Testing
import YAML
@testable import TemplateFunctions

/// Divergences from helm 3.19 found by Tests/HelmTests/Differential, pinned at the function level.
@Suite struct DifferentialFixesTests {
    @Test func regexErrorsUseGoWording() {
        #expect(failure("mustRegexMatch", .string("("), .string("x")) == "error parsing regexp: missing closing ): `(`")
        #expect(failure("mustRegexMatch", .string("a)"), .string("x")) == "error parsing regexp: unexpected ): `a)`")
        #expect(failure("mustRegexMatch", .string("[a"), .string("x")) == "error parsing regexp: missing closing ]: `[a`")
        #expect(failure("mustRegexMatch", .string("*a"), .string("x")) == "error parsing regexp: missing argument to repetition operator: `*`")
        #expect(failure("mustRegexMatch", .string("a**"), .string("x")) == "error parsing regexp: invalid nested repetition operator: `**`")
        #expect(failure("mustRegexMatch", .string("(a)\\1"), .string("x")) == "error parsing regexp: invalid escape sequence: `\\1`")
        #expect(failure("mustRegexMatch", .string("a(?=b)"), .string("x")) == "error parsing regexp: invalid or unsupported Perl syntax: `(?=`")
        #expect(failure("mustRegexMatch", .string("a\\"), .string("x")) == "error parsing regexp: trailing backslash at end of expression: ``")
        // RE2 accepts these.
        #expect(failure("mustRegexMatch", .string("(?i)^a(?:b|c)*?[]a]\\d{2}$"), .string("x")) == nil)
        #expect(failure("mustRegexMatch", .string("(?P<n>x)\\pL\\x41\\Q.\\E"), .string("x")) == nil)
        for pattern in ["^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", "\\Q(*\\E+", "[[:alpha:]_]+\\.?", "(?s:.)*?\\z", "^*$", "a{2,3}|\\_", "(?<n>a)(?-i)b"] {
            #expect(failure("mustRegexMatch", .string(pattern), .string("x")) == nil, "\(pattern)")
        }
    }

    @Test func regexFunctionsWithoutMustFollowSprig() throws {
        // regexMatch drops the compile error; the others panic through MustCompile.
        #expect(try printed("regexMatch", .string("("), .string("x")) == "false")
        #expect(failure("regexFind", .string("("), .string("x")) == "regexp: Compile(`(`): error parsing regexp: missing closing ): `(`")
        #expect(try printed("regexSplit", .string(""), .string("abc"), .int(-1)) == "[a b c]")
    }

    @Test func jsonSyntaxErrorsUseEncodingJSONWording() {
        #expect(GoJSONSyntax.unmarshalError(Array("{bad".utf8)) == "invalid character 'b' looking for beginning of object key string")
        #expect(GoJSONSyntax.unmarshalError(Array("[".utf8)) == "unexpected end of JSON input")
        #expect(GoJSONSyntax.unmarshalError(Array("".utf8)) == "unexpected end of JSON input")
        #expect(GoJSONSyntax.unmarshalError(Array("{\"a\" 1}".utf8)) == "invalid character '1' after object key")
        #expect(GoJSONSyntax.unmarshalError(Array("{\"a\":1 \"b\"}".utf8)) == "invalid character '\"' after object key:value pair")
        #expect(GoJSONSyntax.unmarshalError(Array("[1 2]".utf8)) == "invalid character '2' after array element")
        #expect(GoJSONSyntax.unmarshalError(Array("1 x".utf8)) == "invalid character 'x' after top-level value")
        #expect(GoJSONSyntax.unmarshalError(Array("tru".utf8)) == "unexpected end of JSON input")
        #expect(GoJSONSyntax.unmarshalError(Array("trux".utf8)) == "invalid character 'x' in literal true (expecting 'e')")
        #expect(GoJSONSyntax.unmarshalError(Array("-".utf8)) == "unexpected end of JSON input")
        #expect(GoJSONSyntax.unmarshalError(Array("1.x".utf8)) == "invalid character 'x' after decimal point in numeric literal")
        #expect(GoJSONSyntax.unmarshalError(Array("\"\\q\"".utf8)) == "invalid character 'q' in string escape code")
        #expect(GoJSONSyntax.unmarshalError(Array("'".utf8)) == "invalid character '\\'' looking for beginning of value")
        #expect(GoJSONSyntax.unmarshalError(Array(" {\"a\": [1, 2.5e-3, true, null, \"\\u00e9\"]} ".utf8)) == nil)
    }

    @Test func yamlErrorsUseGoYAMLWording() {
        func message(_ text: String) -> String {
            do { _ = try YAML.parse(text); return "parsed" } catch { return GoYAMLError.message(error) }
        }
        #expect(message("a: [") == "yaml: line 1: did not find expected node content")
        #expect(message("kind: E\na: b: c\n") == "yaml: line 2: mapping values are not allowed in this context")
        #expect(message("kind: E\nx:\n\t- a\n") == "yaml: line 3: found character that cannot start any token")
        // A scanner error on the first line, and the decoder's own errors, carry no line.
        #expect(message("a: b: c") == "yaml: mapping values are not allowed in this context")
        #expect(message("a: *nope") == "yaml: unknown anchor 'nope' referenced")
    }

    @Test func substrBoundsUseGoRuntimeWording() {
        #expect(failure("substr", .int(4), .int(2), .string("abcdef")) == "runtime error: slice bounds out of range [4:2]")
    }

    @Test func chunkOfNothingIsEmpty() throws {
        #expect(try printed("chunk", .int(3), .list([])) == "[]")
    }

    @Test func printfHexFloat() {
        #expect(GoFormat.sprintf("%x|%X|%x|%x|%x", [.float(1.5), .float(1.5), .float(1), .float(0), .float(-0.1)])
                == "0x1.8p+00|0X1.8P+00|0x1p+00|0x0p+00|-0x1.999999999999ap-04")
    }

    @Test func goutilsWalksBytes() throws {
        #expect(try printed("nospace", .string("a\u{a0}b c")) == "a\u{c2}bc")
        #expect(try printed("initials", .string("élan vital")) == "\u{c3}v")
    }

    @Test func simpleCaseMappings() throws {
        #expect(try printed("lower", .string("İ")) == "i")
        #expect(try printed("upper", .string("ᾀß")) == "ᾈß")
    }

    @Test func semverIncrements() throws {
        #expect(try printed("semver", .string("1.2.3-beta.1+b")).isEmpty == false)
        guard case .object(let version) = try call("semver", .string("v1.2.3-beta.1+b")) else { Issue.record("no version"); return }
        #expect(try version.callMethod("IncPatch", []).map(GoText.v) == "1.2.3")
        #expect(try version.callMethod("IncMinor", []).map(GoText.v) == "1.3.0")
        #expect(try version.callMethod("IncMajor", []).map(GoText.v) == "2.0.0")
    }

    @Test func timesUseTheProlepticGregorianCalendar() throws {
        #expect(try printed("toDate", .string("2006-01-02"), .string("nope")) == "0001-01-01 00:00:00 +0000 UTC")
        let t = try call("toDate", .string("2006-01-02"), .string("2021-03-04"))
        #expect(try printed("dateInZone", .string("002 __2 Jan _2"), t, .string("UTC")) == "063  63 Mar  4")
    }

    @Test func base64UnfinishedQuantum() throws {
        #expect(try printed("b64dec", .string("aGVsbG8")) == "illegal base64 data at input byte 4")
    }

    @Test func largeIntegralFloatsTakeEncodingJSONDigits() throws {
        #expect(try printed("toYaml", .float(1234567890123456789)) == "1234567890123456800")
        #expect(try printed("toYaml", .float(-1234567890123456789)) == "-1234567890123456800")
        #expect(try printed("toYaml", .float(9007199254740993)) == "9007199254740992")
    }

    @Test func atoiClampsAndFloatTakesUnderscores() throws {
        #expect(try printed("atoi", .string("9999999999999999999")) == "9223372036854775807")
        #expect(try printed("atoi", .string("-9999999999999999999")) == "-9223372036854775808")
        #expect(try printed("atoi", .string("9x")) == "0")
        #expect(try printed("float64", .string("1_000.5")) == "1000.5")
        #expect(try printed("float64", .string("1__0")) == "0")
        #expect(try printed("float64", .string("_1")) == "0")
    }

    /// RFC 7914 §12, the first test vector: scrypt("", "", N=16, r=1, p=1, 64).
    @Test func scryptTestVector() {
        let key = Scrypt.key(password: [], salt: [], n: 16, r: 1, p: 1, length: 64)
        #expect(key.map { String(format: "%02x", $0) }.joined()
                == "77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906")
    }

    @Test func timesKeepNanosecondsAndParseNamedLayouts() throws {
        let t = try call("toDate", .string("2006-01-02 15:04:05.000"), .string("2020-05-06 07:08:09.123"))
        #expect(try printed("date", .string("15:04:05.000000"), t) == "07:08:09.123000")
        let later = try call("dateModify", .string("1us"), t)
        #expect(try printed("date", .string("05.000000"), later) == "09.123001")
        let named = try call("toDate", .string("Jan 2, 2006 at 3:04pm (MST)"), .string("Feb 3, 2013 at 7:54pm (PST)"))
        #expect(try printed("dateInZone", .string("2006-01-02 15:04"), named, .string("UTC")) == "2013-02-03 19:54")
        let offset = try call("toDate", .string("2006-01-02T15:04:05Z07:00"), .string("2024-02-29T23:59:58+05:30"))
        #expect(GoText.v(offset) == "2024-02-29 23:59:58 +0530 +0530")
        #expect(try printed("date", .string("2006-01-02"), try call("toDate", .string("02/01/06"), .string("31/12/99"))) == "1999-12-31")
    }
}
