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
            // them back as ints (`cpu: 1`, not `cpu: 1.0`); beyond int64 it keeps a float (go-yaml
            // would read [2^63, 2^64) as a uint64, which JSONValue cannot hold: such a value prints
            // as a float here).
            if d == d.rounded(), d >= -9223372036854775808.0, d < 9223372036854775808.0 {
                return .int(abs(d) < 9007199254740992 ? Int(d) : Self.shortestInteger(d))
            }
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

    /// The integer go-yaml reads back from encoding/json's text for a large integral float: the
    /// shortest round-trip digits padded with zeros (1234567890123456789 → 1234567890123456800),
    /// not the float's exact value.
    static func shortestInteger(_ d: Double) -> Int {
        let text = "\(abs(d))"  // Swift prints the shortest round-trip digits, e.g. 1.2345678901234568e+18
        guard let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }), let exponent = Int(text[text.index(after: e)...]) else {
            return Int(d)
        }
        let mantissa = text[..<e]
        let digits = mantissa.filter(\.isNumber)
        let integerDigits = (mantissa.firstIndex(of: ".").map { mantissa.distance(from: mantissa.startIndex, to: $0) } ?? mantissa.count) + exponent
        guard integerDigits >= digits.count else { return Int(d) }
        let value = Int(digits + String(repeating: "0", count: integerDigits - digits.count)) ?? Int(d)
        return d < 0 ? -value : value
    }
}
