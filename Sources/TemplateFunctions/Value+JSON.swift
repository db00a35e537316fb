import GitOpsAPI
import GoTemplate

extension Value {
    /// A value read from YAML or JSON as Go's `encoding/json` decodes it into `interface{}`:
    /// every number becomes a float64 (`sigs.k8s.io/yaml.Unmarshal` goes YAML → JSON → Go), maps
    /// become `map[string]interface{}`, arrays `[]interface{}`. Helm reads values files this way.
    public init(json: JSONValue) {
        switch json {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .int(let i): self = .float(Double(i))
        case .double(let d): self = .float(d)
        case .string(let s): self = .string(s)
        case .array(let items): self = .list(items.map(Value.init(json:)))
        case .object(let object):
            var storage: [String: Value] = [:]
            storage.reserveCapacity(object.count)
            for (key, item) in object { storage[key] = Value(json: item) }
            self = .map(GoMap(storage))
        }
    }

    /// The value as `json.Marshal` followed by go-yaml's decode would see it (what
    /// `sigs.k8s.io/yaml.Marshal` hands to go-yaml's encoder): maps with keys in go-yaml's order,
    /// numbers whose JSON text has no fraction or exponent as ints, `[]byte` as base64 text.
    /// - Throws: `GoJSONError` for NaN or ±Inf, which `encoding/json` refuses.
    public func yamlReady() throws(GoJSONError) -> JSONValue {
        switch self {
        case .missing, .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .float(let d):
            guard d.isFinite else { throw GoJSONError.unsupportedValue(GoFloatText.shortest(d)) }
            // encoding/json writes integral floats below 1e21 without a fraction, so go-yaml reads
            // them back as ints (`cpu: 1`, not `cpu: 1.0`); beyond int64 it keeps a float.
            if d == d.rounded(), abs(d) < 9.2e18 { return .int(Int(d)) }
            return .double(d)
        case .string(let s): return .string(s)
        case .bytes(let bytes): return .string(Base64.encode(bytes))
        case .list(let items):
            var out: [JSONValue] = []
            out.reserveCapacity(items.count)
            for item in items { out.append(try item.yamlReady()) }
            return .array(out)
        case .map(let map):
            var out = JSONObject(minimumCapacity: map.count)
            for key in GoYAMLKeyOrder.sorted(map.storage.keys) {
                out[key] = try map.storage[key]!.yamlReady()
            }
            return .object(out)
        case .object(let object):
            return try (object.jsonValue ?? .map(GoMap())).yamlReady()
        }
    }
}
