import GitOpsAPI

/// A failed validation, shaped like santhosh-tekuri/jsonschema v6's `ValidationError`: where in
/// the instance, what kind of failure, and the nested causes. `description` prints the library's
/// `Error()` text (which Helm shows after trimming the first line, see `helmText`).
public struct SchemaValidationError: Error, Sendable, CustomStringConvertible {
    /// JSON pointer tokens of the value that failed.
    public var instanceLocation: [String]
    public var kind: Kind
    public var causes: [SchemaValidationError]

    public init(instanceLocation: [String], kind: Kind, causes: [SchemaValidationError] = []) {
        self.instanceLocation = instanceLocation
        self.kind = kind
        self.causes = causes
    }

    /// The kinds of failure (`kind/kind.go` in the library, v6.0.2 wording).
    public enum Kind: Sendable {
        case schema(location: String)
        case group
        case not, allOf, anyOf
        case oneOf(matched: [Int]?)
        case falseSchema
        case refCycle(url: String, keywordLocation1: String, keywordLocation2: String)
        case type(got: String, want: [String])
        case enumeration(want: [JSONValue])
        case const(want: JSONValue)
        case format(got: JSONValue, want: String, reason: String)
        case reference(keyword: String, url: String)
        case minProperties(got: Int, want: Int), maxProperties(got: Int, want: Int)
        case minItems(got: Int, want: Int), maxItems(got: Int, want: Int)
        case additionalItems(count: Int)
        case required(missing: [String])
        case dependency(property: String, missing: [String])
        case dependentRequired(property: String, missing: [String])
        case additionalProperties([String])
        case propertyNames(property: String)
        case uniqueItems(Int, Int)
        case contains
        case minContains(got: [Int], want: Int), maxContains(got: [Int], want: Int)
        case minLength(got: Int, want: Int), maxLength(got: Int, want: Int)
        case pattern(got: String, want: String)
        case minimum(got: Double, want: Double), maximum(got: Double, want: Double)
        case exclusiveMinimum(got: Double, want: Double), exclusiveMaximum(got: Double, want: Double)
        case multipleOf(got: Double, want: Double)

        /// `LocalizedString` with the English printer.
        public var message: String {
            switch self {
            case .schema(let location): return "jsonschema validation failed with \(GoText.quote(location))"
            case .group, .reference: return "validation failed"
            case .not: return "'not' failed"
            case .allOf: return "'allOf' failed"
            case .anyOf: return "'anyOf' failed"
            case .oneOf(let matched):
                guard let m = matched, m.count == 2 else { return "'oneOf' failed, none matched" }
                return "'oneOf' failed, subschemas \(GoText.int(m[0])), \(GoText.int(m[1])) matched"
            case .falseSchema: return "false schema"
            case .refCycle(let url, let k1, let k2): return "both \(k1) and \(k2) resolve to \"\(url)\" causing reference cycle"
            case .type(let got, let want): return "got \(got), want \(want.joined(separator: " or "))"
            case .enumeration(let want):
                if want.contains(where: { $0.arrayValue != nil || $0.objectValue != nil }) { return "'enum' failed" }
                if want.count == 1 { return "value must be \(GoText.display(want[0]))" }
                return "value must be one of \(want.map(GoText.display).joined(separator: ", "))"
            case .const(let want):
                if want.arrayValue != nil || want.objectValue != nil { return "'const' failed" }
                return "value must be \(GoText.display(want))"
            case .format(let got, let want, let reason): return "\(GoText.display(got)) is not valid \(want): \(reason)"
            case .minProperties(let g, let w): return "minProperties: got \(GoText.int(g)), want \(GoText.int(w))"
            case .maxProperties(let g, let w): return "maxProperties: got \(GoText.int(g)), want \(GoText.int(w))"
            case .minItems(let g, let w): return "minItems: got \(GoText.int(g)), want \(GoText.int(w))"
            case .maxItems(let g, let w): return "maxItems: got \(GoText.int(g)), want \(GoText.int(w))"
            case .additionalItems(let count): return "last \(GoText.int(count)) additionalItem(s) not allowed"
            case .required(let missing):
                if missing.count == 1 { return "missing property \(GoText.quote(missing[0]))" }
                return "missing properties \(missing.map(GoText.quote).joined(separator: ", "))"
            case .dependency(let p, let missing), .dependentRequired(let p, let missing):
                return "properties \(missing.map(GoText.quote).joined(separator: ", ")) required, if \(GoText.quote(p)) exists"
            case .additionalProperties(let names):
                return "additional properties \(names.map(GoText.quote).joined(separator: ", ")) not allowed"
            case .propertyNames(let p): return "invalid propertyName \(GoText.quote(p))"
            case .uniqueItems(let i, let j): return "items at \(GoText.int(i)) and \(GoText.int(j)) are equal"
            case .contains: return "no items match contains schema"
            case .minContains(let got, let want):
                if got.isEmpty { return "min \(GoText.int(want)) items required to match contains schema, but none matched" }
                return "min \(GoText.int(want)) items required to match contains schema, but matched \(GoText.int(got.count)) items at \(got.map(String.init).joined(separator: " "))"
            case .maxContains(let got, let want):
                return "max \(GoText.int(want)) items required to match contains schema, but matched \(GoText.int(got.count)) items at \(got.map(String.init).joined(separator: " "))"
            case .minLength(let g, let w): return "minLength: got \(GoText.int(g)), want \(GoText.int(w))"
            case .maxLength(let g, let w): return "maxLength: got \(GoText.int(g)), want \(GoText.int(w))"
            case .pattern(let got, let want): return "\(GoText.quote(got)) does not match pattern \(GoText.quote(want))"
            case .minimum(let g, let w): return "minimum: got \(GoText.float(g)), want \(GoText.float(w))"
            case .maximum(let g, let w): return "maximum: got \(GoText.float(g)), want \(GoText.float(w))"
            case .exclusiveMinimum(let g, let w): return "exclusiveMinimum: got \(GoText.float(g)), want \(GoText.float(w))"
            case .exclusiveMaximum(let g, let w): return "exclusiveMaximum: got \(GoText.float(g)), want \(GoText.float(w))"
            case .multipleOf(let g, let w): return "multipleOf: got \(GoText.float(g)), want \(GoText.float(w))"
            }
        }
    }

    /// The library's `Error()`: one line per error, causes indented under `- `; a reference with
    /// a single cause is not printed itself (`skip`).
    public var description: String {
        var out = ""
        display(into: &out, indent: 0)
        return out
    }

    /// What Helm prints for a failed validation (`JSONSchemaValidationError.Error()`): the text
    /// without its first line ("jsonschema validation failed with '…'") and with a newline added.
    public var helmText: String {
        var text = description
        let header = SchemaValidationError.Kind.schema(location: JSONSchema.helmSchemaURL).message + "\n"
        if text.hasPrefix(header) { text.removeFirst(header.count) }
        return text + "\n"
    }

    private var skipped: Bool {
        if causes.count == 1, case .reference = kind { return true }
        return false
    }

    private func display(into out: inout String, indent: Int) {
        var indent = indent
        if !skipped {
            if indent > 0 {
                out += "\n" + String(repeating: "  ", count: indent - 1) + "- "
            }
            indent += 1
            if case .schema = kind {
                out += kind.message
            } else {
                let pointer = instanceLocation.map { "/" + JSONPointer.escape($0) }.joined()
                out += "at \(GoText.quote(pointer)): \(kind.message)"
            }
        }
        for cause in causes { cause.display(into: &out, indent: indent) }
    }
}
