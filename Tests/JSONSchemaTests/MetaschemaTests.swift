import GitOpsAPI
import Testing
@testable import JSONSchema

/// Schemas are checked against their draft's metaschema first; the texts are helm 3.19.0's
/// (after "Error: values don't meet …\nc:\n").
@Suite struct MetaschemaTests {
    static let prefix = "\"file:///values.schema.json#\" is not valid against metaschema: jsonschema validation failed with "

    static let cases: [(schema: String, expected: String)] = [
        (##"{"type":"foo"}"##, prefix + """
        'https://json-schema.org/draft/2020-12/schema#'
        - at '': 'allOf' failed
          - at '/type': 'anyOf' failed
            - at '/type': value must be one of 'array', 'boolean', 'integer', 'null', 'number', 'object', 'string'
            - at '/type': got string, want array
        """),
        (##"{"minLength":"3"}"##, prefix + """
        'https://json-schema.org/draft/2020-12/schema#'
        - at '': 'allOf' failed
          - at '/minLength': got string, want integer
        """),
        (##"{"properties":{"a":{"minLength":-1}}}"##, prefix + """
        'https://json-schema.org/draft/2020-12/schema#'
        - at '': 'allOf' failed
          - at '/properties/a': 'allOf' failed
            - at '/properties/a/minLength': minimum: got -1, want 0
        """),
        (##"{"$schema":"http://json-schema.org/draft-07/schema#","properties":{"a":{"minLength":"x","type":"foo"}}}"##, prefix + """
        'http://json-schema.org/draft-07/schema#'
        - at '/properties/a': validation failed
          - at '/properties/a/minLength': 'allOf' failed
            - at '/properties/a/minLength': got string, want integer
          - at '/properties/a/type': 'anyOf' failed
            - at '/properties/a/type': value must be one of 'array', 'boolean', 'integer', 'null', 'number', 'object', 'string'
            - at '/properties/a/type': got string, want array
        """),
        (##"{"$schema":"http://json-schema.org/draft-04/schema#","required":[]}"##, prefix + """
        'http://json-schema.org/draft-04/schema#'
        - at '/required': minItems: got 0, want 1
        """),
        (##"{"$schema":"https://json-schema.org/draft/2019-09/schema","properties":{"a":{"items":{"minItems":-2}}}}"##, prefix + """
        'https://json-schema.org/draft/2019-09/schema#'
        - at '': 'allOf' failed
          - at '/properties/a': 'allOf' failed
            - at '/properties/a/items': 'anyOf' failed
              - at '/properties/a/items': 'allOf' failed
                - at '/properties/a/items/minItems': minimum: got -2, want 0
              - at '/properties/a/items': got object, want array
        """),
        (##"{"items":[{"type":"string"}]}"##, prefix + """
        'https://json-schema.org/draft/2020-12/schema#'
        - at '': 'allOf' failed
          - at '/items': got array, want boolean or object
        """),
        (##"{"properties":{"a":{"required":"x"}}}"##, prefix + """
        'https://json-schema.org/draft/2020-12/schema#'
        - at '': 'allOf' failed
          - at '/properties/a': 'allOf' failed
            - at '/properties/a/required': got string, want array
        """),
    ]

    @Test func everyDraftsMetaschemaCompiles() {
        for draft in [4, 6, 7, 2019, 2020] { #expect(JSONSchema.metaschema(draft) != nil, "draft \(draft)") }
    }

    @Test(arguments: cases)
    func invalidSchema(_ schema: String, _ expected: String) throws {
        do {
            _ = try JSONSchema.compile(try JSONValue.parse(json: schema))
            Issue.record("compiled")
        } catch let error as JSONSchemaError {
            #expect(error.message == expected)
        }
    }

    /// A `$ref` to a draft's metaschema resolves to the embedded copy, as in the library.
    @Test func refToAMetaschemaIsNotFetched() throws {
        let schema = try JSONSchema.compile(try JSONValue.parse(json: ##"{"properties":{"a":{"$ref":"http://json-schema.org/draft-07/schema#"}}}"##))
        #expect(schema.validate(["a": ["type": "string"]]) == nil)
        #expect(schema.validate(["a": ["type": 3]]) != nil)
    }
}
