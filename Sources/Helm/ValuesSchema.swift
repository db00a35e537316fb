import Foundation
import GitOpsAPI
import GoTemplate
import JSONSchema

/// Helm's check of the coalesced values against each chart's `values.schema.json`
/// (pkg/chartutil/jsonschema.go `ValidateAgainstSchema`, called from
/// `ToRenderValuesWithSchemaValidation` right after `CoalesceValues`, so after dependency
/// processing: disabled subcharts are not checked).
///
/// The chart's schema is checked against all its values, then each enabled subchart's schema
/// against the subchart's part (`values[<name>]`), recursively. Failures of every chart are
/// collected: `<chart>:\n<errors>` each, and reported as
/// "values don't meet the specifications of the schema(s) in the following chart(s):\n…".
/// A subchart whose values are not a map is reported the way Helm 3.19.5 does
/// ("invalid type for values: expected object (map), got string"; 3.19.0 panicked there).
/// `$ref`s to other files or URLs, which Helm would read or fetch, are refused (see `JSONSchema`).
enum ValuesSchema {
    static let header = "values don't meet the specifications of the schema(s) in the following chart(s):\n"

    /// Throws `HelmError` with Helm's text when the values do not satisfy the schemas.
    static func validate(chart: Chart, values: GoMap) throws {
        let report = failures(chart: chart, values: values)
        if !report.isEmpty { throw HelmError(header + report) }
    }

    /// `ValidateAgainstSchema`'s text: empty when everything validates.
    static func failures(chart: Chart, values: GoMap) -> String {
        var out = ""
        if let schema = chart.schema, let failure = validateSingle(values: values, schema: schema) {
            out += chart.name + ":\n" + failure
        }
        for subchart in chart.dependencies {
            guard let raw = values[subchart.name], !ValueConversion.isNull(raw) else { continue }
            guard case .map(let subValues) = raw else {
                out += "\(subchart.name):\ninvalid type for values: expected object (map), got \(goTypeName(raw))\n"
                continue
            }
            out += failures(chart: subchart, values: subValues)
        }
        return out
    }

    /// `ValidateAgainstSingleSchema`: nil when valid; a compile failure's message (Helm adds no
    /// newline to those), or the validation errors as Helm prints them (ending in a newline).
    static func validateSingle(values: GoMap, schema bytes: [UInt8]) -> String? {
        // jsonschema.UnmarshalJSON: Go's syntax errors, printed as they are.
        if let syntax = GoJSONSyntax.decoderError(bytes) { return syntax }
        let document: JSONValue
        do {
            document = try JSONValue.parse(json: Data(bytes))
        } catch {
            return "values.schema.json is not valid JSON: \(error)"
        }
        let compiled: JSONSchema
        do {
            compiled = try JSONSchema.compile(document, url: JSONSchema.helmSchemaURL)
        } catch let error as JSONSchemaError {
            return error.message
        } catch {
            return "\(error)"
        }
        return compiled.validate(json(.map(values)))?.helmText
    }

    /// Values as the library sees Helm's Go values: numbers from YAML are float64, numbers from
    /// `--set` are int64; map keys sorted (Go's map order is random; sorted is one of its orders).
    static func json(_ value: Value) -> JSONValue {
        switch value {
        case .missing, .null, .object: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .float(let d): return .double(d)
        case .string(let s): return .string(s)
        case .bytes(let b): return .array(b.map { .int(Int($0)) })
        case .list(let l): return .array(l.map(json))
        case .map(let m):
            var object = JSONObject(minimumCapacity: m.count)
            for key in m.sortedKeys { object[key] = json(m[key]!) }
            return .object(object)
        }
    }

    /// Go's `%T` of a values member.
    static func goTypeName(_ value: Value) -> String {
        switch value {
        case .bool: return "bool"
        case .int: return "int64"
        case .float: return "float64"
        case .string: return "string"
        case .bytes: return "[]uint8"
        case .list: return "[]interface {}"
        case .map: return "map[string]interface {}"
        case .missing, .null, .object: return "<nil>"
        }
    }
}
