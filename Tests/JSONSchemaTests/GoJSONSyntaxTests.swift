import Testing
@testable import JSONSchema

/// Go's encoding/json syntax errors for a broken values.schema.json, as helm 3.19.0 printed them.
@Suite struct GoJSONSyntaxTests {
    @Test(arguments: [
        ("not json", "invalid character 'o' in literal null (expecting 'u')"),
        (#"{"a":1,}"#, "invalid character '}' looking for beginning of object key string"),
        (#"{"a" 1}"#, "invalid character '1' after object key"),
        (#"{"a":1 "b"}"#, "invalid character '\"' after object key:value pair"),
        ("[1 2]", "invalid character '2' after array element"),
        (#"{"a":"x\qy"}"#, "invalid character 'q' in string escape code"),
        (#"{"a":tru}"#, "invalid character '}' in literal true (expecting 'e')"),
        (#"{"a":-x}"#, "invalid character 'x' in numeric literal"),
        (#"{"a":1.}"#, "invalid character '}' after decimal point in numeric literal"),
        (#"{"a":1e}"#, "invalid character '}' in exponent of numeric literal"),
        ("{} x", "invalid character after top-level value"),
        (#"{"a":"#, "unexpected EOF"),
        ("", "EOF"),
        ("   ", "EOF"),
        (#"{"a":"\u12G4"}"#, #"invalid character 'G' in \u hexadecimal character escape"#),
        ("{'a':1}", #"invalid character '\'' looking for beginning of object key string"#),
        (#"{"a":[1,]}"#, "invalid character ']' looking for beginning of value"),
    ])
    func syntaxError(_ text: String, _ expected: String) {
        #expect(GoJSONSyntax.error(in: Array(text.utf8)) == expected)
    }

    @Test func wellFormed() {
        #expect(GoJSONSyntax.error(in: Array(#" {"a":[1,-2.5e+3,true,null,"x\n\u00e9"]} "#.utf8)) == nil)
        #expect(GoJSONSyntax.error(in: Array("12".utf8)) == nil)
    }
}
