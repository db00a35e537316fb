/// Go's `encoding/json` syntax errors, word for word (scanner.go), for the places that print
/// what a Go program would: Helm's `fromJson` (`json.Unmarshal`) and a malformed
/// values.schema.json (the JSON Schema library reads it with a `json.Decoder`).
///
/// `invalid character 'b' looking for beginning of object key string`, `unexpected end of JSON
/// input`, `invalid character 'x' after top-level value`, …
public enum GoJSONSyntax {
    /// `json.Unmarshal`'s `checkValid`: nil when `bytes` is one JSON value (white space around it).
    public static func unmarshalError(_ bytes: [UInt8]) -> String? {
        var scanner = Scanner(bytes: bytes, end: "unexpected end of JSON input")
        do throws(Failure) {
            try scanner.value()
            scanner.skipSpace()
            if !scanner.atEnd { throw scanner.fail("after top-level value") }
            return nil
        } catch {
            return error.message
        }
    }

    /// A `json.Decoder` reading one value, then checking that only white space follows (how the
    /// santhosh-tekuri/jsonschema library Helm uses reads a schema): `EOF` when there is nothing,
    /// `unexpected EOF` when the value is cut short.
    public static func decoderError(_ bytes: [UInt8]) -> String? {
        var scanner = Scanner(bytes: bytes, end: "unexpected EOF")
        scanner.skipSpace()
        if scanner.atEnd { return "EOF" }
        let scalarTop = scanner.peek != UInt8(ascii: "{") && scanner.peek != UInt8(ascii: "[")
        do throws(Failure) {
            try scanner.value()
        } catch {
            return error.message
        }
        // A scalar is only known to have ended at the next byte, which the decoder then rejects.
        if !scanner.atEnd, scalarTop, !isSpace(scanner.peek) {
            return "invalid character \(quoteChar(scanner.peek)) after top-level value"
        }
        scanner.skipSpace()
        return scanner.atEnd ? nil : "invalid character after top-level value"
    }

    struct Failure: Error { let message: String }

    static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }

    /// scanner.go `quoteChar`: `'\''`, `'"'`, else the byte as the rune U+00XX in
    /// `strconv.Quote`'s form between single quotes.
    static func quoteChar(_ c: UInt8) -> String {
        switch c {
        case UInt8(ascii: "'"): return #"'\''"#
        case UInt8(ascii: "\""): return #"'"'"#
        case UInt8(ascii: "\\"): return #"'\\'"#
        case 0x07: return #"'\a'"#
        case 0x08: return #"'\b'"#
        case 0x0C: return #"'\f'"#
        case 0x0A: return #"'\n'"#
        case 0x0D: return #"'\r'"#
        case 0x09: return #"'\t'"#
        case 0x0B: return #"'\v'"#
        case 0x00..<0x20, 0x7F: return "'\\x" + hex(c) + "'"
        // U+0080–U+009F (controls), U+00A0 (a space other than ' ') and U+00AD (a format
        // character) are not printable for strconv.
        case 0x80...0xA0, 0xAD: return "'\\u00" + hex(c) + "'"
        default: return "'" + String(Unicode.Scalar(c)) + "'"
        }
    }

    private static func hex(_ c: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(c >> 4)], digits[Int(c & 0x0F)]])
    }

    struct Scanner {
        let bytes: [UInt8]
        /// What running out of input is called.
        let end: String
        var i = 0
        var atEnd: Bool { i >= bytes.count }
        var peek: UInt8 { bytes[i] }

        mutating func skipSpace() { while !atEnd && GoJSONSyntax.isSpace(peek) { i += 1 } }

        func fail(_ context: String) -> Failure {
            atEnd ? Failure(message: end) : Failure(message: "invalid character \(quoteChar(peek)) \(context)")
        }

        mutating func expect(_ c: UInt8, _ context: String) throws(Failure) {
            guard !atEnd, peek == c else { throw fail(context) }
            i += 1
        }

        mutating func value() throws(Failure) {
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

        mutating func object() throws(Failure) {
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

        mutating func array() throws(Failure) {
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

        mutating func string() throws(Failure) {
            i += 1
            while true {
                guard !atEnd else { throw fail("") }
                let c = peek
                if c == UInt8(ascii: "\"") { i += 1; return }
                if c < 0x20 { throw fail("in string literal") }
                i += 1
                guard c == UInt8(ascii: "\\") else { continue }
                guard !atEnd else { throw fail("") }
                if "\"\\/bfnrt".utf8.contains(peek) { i += 1; continue }
                guard peek == UInt8(ascii: "u") else { throw fail("in string escape code") }
                i += 1
                for _ in 0..<4 {
                    guard !atEnd else { throw fail("") }
                    guard isHexDigit(peek) else { throw fail("in \\u hexadecimal character escape") }
                    i += 1
                }
            }
        }

        func isDigit() -> Bool { !atEnd && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(peek) }

        func isHexDigit(_ c: UInt8) -> Bool {
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(c)
                || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(c)
        }

        mutating func digits() { while isDigit() { i += 1 } }

        mutating func number() throws(Failure) {
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

        mutating func literal(_ word: String) throws(Failure) {
            i += 1
            for c in word.utf8.dropFirst() {
                guard !atEnd, peek == c else { throw fail("in literal \(word) (expecting \(quoteChar(c)))") }
                i += 1
            }
        }
    }
}
