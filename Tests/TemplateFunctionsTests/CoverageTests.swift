import GoTemplate
import Testing
@testable import TemplateFunctions

/// The functions the corpus charts call (grep of charts/*/templates), less Go's built-ins and
/// Helm's late-bound `include`, `tpl`, `required`, `lookup`, are all registered.
@Suite struct CoverageTests {
    static let calledByCorpusCharts = [
        "nindent", "toYaml", "default", "indent", "dict", "hasKey", "quote", "dig", "trimSuffix", "trunc",
        "semverCompare", "fail", "int", "b64enc", "join", "trim", "empty", "ternary", "replace", "list",
        "kindIs", "sha256sum", "coalesce", "toJson", "omit", "concat", "get", "upper", "lower", "toString",
        "fromYaml", "randAlphaNum", "has", "uniq", "split", "keys", "float64", "sortAlpha", "mergeOverwrite",
        "last", "fromYamlArray", "typeOf", "trimPrefix", "mustUniq", "mustRegexReplaceAllLiteral", "append",
        "mulf", "splitList", "set", "regexFind", "merge", "htpasswd", "hasPrefix", "divf", "untitle", "until",
        "toPrettyJson", "slice", "regexReplaceAll", "regexMatch", "mustToJson", "kindOf", "fromJsonArray",
        "first", "camelcase", "add1",
    ]

    @Test func everyFunctionTheCorpusCallsExists() {
        let missing = Self.calledByCorpusCharts.filter { helmFunctions[$0] == nil }
        #expect(missing.isEmpty, "not registered: \(missing)")
    }

    @Test func helmRemovesEnvironmentAccess() {
        #expect(helmFunctions["env"] == nil)
        #expect(helmFunctions["expandenv"] == nil)
    }

    /// The other lines of probe-semantics' template that only Sprig decides, against helm's output.
    @Test func probeSemanticsLinesMatchHelm() throws {
        let expected = try readConformance("corpus/probe-semantics/default/expected.yaml")
        let nested = try values("{b: 2, a: 1, c: [3, 1, 2]}")
        let lines = [
            "quoted: " + (try printed("quote", .string("yes"))),
            "trunc: " + (try printed("trimSuffix", .string("-"), try call("trunc", .int(63), .string("rel-a-very-long-chart-name-that-goes-on-and-on-and-on-forever")))),
            "sha: " + (try printed("sha256sum", .string("abc"))),
            "b64: " + (try printed("b64enc", .string("abc"))),
            "ternary: " + (try printed("ternary", .string("a"), .string("b"), .bool(true))),
            "dig: " + (try printed("dig", .string("a"), .string("none"), nested)) + " " + (try printed("dig", .string("x"), .string("y"), .string("none"), nested)),
            "list: " + (try printed("toJson", try call("list", .int(1), .string("two"), .float(3.5)))),
            "until: " + (try printed("toJson", try call("until", .int(3)))),
            "toJson: " + (try printed("toJson", nested)),
            "bigInt: " + (try printed("int", .float(1e6))),
            "kindOfSmall: " + (try printed("kindOf", .float(1))),
            "typeOfSmall: " + (try printed("typeOf", .float(1))),
            "semver: " + (try printed("semverCompare", .string(">=1.21-0"), .string("v1.33.0"))),
        ]
        for line in lines { #expect(expected.contains("\n" + line + "\n"), "\(line)") }
    }

    /// `--set setInt=1000000` arrives as an int64: `{{ .Values.setInt }} {{ typeOf .Values.setInt }}`.
    @Test func setIntegersAreInt64() throws {
        let expected = try readConformance("corpus/probe-semantics/set-and-file/expected.yaml")
        #expect(expected.contains("\nsetInt: 1000000 " + (try printed("typeOf", .int(1_000_000))) + "\n"))
        #expect(expected.contains("\nfromFile: 1e+06 " + (try printed("typeOf", .float(1e6))) + "\n"))
    }
}
