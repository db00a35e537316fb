import GitOpsAPI
import Testing
import YAML

@Suite("YAML errors")
struct YAMLErrorTests {
    private func error(_ text: String, file: String? = "f.yaml", limits: YAMLLimits = .default) -> YAMLError? {
        #expect(throws: YAMLError.self) { try YAML.parseDocuments(text, file: file, limits: limits) }
    }

    @Test("a syntax error reports libyaml's problem at its line and column")
    func syntaxError() {
        let broken = error("""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: a
             bad: indentation
            """)
        #expect(broken?.line == 5)
        #expect(broken?.column == 2)
        #expect(broken?.description.hasPrefix("f.yaml:5:2: did not find expected key") == true)

        let unclosed = error("a: [1, 2\nb: 3\n")
        #expect(unclosed?.message.contains("while parsing a flow sequence at line 1, column 4") == true)

        let tab = error("a:\n\tb: 1\n", file: nil)
        #expect(tab?.line == 2)
        #expect(tab?.description.hasPrefix("line 2, column 1: ") == true)
    }

    @Test("the error names the line in a later document of a stream")
    func errorInLaterDocument() {
        let text = "a: 1\n---\nb: 2\n---\nc: 'unterminated\n"
        #expect(error(text)?.line == 6)
    }

    @Test("a duplicate key is refused, naming where it was first defined")
    func duplicateKey() {
        let duplicate = error("a: 1\nb:\n  x: 1\n  y: 2\n  x: 3\n")
        #expect(duplicate?.description == #"f.yaml:5:3: mapping key "x" already defined at line 3"#)
        // Keys that convert to the same string collide too.
        #expect(error("1: a\n\"1\": b\n")?.line == 2)
    }

    @Test("an unknown alias is an error at the alias")
    func unknownAlias() {
        let unknown = error("a: 1\nb: *nowhere\n")
        #expect(unknown?.message == "unknown anchor 'nowhere' referenced")
        #expect(unknown?.line == 2)
    }

    @Test("a billion-laughs document is refused fast, before it is expanded")
    func aliasBomb() {
        var text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            let refs = Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ")
            text += "a\(level): &a\(level) [\(refs)]\n"
        }
        let clock = ContinuousClock()
        var refused: YAMLError?
        let elapsed = clock.measure { refused = error(text) }
        #expect(refused?.message == "YAML alias expansion exceeds the limit of 100000 nodes (an alias bomb?)")
        #expect(elapsed < .seconds(1))
        // A lower limit is honoured.
        let small = YAMLLimits(maxAliasExpansion: 50, aliasExpansionPerNode: 1)
        #expect(error("a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9]\nb: [*a, *a, *a, *a, *a, *a]\n", limits: small) != nil)
    }

    @Test("nesting deeper than the limit is refused, also when an alias brings it in")
    func depthLimit() {
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(error(deep)?.message == "YAML nesting exceeds the limit of 512 levels")
        let limits = YAMLLimits(maxDepth: 4)
        #expect(error("a: &a [[[1]]]\nb: [*a]\n", limits: limits) != nil)
        #expect((try? YAML.parse("a: &a [[1]]\nb: [*a]\n", limits: limits)) != nil)
    }

    @Test("input over maxBytes is refused before parsing")
    func sizeLimit() {
        let big = error("a: 123456789\n", limits: YAMLLimits(maxBytes: 8))
        #expect(big?.message == "YAML input is 13 bytes, over the limit of 8")
    }

    @Test("a control character is reported at its line")
    func readerError() {
        let control = error("a: 1\nb: x\u{1}y\n")
        #expect(control?.line == 2)
        #expect(control?.message.contains("control characters are not allowed") == true)
    }
}
