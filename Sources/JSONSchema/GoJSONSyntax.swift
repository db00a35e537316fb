/// The syntax errors Go's `encoding/json` reports for a malformed document, as the library's
/// `UnmarshalJSON` (a `json.Decoder` plus a check for trailing data) returns them and Helm
/// prints them: "invalid character '}' looking for beginning of object key string",
/// "unexpected EOF", "invalid character after top-level value".
public enum GoJSONSyntax {
    /// nil when `bytes` is one well-formed JSON value (surrounded by whitespace only).
    public static func error(in bytes: [UInt8]) -> String? {
        var scanner = Scanner(bytes: bytes)
        scanner.skipSpace()
        if scanner.atEnd { return "EOF" }
        let first = scanner.peek
        do {
            try scanner.value()
        } catch let failure as Failure {
            return failure.message
        } catch {
            return "\(error)"
        }
        let scalarTop = first != UInt8(ascii: "{") && first != UInt8(ascii: "[")
        if !scanner.atEnd, scalarTop, !isSpace(scanner.peek) {
            return "invalid character \(quoteChar(scanner.peek)) after top-level value"
        }
        scanner.skipSpace()
        return scanner.atEnd ? nil : "invalid character after top-level value"
    }

    struct Failure: Error { let message: String }

    static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }

    /// `quoteChar` in encoding/json: a byte as Go quotes it in single quotes.
    static func quoteChar(_ c: UInt8) -> String {
        if c == UInt8(ascii: "'") { return #"'\''"# }
        if c == UInt8(ascii: "\"") { return #"'"'"# }
        return GoText.quote(String(Unicode.Scalar(c)))
    }

    struct Scanner {
        let bytes: [UInt8]
        var i = 0
        var atEnd: Bool { i >= bytes.count }
        var peek: UInt8 { bytes[i] }

        mutating func skipSpace() { while !atEnd && GoJSONSyntax.isSpace(peek) { i += 1 } }

        func fail(_ context: String) -> Failure {
            atEnd ? Failure(message: "unexpected EOF") : Failure(message: "invalid character \(quoteChar(peek)) \(context)")
        }

        mutating func expect(_ c: UInt8, _ context: String) throws {
            guard !atEnd, peek == c else { throw fail(context) }
            i += 1
        }

        mutating func value() throws {
            skipSpace()
            guard !atEnd else { throw fail("") }
            switch peek {
            case UInt8(ascii: "{"): try object()
            case UInt8(ascii: "["): try array()
            case UInt8(ascii: "\""): try string()
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
            case UInt8(ascii: "t"): try literal("true")
            case UInt8(ascii: "f"): try literal("false")
            case UInt8(ascii: "n"): try literal("null")
            default: throw fail("looking for beginning of value")
            }
        }

        mutating func object() throws {
            i += 1
            skipSpace()
            if !atEnd && peek == UInt8(ascii: "}") { i += 1; return }
            while true {
                skipSpace()
                guard !atEnd, peek == UInt8(ascii: "\"") else { throw fail("looking for beginning of object key string") }
                try string()
                skipSpace()
                try expect(UInt8(ascii: ":"), "after object key")
                try value()
                skipSpace()
                guard !atEnd else { throw fail("") }
                if peek == UInt8(ascii: ",") { i += 1; continue }
                if peek == UInt8(ascii: "}") { i += 1; return }
                throw fail("after object key:value pair")
            }
        }

        mutating func array() throws {
            i += 1
            skipSpace()
            if !atEnd && peek == UInt8(ascii: "]") { i += 1; return }
            while true {
                try value()
                skipSpace()
                guard !atEnd else { throw fail("") }
                if peek == UInt8(ascii: ",") { i += 1; continue }
                if peek == UInt8(ascii: "]") { i += 1; return }
                throw fail("after array element")
            }
        }

        mutating func string() throws {
            i += 1
            while true {
                guard !atEnd else { throw fail("") }
                let c = peek
                if c == UInt8(ascii: "\"") { i += 1; return }
                if c < 0x20 { throw fail("in string literal") }
                i += 1
                guard c == UInt8(ascii: "\\") else { continue }
                guard !atEnd else { throw fail("") }
                if Array("\"\\/bfnrt".utf8).contains(peek) { i += 1; continue }
                guard peek == UInt8(ascii: "u") else { throw fail("in string escape code") }
                i += 1
                for _ in 0..<4 {
                    guard !atEnd else { throw fail("") }
                    guard Character(Unicode.Scalar(peek)).isHexDigit else { throw fail("in \\u hexadecimal character escape") }
                    i += 1
                }
            }
        }

        mutating func digits() { while !atEnd && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(peek) { i += 1 } }

        func isDigit() -> Bool { !atEnd && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(peek) }

        mutating func number() throws {
            if peek == UInt8(ascii: "-") {
                i += 1
                guard isDigit() else { throw fail("in numeric literal") }
            }
            if peek == UInt8(ascii: "0") { i += 1 } else { digits() }
            if !atEnd && peek == UInt8(ascii: ".") {
                i += 1
                guard isDigit() else { throw fail("after decimal point in numeric literal") }
                digits()
            }
            if !atEnd && (peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E")) {
                i += 1
                if !atEnd && (peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-")) { i += 1 }
                guard isDigit() else { throw fail("in exponent of numeric literal") }
                digits()
            }
        }

        mutating func literal(_ word: String) throws {
            let expected = Array(word.utf8)
            i += 1
            for c in expected.dropFirst() {
                guard !atEnd, peek == c else { throw fail("in literal \(word) (expecting \(quoteChar(c)))") }
                i += 1
            }
        }
    }
}
