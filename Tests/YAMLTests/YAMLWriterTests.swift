import GitOpsAPI
import Testing
import YAML

@Suite("YAML writer")
struct YAMLWriterTests {
    /// A ConfigMap the way `kubectl kustomize` lays one out, holding `data`.
    private func configMap(_ data: [(String, String)]) -> JSONValue {
        var object = JSONObject()
        for (key, value) in data { object[key] = .string(value) }
        return ["apiVersion": "v1", "data": .object(object), "kind": "ConfigMap", "metadata": ["name": "probe"]]
    }

    @Test("one-line strings are quoted exactly as kubectl quotes them (YAML 1.1 words, numbers, indicators)")
    func quotingTable() {
        #expect(YAML.emit(configMap(KubectlProbe.words)) == KubectlProbe.wordsPrinted)
    }

    @Test("multi-line and long strings print as kubectl prints them (|, |-, |+, |2, double quotes, folding at 80)")
    func multiLineTable() {
        #expect(YAML.emit(configMap(KubectlProbe.texts)) == KubectlProbe.textsPrinted)
    }

    @Test("both kubectl probes read back to the values that were printed")
    func probesReadBack() throws {
        for (values, printed) in [(KubectlProbe.words, KubectlProbe.wordsPrinted), (KubectlProbe.texts, KubectlProbe.textsPrinted)] {
            #expect(try YAML.parse(printed) == configMap(values))
        }
    }

    @Test("sequences sit flush under their key and maps in sequences indent by two")
    func layout() {
        let pod: JSONValue = [
            "spec": ["containers": [["name": "a", "image": "b", "args": ["-c", "echo"]]], "volumes": []],
            "metadata": ["labels": [:]],
            "matrix": [[1, 2], []],
        ]
        #expect(YAML.emit(pod) == """
            spec:
              containers:
              - name: a
                image: b
                args:
                - -c
                - echo
              volumes: []
            metadata:
              labels: {}
            matrix:
            - - 1
              - 2
            - []

            """)
    }

    @Test("numbers, booleans and null print plain, doubles the way Go formats them")
    func nonStrings() {
        let value: JSONValue = [
            "int": 3, "negative": -42, "yes": true, "no": false, "nothing": nil,
            "half": 0.5, "whole": 2.0, "million": 1_000_000.0, "small": 0.00001, "big": 123456.0,
            "inf": .double(.infinity), "ninf": .double(-.infinity), "nan": .double(.nan), "pi": 3.14159,
        ]
        #expect(YAML.emit(value) == """
            int: 3
            negative: -42
            "yes": true
            "no": false
            nothing: null
            half: 0.5
            whole: 2
            million: 1e+06
            small: 1e-05
            big: 123456
            inf: .inf
            ninf: -.inf
            nan: .nan
            pi: 3.14159

            """)
    }

    @Test("keys keep the value's order and are quoted like values")
    func keys() {
        var object = JSONObject()
        for key in ["z", "a", "on", "1", "a: b", ""] { object[key] = "v" }
        #expect(YAML.emit(.object(object)) == "z: v\na: v\n\"on\": v\n\"1\": v\n'a: b': v\n\"\": v\n")
    }

    @Test("a root scalar prints alone, without a document end marker")
    func rootScalars() {
        #expect(YAML.emit("hello") == "hello\n")
        #expect(YAML.emit(nil) == "null\n")
        #expect(YAML.emit("keep\n\n") == "|+\n  keep\n\n")
        #expect(YAML.emit([]) == "[]\n")
    }

    @Test("a stream joins documents with --- lines")
    func documents() {
        #expect(YAML.emitDocuments([["a": 1], ["b": [2]]]) == "a: 1\n---\nb:\n- 2\n")
        #expect(YAML.emitDocuments([]) == "")
    }

    @Test("YAML 1.1 line breaks other than \\n are escaped so they survive a round trip")
    func unicodeBreaks() throws {
        for text in ["a\u{85}b", "a\u{2028}b", "a\u{2029}b\nc"] {
            let printed = YAML.emit(["k": .string(text)])
            #expect(printed.hasPrefix("k: \""))
            #expect(try YAML.parse(printed) == ["k": .string(text)])
        }
    }

    @Test("whatever is printed reads back to the same value")
    func printedValuesReadBack() throws {
        let strings = KubectlProbe.words.map(\.1) + KubectlProbe.texts.map(\.1)
            + ["", " ", "\n", "\t", "a\u{0}b", "🎉", "x\ny ", "a\rb", "end\r", "a\r\nb", String(repeating: "long words ", count: 30) + "\nnext"]
        for text in strings {
            let value: JSONValue = ["key " + text: .string(text), "list": [.string(text)]]
            #expect(try YAML.parse(YAML.emit(value)) == value, "\(text.debugDescription)")
        }
    }
}
