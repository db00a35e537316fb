import GitOpsAPI

/// Reads and writes YAML the way Kubernetes tools do.
///
/// Reading follows `sigs.k8s.io/yaml` on go-yaml v2 (YAML 1.1 scalars: `yes`/`on` are booleans,
/// `0777` is octal, non-string map keys become their string form; a merge key `<<` copies keys
/// in place, as go-yaml v2 does). Writing follows the text
/// `kubectl kustomize` prints (kyaml): block style, 2-space indentation, sequences flush with their
/// key, strings quoted only where a plain scalar would read back as something else.
public enum YAML {
    /// All documents of a stream, in order.
    ///
    /// Empty documents (a trailing `---`, or a document that is only comments) are skipped.
    /// - Parameters:
    ///   - file: named in error messages (`file:line:column: message`).
    ///   - limits: bounds on input size, nesting and alias expansion.
    /// - Throws: `YAMLError` with the line and column of the problem.
    public static func parseDocuments(
        _ text: String, file: String? = nil, limits: YAMLLimits = .default
    ) throws -> [YAMLDocument] {
        try YAMLReader.read(text, file: file, limits: limits)
    }

    /// Exactly one document; an empty input (or one holding only comments) yields `.null`.
    /// - Throws: `YAMLError`, also when the stream holds more than one document.
    public static func parse(_ text: String, file: String? = nil, limits: YAMLLimits = .default) throws -> JSONValue {
        let documents = try parseDocuments(text, file: file, limits: limits)
        guard documents.count <= 1 else {
            throw YAMLError(
                file: file, line: documents[1].line, column: 1,
                message: "expected a single YAML document, found \(documents.count)")
        }
        return documents.first?.value ?? .null
    }

    /// Block-style YAML for one value, ending in a newline, formatted the way `kubectl kustomize`
    /// (kyaml) prints it. Keys keep the value's order.
    public static func emit(_ value: JSONValue) -> String {
        YAMLWriter.emit(value)
    }

    /// Several documents joined by `---` lines, as `kubectl kustomize` prints a stream.
    public static func emitDocuments(_ values: [JSONValue]) -> String {
        values.map(YAMLWriter.emit).joined(separator: "---\n")
    }
}

/// One document of a YAML stream and where it starts.
public struct YAMLDocument: Sendable, Hashable {
    /// The document's content.
    public var value: JSONValue
    /// The 1-based line where the document starts (its `---`, or its first content line).
    public var line: Int

    /// A document holding `value`, starting on the 1-based `line`.
    public init(value: JSONValue, line: Int) {
        self.value = value
        self.line = line
    }
}
