import GitOpsAPI

/// A compiled JSON Schema, validating the way santhosh-tekuri/jsonschema v6.0.2 does (the
/// library Helm 3.19 uses for `values.schema.json`), with its error text.
///
/// - Drafts: `$schema` of draft-04, -06, -07, 2019-09 and 2020-12 select the keyword set; without
///   `$schema` the latest (2020-12) applies, as the library's default.
/// - `format` is asserted only for drafts before 2019-09 (Helm does not call `AssertFormat`).
/// - `$ref` resolves inside the document (JSON pointers, `$id`/`id` bases, `$anchor` and draft-04
///   `#anchor` ids), `$dynamicRef`/`$recursiveRef` through the dynamic scope. A reference to a
///   draft's metaschema uses the embedded copy (as the library does); a reference to any other
///   file or URL — which Helm would read or fetch — is refused with an error: we never load.
/// - The schema is first validated against its draft's metaschema (embedded, never fetched).
/// - Not implemented: content keywords (not asserted by Helm either), custom `$vocabulary`s.
public struct JSONSchema: Sendable {
    /// The URL Helm compiles every chart's schema under.
    public static let helmSchemaURL = "file:///values.schema.json#"

    let nodes: [SchemaNode]
    let root: Int
    /// The schema's location (`file:///values.schema.json#`).
    public let location: String

    init(nodes: [SchemaNode], root: Int) {
        self.nodes = nodes
        self.root = root
        self.location = nodes[root].location
    }

    /// Compiles `document` as the resource at `url` (its fragment ignored).
    /// - Throws: `JSONSchemaError` for an unsupported `$schema`, a `$ref` that does not resolve
    ///   inside the document, or a pattern Go's regexp would refuse.
    public static func compile(_ document: JSONValue, url: String = helmSchemaURL) throws -> JSONSchema {
        let documentURL = SchemaCompiler.splitFragment(url).url
        let draft = try SchemaCompiler.draft(of: document, url: documentURL)
        // `addRoot`: a schema is validated against its draft's metaschema before it is compiled.
        if Metaschemas.document(documentURL) == nil, let meta = metaschema(draft), let failure = meta.validate(document) {
            throw JSONSchemaError("\"\(documentURL)#\" is not valid against metaschema: \(failure)")
        }
        var compiler = SchemaCompiler(assertFormat: false)
        try compiler.addDocument(document, url: documentURL)
        let root = try compiler.compile(url: documentURL)
        return JSONSchema(nodes: compiler.nodes, root: root)
    }

    /// The compiled metaschema of a draft (compiled with format assertions, as the library
    /// compiles its metaschemas); nil only if the embedded text failed to compile.
    static func metaschema(_ draft: Int) -> JSONSchema? { metaschemas[draft] ?? nil }

    private static let metaschemas: [Int: JSONSchema?] = {
        let urls = [4: "http://json-schema.org/draft-04/schema", 6: "http://json-schema.org/draft-06/schema",
                    7: "http://json-schema.org/draft-07/schema", 2019: "https://json-schema.org/draft/2019-09/schema",
                    2020: "https://json-schema.org/draft/2020-12/schema"]
        return urls.mapValues { url in
            var compiler = SchemaCompiler(assertFormat: true)
            guard (try? compiler.ensureDocument(url)) != nil, let root = try? compiler.compile(url: url) else { return nil }
            return JSONSchema(nodes: compiler.nodes, root: root)
        }
    }()

    /// Validates `instance`; nil when it is valid. Objects are visited in their key order (Go
    /// visits a map in random order, so Helm's order of sibling errors varies from run to run).
    public func validate(_ instance: JSONValue) -> SchemaValidationError? {
        var validator = SchemaValidator(schema: self)
        guard let error = validator.evaluate(root, instance, SchemaValidator.Visit(location: [], chain: [], scope: []), callerNeeds: false, segment: "").error else { return nil }
        let causes: [SchemaValidationError]
        if case .group = error.kind { causes = error.causes } else { causes = [error] }
        return SchemaValidationError(instanceLocation: [], kind: .schema(location: location), causes: causes)
    }
}

/// A schema that cannot be compiled; the message says where and why.
public struct JSONSchemaError: Error, Sendable, CustomStringConvertible, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
