import Foundation
import GitOpsAPI
import Testing

@Suite("JSONValue parsing and encoding")
struct JSONValueTests {
    @Test("object keys keep the order they were written in, through parse and print")
    func keyOrderKept() throws {
        let text = #"{"zeta":1,"alpha":{"y":true,"b":null},"mid":[1,"two",3.5]}"#
        let value = try JSONValue.parse(json: text)
        #expect(value.objectValue.map { Array($0.keys) } == ["zeta", "alpha", "mid"])
        #expect(value["alpha"]?.objectValue.map { Array($0.keys) } == ["y", "b"])
        #expect(value.jsonString() == text)
    }

    @Test("sortedKeys() orders keys by bytes at every depth and leaves lists in place")
    func sortedKeysRecursive() throws {
        let value = try JSONValue.parse(json: #"{"b":{"z":1,"a":2},"B":[{"y":1,"x":2}],"a":0}"#)
        #expect(value.sortedKeys().jsonString() == #"{"B":[{"x":2,"y":1}],"a":0,"b":{"a":2,"z":1}}"#)
        #expect(value.jsonString(sortedKeys: true) == value.sortedKeys().jsonString())
    }

    @Test("whitespace between tokens is allowed")
    func whitespace() throws {
        let value = try JSONValue.parse(json: " {\n\t\"a\" : [ 1 , 2 ] ,\r\n \"b\":{ } } \n")
        #expect(value == ["a": [1, 2], "b": .object([:])])
    }

    static let escapes: [(json: String, expected: String)] = [
        (#""a\"b""#, "a\"b"),
        (#""back\\slash""#, "back\\slash"),
        (#""a\/b""#, "a/b"),
        (#""\n\t\r\b\f""#, "\n\t\r\u{08}\u{0C}"),
        (#""caf\u00e9""#, "café"),
        (#""\u00E9\u20ac""#, "é€"),
        (#""smile \ud83d\ude00!""#, "smile 😀!"),
        (#""raw é 😀""#, "raw é 😀"),
        (#""lone \udc00 low""#, "lone \u{FFFD} low"),
    ]

    @Test("string escapes decode, including \\u surrogate pairs", arguments: escapes)
    func stringEscapes(json: String, expected: String) throws {
        #expect(try JSONValue.parse(json: json) == .string(expected))
    }

    @Test(
        "a high surrogate followed by a \\u escape that is not a low surrogate is replaced, not a crash"
    )
    func unpairedHighSurrogate() throws {
        #expect(try JSONValue.parse(json: #""\ud800\u0041""#) == .string("\u{FFFD}A"))
    }

    static let numbers: [(json: String, expected: JSONValue)] = [
        ("0", .int(0)),
        ("3", .int(3)),
        ("-42", .int(-42)),
        ("9223372036854775807", .int(Int.max)),
        ("3.0", .double(3)),
        ("0.5", .double(0.5)),
        ("-1.25", .double(-1.25)),
        ("1e3", .double(1000)),
        ("2.5E-3", .double(0.0025)),
        ("9223372036854775808", .double(9_223_372_036_854_775_808)),
    ]

    @Test("integers stay ints and anything with a fraction or exponent is a double", arguments: numbers)
    func intsAndDoubles(json: String, expected: JSONValue) throws {
        #expect(try JSONValue.parse(json: json) == expected)
    }

    static let printed: [(value: JSONValue, json: String)] = [
        (.int(3), "3"),
        (.double(3), "3"),
        (.double(0.5), "0.5"),
        (.double(-1.25), "-1.25"),
        (.double(1e20), "100000000000000000000"),
        (.double(1e21), "1e+21"),
        (.double(1e-7), "1e-07"),
        (.double(.nan), "null"),
        (.bool(true), "true"),
        (.null, "null"),
        (.string("<a & b>"), #""\u003ca \u0026 b\u003e""#),
        (.string("q\"\\\n\r\t"), #""q\"\\\n\r\t""#),
        (.string("\u{01}\u{1f}"), #""\u0001\u001f""#),
        (.string("é😀"), "\"é😀\""),
        ([], "[]"),
        (.object([:]), "{}"),
    ]

    @Test("values print the way Go's encoding/json prints them", arguments: printed)
    func encoding(value: JSONValue, json: String) {
        #expect(value.jsonString() == json)
    }

    @Test("printed JSON parses back to the same value")
    func roundTrip() throws {
        let value: JSONValue = [
            "s": "line\nnext \"q\" <tag> \u{01} é 😀", "i": -7, "d": 0.125, "b": false, "n": nil,
            "a": [1, [2, [3]], ["k": "v"]], "o": ["nested": ["deeper": [:]]],
        ]
        #expect(try JSONValue.parse(json: value.jsonString()) == value)
        #expect(try JSONValue.parse(json: value.jsonData()) == value)
    }

    static let errors: [(json: String, offset: Int, message: String)] = [
        ("", 0, "unexpected end of input"),
        (#"{"a":1,}"#, 7, "expected a key"),
        ("[1 2]", 3, "expected ',' or ']'"),
        (#"{"a" 1}"#, 5, "expected ':'"),
        (#"{"a":1"#, 6, "unexpected end of input"),
        (#"{"a":1} x"#, 8, "trailing characters"),
        (#""abc"#, 4, "unterminated string"),
        ("tru", 0, "unexpected end of input"),
        ("trUe", 0, "unexpected character"),
        (#""\u12G4""#, 6, "bad \\u escape"),
        ("@", 0, "unexpected character"),
        ("1.2.3", 3, "trailing characters"),
    ]

    @Test("malformed JSON is an error naming the byte offset", arguments: errors)
    func parseErrors(json: String, offset: Int, message: String) {
        #expect {
            try JSONValue.parse(json: json)
        } throws: { error in
            guard let e = error as? JSONParseError else { return false }
            return e.offset == offset && e.message == message
                && e.description == "invalid JSON at byte \(offset): \(message)"
        }
    }

    @Test("nesting is limited to 512 levels, and 512 still parses")
    func nestingLimit() throws {
        let deepest = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(throws: Never.self) { try JSONValue.parse(json: deepest) }
        let tooDeep = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
        let error = #expect(throws: JSONParseError.self) { try JSONValue.parse(json: tooDeep) }
        #expect(error?.message == "nesting deeper than 512")
        #expect(error?.offset == 512)
        // Far deeper input fails the same way instead of exhausting the stack.
        let huge = String(repeating: "[", count: 100_000)
        #expect(throws: JSONParseError.self) { try JSONValue.parse(json: huge) }
    }

    @Test("numbers JSON does not allow (leading +, leading zeros, bare fraction) are refused")
    func strictNumbers() {
        for text in ["+1", "01", ".5", "1."] {
            #expect(throws: JSONParseError.self, "\(text)") { try JSONValue.parse(json: text) }
        }
    }

    @Test("accessors read the matching case and nothing else")
    func accessors() {
        let value: JSONValue = ["s": "x", "i": 2, "d": 2.0, "f": 2.5, "b": true, "a": [1], "n": nil]
        #expect(value["s"]?.stringValue == "x")
        #expect(value["i"]?.intValue == 2)
        #expect(value["d"]?.intValue == 2, "a whole double reads as an int")
        #expect(value["f"]?.intValue == nil)
        #expect(value["i"]?.doubleValue == 2)
        #expect(value["b"]?.boolValue == true)
        #expect(value["a"]?.arrayValue == [1])
        #expect(value["n"]?.isNull == true)
        #expect(value["missing"] == nil)
        #expect(value["s"]?.intValue == nil)
        #expect(value[path: ["a", "b"]] == nil)
        #expect(JSONValue.array([]).typeName == "a list")
        #expect(JSONValue.object([:]).typeName == "a map")
    }

    @Test("set(_:_:) creates intermediate maps, replaces non-maps on the way, and removes with nil")
    func setPath() {
        var value: JSONValue = ["metadata": ["name": "web"], "spec": "scalar"]
        value.set(["metadata", "labels", "app"], "web")
        value.set(["spec", "replicas"], 2)
        #expect(value.jsonString() == #"{"metadata":{"name":"web","labels":{"app":"web"}},"spec":{"replicas":2}}"#)
        value.set(["metadata", "name"], nil)
        #expect(value[path: ["metadata", "name"]] == nil)
        #expect(value["metadata"]?.objectValue.map { Array($0.keys) } == ["labels"])
    }
}
