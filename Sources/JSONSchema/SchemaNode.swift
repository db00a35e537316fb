import GitOpsAPI

/// One compiled (sub)schema: the keywords the library's `Schema` keeps, with subschemas as
/// indices into `JSONSchema.nodes` so that `$ref` cycles need no reference cycles.
struct SchemaNode: Sendable {
    enum Additional: Sendable { case bool(Bool), schema(Int) }
    enum Items: Sendable { case schema(Int), tuple([Int]) }
    enum Dependency: Sendable { case required([String]), schema(Int) }

    /// Where this schema sits (`file:///values.schema.json#/properties/a`).
    var location: String
    var draft: Int
    var bool: Bool?

    var ref: Int?
    /// The resource (document root or `$id` subschema) this schema belongs to.
    var resource = 0
    /// On a resource: its `$dynamicAnchor`s (2020-12).
    var dynamicAnchors: [String: Int] = [:]
    var dynamicAnchor: String?
    /// `$dynamicRef`: the statically resolved target and the anchor named, if any.
    var dynamicRef: (target: Int, anchor: String?)?
    var recursiveRef: Int?
    var recursiveAnchor = false
    var types: [String]?  // in the library's fixed order: null boolean number integer string array object
    var enumValues: [JSONValue]?
    var constValue: JSONValue?
    var format: String?

    var allOf: [Int] = [], anyOf: [Int] = [], oneOf: [Int] = []
    var not: Int?
    var ifSchema: Int?, thenSchema: Int?, elseSchema: Int?

    var properties: [String: Int] = [:]
    var patternProperties: [(GoRegex, Int)] = []
    var additionalProperties: Additional?
    var dependencies: [(String, Dependency)] = []
    var propertyNames: Int?
    var dependentSchemas: [(String, Int)] = []
    var dependentRequired: [(String, [String])] = []
    var required: [String] = []
    var minProperties: Int?, maxProperties: Int?

    var items: Items?
    var additionalItems: Additional?
    var prefixItems: [Int] = []
    var items2020: Int?
    var contains: Int?
    var minContains: Int?, maxContains: Int?
    var minItems: Int?, maxItems: Int?
    var uniqueItems = false

    var unevaluatedProperties: Int?, unevaluatedItems: Int?
    /// Set after compiling (`compileValue`): which members and items other keywords always cover.
    var allPropsEvaluated = false, allItemsEvaluated = false
    var numItemsEvaluated = 0

    var minLength: Int?, maxLength: Int?
    var pattern: GoRegex?

    var minimum: JSONValue?, maximum: JSONValue?
    var exclusiveMinimum: JSONValue?, exclusiveMaximum: JSONValue?
    var multipleOf: JSONValue?

    init(location: String, draft: Int) {
        self.location = location
        self.draft = draft
    }
}
