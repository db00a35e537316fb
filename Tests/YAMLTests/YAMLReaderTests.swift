import GitOpsAPI
import Testing
import YAML

@Suite("YAML reader")
struct YAMLReaderTests {
    @Test("a stream yields its documents in order with the line each starts on, skipping empty ones")
    func multipleDocuments() throws {
        let documents = try YAML.parseDocuments("""
            # leading comment
            a: 1
            ---
            # only a comment
            ---
            - b
            ---
            c: null
            ---

            """)
        #expect(documents.map(\.value) == [["a": 1], ["b"], ["c": nil]])
        #expect(documents.map(\.line) == [2, 5, 7])
    }

    @Test("empty input, whitespace and comments hold no documents; parse gives null for them")
    func emptyInputs() throws {
        for text in ["", "\n\n", "# nothing\n", "---\n", "---\n...\n"] {
            #expect(try YAML.parseDocuments(text).isEmpty, "\(text.debugDescription)")
            #expect(try YAML.parse(text) == .null)
        }
        #expect(try YAML.parseDocuments("--- ~\n").map(\.value) == [.null])
    }

    @Test("parse refuses a stream of two documents and names the second one's line")
    func parseWantsOneDocument() {
        let error = #expect(throws: YAMLError.self) { try YAML.parse("a: 1\n---\nb: 2\n", file: "two.yaml") }
        #expect(error?.description == "two.yaml:2:1: expected a single YAML document, found 2")
    }

    @Test("an alias expands to a copy of its anchored value; anchors are per document")
    func anchorsAndAliases() throws {
        let value = try YAML.parse("""
            base: &labels
              app: web
              tier: front
            copy: *labels
            name: &n shop
            names: [*n, *n]
            """)
        #expect(value["copy"] == ["app": "web", "tier": "front"])
        #expect(value["names"] == ["shop", "shop"])
        #expect(throws: YAMLError.self) { try YAML.parseDocuments("a: &x 1\n---\nb: *x\n") }
    }

    @Test("merge keys bring in one map or a list of maps; written keys and earlier maps win")
    func mergeKeys() throws {
        let value = try YAML.parse("""
            defaults: &defaults
              adapter: postgres
              host: localhost
            extra: &extra
              host: remote
              pool: 5
            single:
              <<: *defaults
              host: db
            list:
              <<: [*extra, *defaults]
              name: x
            inline:
              <<: {a: 1}
              b: 2
            """)
        #expect(value["single"] == ["adapter": "postgres", "host": "db"])
        #expect(value["list"] == ["host": "remote", "pool": 5, "adapter": "postgres", "name": "x"])
        #expect(value["inline"] == ["a": 1, "b": 2])
        // Quoted "<<" is an ordinary key.
        #expect(try YAML.parse("'<<': 1") == ["<<": 1])
        #expect(throws: YAMLError.self) { try YAML.parse("a:\n  <<: 1\n") }
        #expect(throws: YAMLError.self) { try YAML.parse("a:\n  <<: [1]\n") }
    }

    @Test("block scalars keep, strip or clip their final newlines and fold when asked")
    func blockScalars() throws {
        let value = try YAML.parse("""
            literal: |
              one
               two
            strip: |-
              text
            keep: |+
              text


            folded: >
              a
              b

              c
            foldedStrip: >-
              a
              b
            indented: |2
                lead
              next
            last: x
            """)
        #expect(value == [
            "literal": "one\n two\n", "strip": "text", "keep": "text\n\n\n", "folded": "a b\nc\n",
            "foldedStrip": "a b", "indented": "  lead\nnext\n", "last": "x",
        ])
    }

    @Test("flow collections and quoted scalars with escapes read like block ones")
    func flowAndQuoted() throws {
        let value = try YAML.parse(#"""
            {list: [1, "two", 'thr''ee', {k: v}], esc: "tab\there\u00e9\n", empty: {}, none: []}
            """#)
        #expect(value == ["list": [1, "two", "thr'ee", ["k": "v"]], "esc": "tab\there\u{e9}\n", "empty": [:], "none": []])
    }

    @Test("keys keep the order they were written in")
    func keyOrder() throws {
        let value = try YAML.parse("z: 1\na: 2\nm: 3\n")
        #expect(value.objectValue.map { Array($0.keys) } == ["z", "a", "m"])
    }

    @Test("a Windows line ending and a byte-order mark are accepted")
    func lineEndings() throws {
        #expect(try YAML.parse("\u{FEFF}a: 1\r\nb: two\r\n") == ["a": 1, "b": "two"])
    }
}
