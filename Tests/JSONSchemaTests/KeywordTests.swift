import GitOpsAPI
import Testing
@testable import JSONSchema

/// Validates `instance` against `schema` and returns the text Helm prints (nil when valid).
func helmText(_ schema: String, _ instance: String) throws -> String? {
    let compiled = try JSONSchema.compile(try JSONValue.parse(json: schema))
    return compiled.validate(try JSONValue.parse(json: instance))?.helmText
}

/// Keyword by keyword: the expected texts are what helm 3.19.0 printed for the same schema and
/// values (after "Error: values don't meet …\nc:\n").
@Suite("JSON Schema keywords and santhosh-tekuri v6 error text")
struct KeywordTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let schema: String, instance: String, expected: String?
        var testDescription: String { "\(schema) ⟵ \(instance)" }
    }

    static let cases: [Case] = [
        // type: numbers are "number"; whole numbers satisfy "integer"
        Case(schema: ##"{"properties":{"n":{"type":"integer"}}}"##, instance: ##"{"n":"1.5"}"##, expected: "- at '/n': got string, want integer\n"),
        Case(schema: ##"{"properties":{"n":{"type":"integer"}}}"##, instance: ##"{"n":0.00001}"##, expected: "- at '/n': got number, want integer\n"),
        Case(schema: ##"{"properties":{"n":{"type":"integer"}}}"##, instance: ##"{"n":3.0}"##, expected: nil),
        Case(schema: ##"{"properties":{"n":{"type":["string","null","integer"]}}}"##, instance: ##"{"n":true}"##,
             expected: "- at '/n': got boolean, want null or integer or string\n"),
        // numbers print through x/text's English printer
        Case(schema: ##"{"properties":{"n":{"type":"integer","maximum":1000,"minimum":10000,"multipleOf":3}}}"##, instance: ##"{"n":3.0}"##,
             expected: "- at '/n': minimum: got 3, want 10,000\n"),
        Case(schema: ##"{"properties":{"n":{"maximum":1000,"multipleOf":3}}}"##, instance: ##"{"n":1000000}"##,
             expected: "- at '/n': maximum: got 1×10⁰⁶, want 1,000\n- at '/n': multipleOf: got 1×10⁰⁶, want 3\n"),
        Case(schema: ##"{"properties":{"n":{"maximum":1000,"multipleOf":3}}}"##, instance: ##"{"n":100000}"##,
             expected: "- at '/n': maximum: got 100,000, want 1,000\n- at '/n': multipleOf: got 100,000, want 3\n"),
        Case(schema: ##"{"properties":{"f":{"maximum":1000.5}}}"##, instance: ##"{"f":1234567.25}"##,
             expected: "- at '/f': maximum: got 1.23456725×10⁰⁶, want 1,000.5\n"),
        Case(schema: ##"{"properties":{"n":{"minimum":1e300}}}"##, instance: ##"{"n":-0.000012345}"##,
             expected: "- at '/n': minimum: got -1.2345×10⁻⁰⁵, want 1×10³⁰⁰\n"),
        Case(schema: ##"{"properties":{"n":{"minimum":1e300}}}"##, instance: ##"{"n":123456.789}"##,
             expected: "- at '/n': minimum: got 123,456.789, want 1×10³⁰⁰\n"),
        Case(schema: ##"{"properties":{"n":{"maximum":-1e300}}}"##, instance: ##"{"n":0.0001}"##,
             expected: "- at '/n': maximum: got 0.0001, want -1×10³⁰⁰\n"),
        Case(schema: ##"{"properties":{"n":{"multipleOf":0.1}}}"##, instance: ##"{"n":0.3}"##, expected: nil),
        Case(schema: ##"{"properties":{"n":{"exclusiveMinimum":5}}}"##, instance: ##"{"n":5}"##,
             expected: "- at '/n': exclusiveMinimum: got 5, want 5\n"),
        // draft-04's boolean exclusiveMaximum
        Case(schema: ##"{"$schema":"http://json-schema.org/draft-04/schema#","properties":{"n":{"maximum":5,"exclusiveMaximum":true}}}"##,
             instance: ##"{"n":5}"##, expected: "- at '/n': exclusiveMaximum: got 5, want 5\n"),
        // enum and const
        Case(schema: ##"{"properties":{"s":{"enum":["a",1,1.5,true,null]}}}"##, instance: ##"{"s":"zz"}"##,
             expected: "- at '/s': value must be one of 'a', 1, 1.5, true, <nil>\n"),
        Case(schema: ##"{"properties":{"a":{"const":"x"}}}"##, instance: ##"{"a":1}"##, expected: "- at '/a': value must be 'x'\n"),
        Case(schema: ##"{"properties":{"b":{"const":{"a":1}}}}"##, instance: ##"{"b":1}"##, expected: "- at '/b': 'const' failed\n"),
        Case(schema: ##"{"properties":{"c":{"enum":[[1]]}}}"##, instance: ##"{"c":1}"##, expected: "- at '/c': 'enum' failed\n"),
        Case(schema: ##"{"properties":{"c":{"enum":[1]}}}"##, instance: ##"{"c":1.0}"##, expected: nil),
        // strings
        Case(schema: ##"{"properties":{"l":{"minLength":1000,"maxLength":1}}}"##, instance: ##"{"l":"abc"}"##,
             expected: "- at '/l': minLength: got 3, want 1,000\n- at '/l': maxLength: got 3, want 1\n"),
        // several failures of one member nest under "validation failed" once a sibling fails too
        Case(schema: ##"{"properties":{"l":{"minLength":1000,"maxLength":1},"s":{"enum":["a"]}}}"##, instance: ##"{"l":"abc","s":"b"}"##,
             expected: "- at '/l': validation failed\n  - at '/l': minLength: got 3, want 1,000\n  - at '/l': maxLength: got 3, want 1\n- at '/s': value must be 'a'\n"),
        Case(schema: ##"{"properties":{"l":{"maxLength":2}}}"##, instance: ##"{"l":"日本"}"##, expected: nil),
        Case(schema: ##"{"properties":{"p":{"pattern":"^[a-z]+$"}}}"##, instance: ##"{"p":"ab1"}"##,
             expected: "- at '/p': 'ab1' does not match pattern '^[a-z]+$'\n"),
        // applicators
        Case(schema: ##"{"properties":{"a":{"allOf":[{"type":"string"},{"minimum":5}]}}}"##, instance: ##"{"a":1}"##,
             expected: "- at '/a': 'allOf' failed\n  - at '/a': got number, want string\n  - at '/a': minimum: got 1, want 5\n"),
        Case(schema: ##"{"properties":{"a":{"anyOf":[{"type":"string"},{"minimum":5}]}}}"##, instance: ##"{"a":1}"##,
             expected: "- at '/a': 'anyOf' failed\n  - at '/a': got number, want string\n  - at '/a': minimum: got 1, want 5\n"),
        Case(schema: ##"{"properties":{"a":{"oneOf":[{"type":"string"},{"minimum":5}]}}}"##, instance: ##"{"a":1}"##,
             expected: "- at '/a': 'oneOf' failed, none matched\n  - at '/a': got number, want string\n  - at '/a': minimum: got 1, want 5\n"),
        Case(schema: ##"{"properties":{"a":{"oneOf":[{"type":"integer"},{"minimum":0}]}}}"##, instance: ##"{"a":1}"##,
             expected: "- at '/a': 'oneOf' failed, subschemas 0, 1 matched\n"),
        Case(schema: ##"{"properties":{"a":{"not":{"type":"integer"}}}}"##, instance: ##"{"a":1}"##, expected: "- at '/a': 'not' failed\n"),
        Case(schema: ##"{"properties":{"a":false}}"##, instance: ##"{"a":1}"##, expected: "- at '/a': false schema\n"),
        Case(schema: ##"{"if":{"required":["a"]},"then":{"required":["b"]},"else":{"required":["c"]}}"##, instance: ##"{"a":1}"##,
             expected: "- at '': missing property 'b'\n"),
        Case(schema: ##"{"if":{"required":["a"]},"then":{"required":["b"]},"else":{"required":["c"]}}"##, instance: ##"{}"##,
             expected: "- at '': missing property 'c'\n"),
        // $ref: a single cause is printed without the reference; several under "validation failed"
        Case(schema: ##"{"properties":{"a":{"$ref":"#/$defs/x"}},"$defs":{"x":{"type":"string","minimum":3}}}"##, instance: ##"{"a":1}"##,
             expected: "- at '/a': got number, want string\n"),
        Case(schema: ##"{"properties":{"a":{"$ref":"#/$defs/x"}},"$defs":{"x":{"type":"integer","minimum":3,"maximum":0}}}"##, instance: ##"{"a":1}"##,
             expected: "- at '/a': validation failed\n  - at '/a': minimum: got 1, want 3\n  - at '/a': maximum: got 1, want 0\n"),
        Case(schema: ##"{"$id":"https://example.com/root.json","properties":{"a":{"$ref":"item.json"}},"$defs":{"i":{"$id":"item.json","type":"string"}}}"##,
             instance: ##"{"a":1}"##, expected: "- at '/a': got number, want string\n"),
        Case(schema: ##"{"properties":{"a":{"$ref":"#x"}},"$defs":{"i":{"$anchor":"x","type":"string"}}}"##,
             instance: ##"{"a":1}"##, expected: "- at '/a': got number, want string\n"),
        Case(schema: ##"{"$schema":"http://json-schema.org/draft-07/schema#","properties":{"a":{"$ref":"#/definitions/x","type":"string"}},"definitions":{"x":{"minimum":3}}}"##,
             instance: ##"{"a":1}"##, expected: "- at '/a': minimum: got 1, want 3\n"),
        Case(schema: ##"{"type":"object","properties":{"tree":{"$ref":"#/$defs/node"}},"$defs":{"node":{"type":"object","properties":{"kids":{"type":"array","items":{"$ref":"#/$defs/node"}},"v":{"type":"integer"}}}}}"##,
             instance: ##"{"tree":{"kids":[{"kids":[{"v":"x"}]}]}}"##, expected: "- at '/tree/kids/0/kids/0/v': got string, want integer\n"),
        // objects
        Case(schema: ##"{"additionalProperties":false,"properties":{"a":{}}}"##, instance: ##"{"b":1,"c":2}"##,
             expected: "- at '': additional properties 'b', 'c' not allowed\n"),
        Case(schema: ##"{"required":["a","b"],"properties":{"x":{"required":["q"]}}}"##, instance: ##"{"x":{"y":1}}"##,
             expected: "- at '': missing properties 'a', 'b'\n- at '/x': missing property 'q'\n"),
        Case(schema: ##"{"dependentRequired":{"a":["b","c"]}}"##, instance: ##"{"a":1}"##,
             expected: "- at '': properties 'b', 'c' required, if 'a' exists\n"),
        Case(schema: ##"{"dependencies":{"a":["b","c"]}}"##, instance: ##"{"a":1}"##,
             expected: "- at '': properties 'b', 'c' required, if 'a' exists\n"),
        Case(schema: ##"{"propertyNames":{"maxLength":1,"pattern":"^x"}}"##, instance: ##"{"ab":1}"##,
             expected: "- at '': invalid propertyName 'ab'\n  - at '': maxLength: got 2, want 1\n  - at '': 'ab' does not match pattern '^x'\n"),
        Case(schema: ##"{"patternProperties":{"^n_":{"type":"integer"}},"additionalProperties":{"type":"string"}}"##,
             instance: ##"{"n_a":"x","other":2}"##,
             expected: "- at '/n_a': got string, want integer\n- at '/other': got number, want string\n"),
        Case(schema: ##"{"minProperties":2,"maxProperties":0}"##, instance: ##"{"a":1}"##,
             expected: "- at '': minProperties: got 1, want 2\n- at '': maxProperties: got 1, want 0\n"),
        // arrays
        Case(schema: ##"{"properties":{"l":{"contains":{"type":"string"},"uniqueItems":true}}}"##, instance: ##"{"l":[1,1]}"##,
             expected: "- at '/l': items at 0 and 1 are equal\n- at '/l': no items match contains schema\n  - at '/l/0': got number, want string\n  - at '/l/1': got number, want string\n"),
        Case(schema: ##"{"properties":{"l":{"contains":{"type":"string"},"minContains":2,"maxContains":1}}}"##, instance: ##"{"l":[1,"a","b","c"]}"##,
             expected: "- at '/l': max 1 items required to match contains schema, but matched 3 items at 1 2 3\n"),
        Case(schema: ##"{"properties":{"l":{"prefixItems":[{"type":"string"}],"items":false}}}"##, instance: ##"{"l":[1,2]}"##,
             expected: "- at '/l/0': got number, want string\n- at '/l/0': false schema\n"),
        Case(schema: ##"{"$schema":"http://json-schema.org/draft-07/schema#","properties":{"l":{"items":[{"type":"string"}],"additionalItems":false}}}"##,
             instance: ##"{"l":[1,2,3]}"##, expected: "- at '/l/0': got number, want string\n- at '/l': last 2 additionalItem(s) not allowed\n"),
        Case(schema: ##"{"properties":{"l":{"minItems":2,"items":{"type":"integer"}}}}"##, instance: ##"{"l":[0.5]}"##,
             expected: "- at '/l': minItems: got 1, want 2\n- at '/l/0': got number, want integer\n"),
        // format: asserted before 2019-09 only
        Case(schema: ##"{"$schema":"http://json-schema.org/draft-07/schema#","properties":{"a":{"format":"ipv4"}}}"##, instance: ##"{"a":"1.2.3"}"##,
             expected: "- at '/a': '1.2.3' is not valid ipv4: expected four decimals\n"),
        Case(schema: ##"{"properties":{"a":{"format":"ipv4"}}}"##, instance: ##"{"a":"1.2.3"}"##, expected: nil),
        // unevaluatedProperties / unevaluatedItems see what allOf, anyOf, $ref and contains evaluated
        Case(schema: ##"{"properties":{"a":{}},"allOf":[{"properties":{"b":{}}}],"unevaluatedProperties":false}"##,
             instance: ##"{"a":1,"b":2,"c":3}"##, expected: "- at '/c': false schema\n"),
        Case(schema: ##"{"anyOf":[{"properties":{"a":{"type":"integer"}}},{"properties":{"b":{}}}],"unevaluatedProperties":{"type":"string"}}"##,
             instance: ##"{"a":1,"b":2,"c":3}"##, expected: "- at '/c': got number, want string\n"),
        Case(schema: ##"{"properties":{"l":{"prefixItems":[{}],"contains":{"type":"string"},"unevaluatedItems":false}}}"##,
             instance: ##"{"l":[1,"a",3]}"##, expected: "- at '/l/2': false schema\n"),
        Case(schema: ##"{"$schema":"https://json-schema.org/draft/2019-09/schema","properties":{"x":{"$ref":"#/$defs/base","unevaluatedProperties":false}},"$defs":{"base":{"properties":{"p":{}}}}}"##,
             instance: ##"{"x":{"p":1,"q":2}}"##, expected: "- at '/x/q': false schema\n"),
        Case(schema: ##"{"properties":{"a":{}},"allOf":[{"properties":{"b":{}}}],"unevaluatedProperties":false}"##,
             instance: ##"{"a":1,"b":2}"##, expected: nil),
        // boolean schemas
        Case(schema: "true", instance: ##"{"a":1}"##, expected: nil),
        Case(schema: "false", instance: ##"{}"##, expected: "- at '': false schema\n"),
    ]

    @Test(arguments: cases)
    func keyword(_ c: Case) throws {
        let actual = try helmText(c.schema, c.instance)
        #expect(actual == c.expected)
    }

    @Test func refusesReferencesOutsideTheDocument() {
        #expect(throws: JSONSchemaError.self) { try helmText(##"{"$ref":"http://127.0.0.1:1/x.json"}"##, "{}") }
        #expect(throws: JSONSchemaError.self) { try helmText(##"{"$ref":"other.json"}"##, "{}") }
        do {
            _ = try helmText(##"{"$ref":"#/definitions/x"}"##, "{}")
            Issue.record("a dangling pointer compiled")
        } catch let error as JSONSchemaError {
            #expect(error.message == #"json-pointer in "file:///values.schema.json#/definitions/x" not found"#)
        } catch { Issue.record("\(error)") }
    }

    @Test func rejectsPatternsGoRefuses() {
        #expect(throws: JSONSchemaError.self) { try helmText(##"{"pattern":"(?<=a)b"}"##, "{}") }
    }

    @Test func selfReferenceWithoutProgressIsACycleNotACrash() throws {
        let text = try helmText(##"{"$defs":{"a":{"$ref":"#/$defs/b"},"b":{"$ref":"#/$defs/a"}},"properties":{"x":{"$ref":"#/$defs/a"}}}"##, ##"{"x":1}"##)
        #expect(text == "- at '/x': both /properties/x/$ref/$ref/$ref and /properties/x/$ref resolve to \"file:///values.schema.json#/$defs/a\" causing reference cycle\n")
        #expect(try helmText(##"{"$ref":"#"}"##, #"{"x":1}"#) == "- at '': both /$ref and  resolve to \"file:///values.schema.json#\" causing reference cycle\n")
    }
}
