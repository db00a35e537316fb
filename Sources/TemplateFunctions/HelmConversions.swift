import GitOpsAPI
import GoTemplate
import YAML

extension TemplateFunctions {
    /// Helm's conversions (pkg/engine/funcs.go). `mustToYaml` is Helm 4's (3.19 lacks it);
    /// `fromToml` is not provided. `toYaml` is `sigs.k8s.io/yaml.Marshal` with the
    /// final newline trimmed, and an empty string when marshalling fails; `fromYaml` never fails
    /// but puts the error text under the key `Error`.
    static func addHelmConversions(to table: inout FunctionTable) {
        table.add("toYaml") { a in
            try a.expect(1)
            // Helm swallows the error: so does go-yaml's reader when encoding/json left a DEL or
            // a C1 control character raw in the text it reads back.
            guard let ready = try? a[0].yamlReady(), !readerRejects(ready) else { return .string("") }
            return .string((try? toYAML(a[0])) ?? "")
        }
        table.add("mustToYaml") { a in
            try a.expect(1)
            do { return .string(try toYAML(a[0])) } catch { throw FunctionError(String(describing: error)) }
        }
        table.add("toYamlPretty") { a in
            try a.expect(1)
            var text = (try? GoYAMLv3Writer.encode(a[0])) ?? ""
            if text.hasSuffix("\n") { text.removeLast() }
            return .string(text)
        }
        table.add("toToml") { a in
            try a.expect(1)
            // Helm returns the encoder's error text in place of the document.
            do { return .string(try GoTOML.encode(a[0])) } catch let failure as GoTOML.Failure { return .string(failure.message) }
        }
        table.add("fromYaml") { a in
            try a.expect(1)
            switch fromYAML(try a.string(0)) {
            case .success(.map(let map)): return .map(map)
            case .success(.missing), .success(.null): return .map(GoMap())
            case .success(let other):
                return .map(GoMap(["Error": .string(unmarshalTypeError(other, into: "map[string]interface {}"))]))
            case .failure(let error): return .map(GoMap(["Error": .string(error.message)]))
            }
        }
        table.add("fromYamlArray") { a in
            try a.expect(1)
            switch fromYAML(try a.string(0)) {
            case .success(.list(let items)): return .list(items)
            case .success(.missing), .success(.null): return .list([])
            case .success(let other): return .list([.string(unmarshalTypeError(other, into: "[]interface {}"))])
            case .failure(let error): return .list([.string(error.message)])
            }
        }
        table.add("toJson") { a in try a.expect(1); return .string((try? GoJSON.marshal(a[0])) ?? "") }
        table.add("mustToJson") { a in
            try a.expect(1)
            do { return .string(try GoJSON.marshal(a[0])) } catch { throw FunctionError(String(describing: error)) }
        }
        table.add("fromJson") { a in
            try a.expect(1)
            switch fromJSON(try a.string(0)) {
            case .success(.map(let map)): return .map(map)
            case .success(.null): return .map(GoMap())
            case .success(let other):
                return .map(GoMap(["Error": .string(jsonTypeError(other, into: "map[string]interface {}"))]))
            case .failure(let error): return .map(GoMap(["Error": .string(error.message)]))
            }
        }
        table.add("fromJsonArray") { a in
            try a.expect(1)
            switch fromJSON(try a.string(0)) {
            case .success(.list(let items)): return .list(items)
            case .success(.null): return .list([])
            case .success(let other): return .list([.string(jsonTypeError(other, into: "[]interface {}"))])
            case .failure(let error): return .list([.string(error.message)])
            }
        }
    }

    /// `sigs.k8s.io/yaml.Marshal(v)` without its final newline: Go's JSON encoding of the value
    /// read back by go-yaml v2 and printed in its block style (keys in go-yaml's order,
    /// strings that would read as another type double-quoted, long plain text folded at 80
    /// columns, multi-line text as `|` blocks).
    public static func toYAML(_ value: Value) throws(GoJSONError) -> String {
        var text = YAML.emit(try value.yamlReady())
        if text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    /// Whether a string or key holds a character encoding/json writes raw and libyaml's reader
    /// refuses (`control characters are not allowed`): DEL, C1 controls but NEL, U+FFFE, U+FFFF.
    static func readerRejects(_ value: JSONValue) -> Bool {
        func rejects(_ s: String) -> Bool {
            s.unicodeScalars.contains { r in
                let v = r.value
                return v == 0x7F || (v >= 0x80 && v <= 0x9F && v != 0x85) || v == 0xFFFE || v == 0xFFFF
            }
        }
        switch value {
        case .string(let s): return rejects(s)
        case .array(let items): return items.contains(where: readerRejects)
        case .object(let object): return object.contains { rejects($0.key) || readerRejects($0.value) }
        default: return false
        }
    }

    private static let fromYAMLLimits: YAMLLimits = {
        var limits = YAMLLimits.default
        limits.allowsDuplicateKeys = true
        return limits
    }()

    /// `json.Marshal(v)` as Helm's and Sprig's `toJson` print it (HTML characters escaped).
    public static func toJSON(_ value: Value) throws(GoJSONError) -> String {
        try GoJSON.marshal(value)
    }

    /// `sigs.k8s.io/yaml.Unmarshal` into `interface{}`: YAML → JSON → Go, every number a float64.
    static func fromYAML(_ text: String) -> Result<Value, FunctionErrorText> {
        do {
            // go-yaml v2 reads the first document of a stream and ignores the rest, and lets a
            // repeated key win (tempo-distributed's config repeats `blocklist_poll`).
            let json = try YAML.parseDocuments(text, limits: fromYAMLLimits).first?.value ?? .null
            if let bad = GoYAMLError.firstNonFinite(json) {
                return .failure(FunctionErrorText("error converting YAML to JSON: json: unsupported value: \(bad)"))
            }
            return .success(Value(json: json))
        } catch {
            return .failure(FunctionErrorText("error converting YAML to JSON: \(GoYAMLError.message(error))"))
        }
    }

    /// `json.Unmarshal` into `interface{}`.
    static func fromJSON(_ text: String) -> Result<Value, FunctionErrorText> {
        if let message = GoJSONSyntax.unmarshalError(Array(text.utf8)) { return .failure(FunctionErrorText(message)) }
        do {
            return .success(Value(json: try JSONValue.parse(json: text)))
        } catch {
            return .failure(FunctionErrorText("\(error)"))
        }
    }

    private static func jsonKind(_ value: Value) -> String {
        switch value {
        case .string: return "string"
        case .float, .int: return "number"
        case .bool: return "bool"
        case .list: return "array"
        case .map: return "object"
        default: return "null"
        }
    }

    private static func jsonTypeError(_ value: Value, into type: String) -> String {
        "json: cannot unmarshal \(jsonKind(value)) into Go value of type \(type)"
    }

    private static func unmarshalTypeError(_ value: Value, into type: String) -> String {
        "error unmarshaling JSON: while decoding JSON: " + jsonTypeError(value, into: type)
    }
}
