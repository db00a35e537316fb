import GoTemplate

/// encoding/json's syntax errors (scanner.go), which `json.Unmarshal` reports before decoding:
/// `invalid character 'b' looking for beginning of object key string`, `unexpected end of JSON
/// input`. Used for the message of Helm's `fromJson`/`fromJsonArray` and Sprig's `mustFromJson`.
struct GoJSONSyntax {
    private let s: [UInt8]
    private var i = 0

    /// The error `json.Unmarshal` gives for `text`, or nil when it is valid JSON.
    static func error(_ text: String) -> String? {
        var checker = GoJSONSyntax(s: Array(text.utf8))
        do throws(Failure) {
            checker.skipSpace()
            try checker.value()
            checker.skipSpace()
            if checker.i < checker.s.count { throw Failure.character(checker.s[checker.i], "after top-level value") }
            return nil
        } catch {
            switch error {
            case .end: return "unexpected end of JSON input"
            case .character(let c, let context): return "invalid character \(quote(c)) \(context)"
            }
        }
    }

    private enum Failure: Error { case end, character(UInt8, String) }

    private init(s: [UInt8]) { self.s = s }

    private mutating func skipSpace() {
        while i < s.count, s[i] == 0x20 || s[i] == 0x09 || s[i] == 0x0A || s[i] == 0x0D { i += 1 }
    }

    private mutating func next(_ context: String) throws(Failure) -> UInt8 {
        guard i < s.count else { throw .end }
        return s[i]
    }

    private mutating func value() throws(Failure) {
        let c = try next("looking for beginning of value")
        switch c {
        case UInt8(ascii: "{"):
            i += 1; skipSpace()
            if try next("") == UInt8(ascii: "}") { i += 1; return }
            while true {
                guard try next("") == UInt8(ascii: "\"") else { throw .character(s[i], "looking for beginning of object key string") }
                try string()
                skipSpace()
                guard try next("") == UInt8(ascii: ":") else { throw .character(s[i], "after object key") }
                i += 1; skipSpace()
                try value()
                skipSpace()
                let d = try next("")
                if d == UInt8(ascii: "}") { i += 1; return }
                guard d == UInt8(ascii: ",") else { throw .character(d, "after object key:value pair") }
                i += 1; skipSpace()
            }
        case UInt8(ascii: "["):
            i += 1; skipSpace()
            if try next("") == UInt8(ascii: "]") { i += 1; return }
            while true {
                try value()
                skipSpace()
                let d = try next("")
                if d == UInt8(ascii: "]") { i += 1; return }
                guard d == UInt8(ascii: ",") else { throw .character(d, "after array element") }
                i += 1; skipSpace()
            }
        case UInt8(ascii: "\""): try string()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default: throw .character(c, "looking for beginning of value")
        }
    }

    private mutating func literal(_ word: String) throws(Failure) {
        for (offset, expected) in word.utf8.enumerated() {
            let c = try next("")
            guard c == expected else { throw .character(c, "in literal \(word) (expecting \(Self.quote(expected)))") }
            _ = offset
            i += 1
        }
    }

    private mutating func string() throws(Failure) {
        i += 1  // the opening quote
        while true {
            let c = try next("")
            i += 1
            switch c {
            case UInt8(ascii: "\""): return
            case UInt8(ascii: "\\"):
                let e = try next("")
                i += 1
                switch e {
                case UInt8(ascii: "u"):
                    for _ in 0..<4 {
                        let h = try next("")
                        guard h.isHexDigit else { throw .character(h, "in \\u hexadecimal character escape") }
                        i += 1
                    }
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                     UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    break
                default: throw .character(e, "in string escape code")
                }
            case 0..<0x20: throw .character(c, "in string literal")
            default: break
            }
        }
    }

    private mutating func number() throws(Failure) {
        if s[i] == UInt8(ascii: "-") {
            i += 1
            let c = try next("")
            guard c.isDigit else { throw .character(c, "in numeric literal") }
        }
        if s[i] == UInt8(ascii: "0") { i += 1 } else { while i < s.count, s[i].isDigit { i += 1 } }
        if i < s.count, s[i] == UInt8(ascii: ".") {
            i += 1
            let c = try next("")
            guard c.isDigit else { throw .character(c, "after decimal point in numeric literal") }
            while i < s.count, s[i].isDigit { i += 1 }
        }
        if i < s.count, s[i] == UInt8(ascii: "e") || s[i] == UInt8(ascii: "E") {
            i += 1
            var c = try next("")
            if c == UInt8(ascii: "+") || c == UInt8(ascii: "-") { i += 1; c = try next("") }
            guard c.isDigit else { throw .character(c, "in exponent of numeric literal") }
            while i < s.count, s[i].isDigit { i += 1 }
        }
    }

    /// scanner.go `quoteChar`: `'\''`, `'"'`, else strconv.Quote's body in single quotes.
    static func quote(_ c: UInt8) -> String {
        if c == UInt8(ascii: "'") { return "'\\''" }
        if c == UInt8(ascii: "\"") { return "'\"'" }
        // Go converts the byte to the rune U+00XX before quoting.
        let quoted = GoFormat.sprintf("%q", [.string(String(Character(Unicode.Scalar(c))))])
        return "'" + quoted.dropFirst().dropLast() + "'"
    }
}

private extension UInt8 {
    var isDigit: Bool { self >= 0x30 && self <= 0x39 }
    var isHexDigit: Bool { isDigit || (self >= 0x61 && self <= 0x66) || (self >= 0x41 && self <= 0x46) }
}
