import Foundation
import GoTemplate
import Testing
@testable import TemplateFunctions

/// `toYaml` and `toJson` output compared byte for byte with real `helm template` (3.19) output
/// in the shared conformance corpus.
@Suite struct ToYAMLCorpusTests {
    let chartValues: Value
    let expected: String

    init() throws {
        chartValues = try values(try readConformance("charts/probe-semantics/values.yaml"))
        expected = try readConformance("corpus/probe-semantics/default/expected.yaml")
    }

    func valuesAt(_ key: String) throws -> Value {
        guard case .map(let map) = chartValues, let value = map[key] else { throw FunctionError("no \(key)") }
        return value
    }

    @Test func quotingProbeMatchesHelm() throws {
        // {{ toYaml .Values.quoting | indent 2 }}: strings that read as bool/null/number/date are
        // double-quoted, indicators single-quoted, tabs escaped, multi-line text as |/|- blocks.
        let rendered = try printed("indent", .int(2), try call("toYaml", try valuesAt("quoting")))
        #expect(rendered == section(expected, after: "quotingYaml:", before: "quotingJson:"))
    }

    @Test func quotingProbeJSONMatchesHelm() throws {
        let line = try printed("toJson", try valuesAt("quoting"))
        #expect(expected.contains("\nquotingJson: " + line + "\n"))
    }

    @Test func wholeValuesMatchHelm() throws {
        // Folds the long plain string at 80 columns, prints 1000000 (a float64) as an int, and
        // sorts keys as go-yaml does ("true" from the YAML 1.1 key `on`).
        let rendered = try printed("indent", .int(2), try call("toYaml", chartValues))
        #expect(rendered == section(expected, after: "toYaml:", before: "toJson:"))
    }

    @Test func nindentOfNestedMatchesHelm() throws {
        let rendered = try printed("nindent", .int(2), try call("toYaml", try valuesAt("nested")))
        #expect(expected.contains("\nnindent:" + rendered + "\n"))
    }

    @Test func prometheusRelabelConfigsMatchHelm() throws {
        // prometheus' cm.yaml: {{- toYaml (omit $scrapeValue "enabled" "job_name") ... }} leaves
        // these relabel_configs verbatim in the rendered ConfigMap.
        let chart = try values(try readConformance("charts/prometheus/values.yaml"))
        let rendered = try readConformance("corpus/prometheus/default/expected.yaml")
        guard case .map(let root) = chart, case .map(let scrapes)? = root["scrapeConfigs"],
              case .map(let pods)? = scrapes["kubernetes-pods"], let relabel = pods["relabel_configs"]
        else { throw FunctionError("prometheus values changed shape") }
        let text = try printed("toYaml", relabel)
        #expect(text.split(separator: "\n").count > 40)
        let found = stride(from: 0, through: 12, by: 2).contains { n in
            rendered.contains(TemplateFunctions.indent(n, text) + "\n")
        }
        #expect(found)
    }
}

/// go-yaml v2's emitter rules as `sigs.k8s.io/yaml.Marshal` applies them.
@Suite struct ToYAMLRulesTests {
    @Test(arguments: [
        ("yes", "\"yes\""), ("on", "\"on\""), ("y", "\"y\""), ("~", "\"~\""), ("", "\"\""),
        ("0x1F", "\"0x1F\""), ("08", "\"08\""), ("1_000", "\"1_000\""), ("1e5", "\"1e5\""), (".5", "\".5\""),
        ("12:30", "\"12:30\""), ("2024-01-01", "\"2024-01-01\""), ("1e400", "1e400"), ("1.2.3", "1.2.3"),
        ("- x", "'- x'"), ("-x", "-x"), ("a: b", "'a: b'"), ("a#b", "a#b"), ("a #b", "'a #b'"),
        ("'q", "'''q'"), ("a\tb", "\"a\\tb\""), ("héllo ✓", "héllo ✓"), ("100Mi", "100Mi"),
        ("Yes", "\"Yes\""), ("NO", "\"NO\""), ("Off", "\"Off\""), ("yES", "yES"), ("<<", "<<"), ("1:60", "1:60"),
        (".Inf", "\".Inf\""), ("0o17", "\"0o17\""), ("0x1g", "0x1g"), ("emoji 😀", "\"emoji \\U0001F600\""),
        ("a\nb", "|-\n  a\n  b"), ("a\nb\n", "|\n  a\n  b"), ("a \nb", "\"a \\nb\""),
    ])
    func stringsQuoteAsGoYAMLv2(input: String, output: String) throws {
        #expect(try printed("toYaml", .string(input)) == output)
    }

    @Test func numbersGoThroughEncodingJSON() throws {
        let map = dict(["a": .float(1e6), "b": .float(0.000001), "c": .float(1.5), "d": .float(1e21),
                        "e": .int(3), "f": .float(-0.0), "g": .float(1e20)])
        #expect(try printed("toYaml", map) == "a: 1000000\nb: 1e-06\nc: 1.5\nd: 1e+21\ne: 3\nf: 0\ng: 1e+20")
    }

    @Test func keysSortNaturallyAndEmptiesAreInline() throws {
        let map = dict(["item10": .list([]), "item2": dict([:]), "B": .null, "a": .list([.string("x"), dict(["k": .bool(true)])])])
        #expect(try printed("toYaml", map) == "B: null\na:\n- x\n- k: true\nitem2: {}\nitem10: []")
    }

    @Test func longPlainStringsFoldAtEightyColumns() throws {
        let long = String(repeating: "word ", count: 30) + "end"
        let text = try printed("toYaml", dict(["key": .string(long)]))
        #expect(text == "key: " + String(repeating: "word ", count: 15) + "word\n  " + String(repeating: "word ", count: 14) + "end")
    }

    @Test func scalarsAtTheTopAndFailures() throws {
        #expect(try printed("toYaml", .null) == "null")
        #expect(try printed("toYaml", .string("x")) == "x")
        #expect(try printed("toYaml", .float(.nan)) == "")
        #expect(failure("mustToYaml", .float(.infinity)) == "json: unsupported value: +Inf")
        #expect(try printed("toYaml", .bytes(Array("hi".utf8))) == "aGk=")
    }
}

/// Helm's toYamlPretty: go-yaml v3 with a 2-space indent, on the Go values themselves.
@Suite struct ToYAMLPrettyTests {
    @Test func indentsSequencesAndKeepsGoNumbers() throws {
        let value = dict([
            "a": .list([.int(1), .string("x")]), "b": dict(["c": .string("multi\nline\n")]), "d": .float(1e6),
            "e": .string("yes"), "f": .list([]), "g": .list([dict(["k": .int(1), "j": .int(2)]), .list([.string("m")])]),
            "h": .string("a: b"), "i": .string(" lead"), "j": .string("tab\there"), "k": .null,
        ])
        let expected = """
        a:
          - 1
          - x
        b:
          c: |
            multi
            line
        d: 1e+06
        e: "yes"
        f: []
        g:
          - j: 2
            k: 1
          - - m
        h: 'a: b'
        i: ' lead'
        j: "tab\\there"
        k: null
        """
        let actual = try printed("toYamlPretty", value)
        #expect(actual == expected, "\(actual)")
    }

    @Test func longStringsAreNotFolded() throws {
        let long = String(repeating: "word ", count: 30) + "end"
        #expect(try printed("toYamlPretty", dict(["key": .string(long)])) == "key: " + long)
    }
}

/// The scalar analysis behind toYamlPretty agrees with libyaml (behind toYaml) wherever go-yaml
/// v2 and v3 resolve a string the same way.
@Suite struct ScalarStyleAgreementTests {
    @Test(arguments: [
        "plain", "yes", "0755", "1.0", "2024-01-01", "12:30", "", " lead", "trail ", "a: b", "a #b", "a#b", "-x", "- x",
        "*x", "&x", "!x", "|", ">x", "%x", "@x", "`x", "'q", "\"q", "[x", "x]", "{x", "x}", "a,b", "?x", "? x", ":x", "x:",
        "a\tb", "héllo ✓", "emoji 😀", "nbsp\u{A0}x", "bom\u{FEFF}", "nel\u{85}", "line\nbreak", "line\nbreak\n",
        "keep\n\n", " lead\nline", "space \nbreak", "x\n y", "---", "...x", "~", "null", "1e400", "0x", "+", "-",
    ])
    func prettyAndPlainAgree(text: String) throws {
        let v2 = try printed("toYaml", dict(["k": .string(text)]))
        let v3 = try printed("toYamlPretty", dict(["k": .string(text)]))
        #expect(v2 == v3)
    }
}

/// go-yaml's key order: the fast path for plain ASCII keys agrees with the general rule.
@Suite struct KeyOrderTests {
    @Test func asciiFastPathMatchesTheGeneralRule() {
        let keys = ["b", "B", "a_b", "ab", "a-b", "A_FIRST", "ANOTHER", "z", "_x", "x.y", "xy", "{", "a", "aa", "~t"]
        let general = keys.sorted { GoYAMLKeyOrder.less(Array($0.unicodeScalars), Array($1.unicodeScalars)) }
        #expect(GoYAMLKeyOrder.sorted(keys) == general)
        #expect(GoYAMLKeyOrder.sorted(["item10", "item2", "item1"]) == ["item1", "item2", "item10"])
    }
}
