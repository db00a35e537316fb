import Testing
import GitOpsAPI
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
        #expect(GoJSONSyntax.decoderError(Array(text.utf8)) == expected)
    }

    /// scanner.go's quoteChar: the byte as the rune U+00XX, quoted as strconv.Quote does.
    @Test func bytesAreQuotedAsGoQuotesRunes() {
        func message(_ byte: UInt8) -> String? { GoJSONSyntax.unmarshalError([byte]) }
        #expect(message(0x00) == #"invalid character '\x00' looking for beginning of value"#)
        #expect(message(0x0A) == "unexpected end of JSON input")  // white space only
        #expect(message(0x07) == #"invalid character '\a' looking for beginning of value"#)
        #expect(message(0x7F) == #"invalid character '\x7f' looking for beginning of value"#)
        #expect(message(0x80) == #"invalid character '\u0080' looking for beginning of value"#)
        #expect(message(0xA0) == #"invalid character '\u00a0' looking for beginning of value"#)
        #expect(message(0xE9) == "invalid character 'é' looking for beginning of value")
        #expect(message(UInt8(ascii: "\\")) == #"invalid character '\\' looking for beginning of value"#)
        #expect(GoJSONSyntax.unmarshalError([]) == "unexpected end of JSON input")
    }

    @Test func wellFormed() {
        #expect(GoJSONSyntax.decoderError(Array(#" {"a":[1,-2.5e+3,true,null,"x\n\u00e9"]} "#.utf8)) == nil)
        #expect(GoJSONSyntax.decoderError(Array("12".utf8)) == nil)
    }
}
