/// Lexing inside `{{ }}` (lex.go lexInsideAction and the operand states).
extension Lexer {
    /// Lexes one action; true when its `}}` was reached.
    mutating func lexInsideAction() -> Bool {
        while true {
            let (delim, trim) = atRightDelim(position)
            if delim {
                if parenDepth == 0 { lexRightDelim(trim: trim); return true }
                fail("unclosed left paren")
                return false
            }
            guard position < input.count else { fail("unclosed action"); return false }
            let c = input[position]
            position += 1
            switch c {
            case _ where Lexer.isSpace(c):
                position -= 1
                lexSpace()
            case UInt8(ascii: "="): emit(.assign)
            case UInt8(ascii: ":"):
                guard position < input.count, input[position] == UInt8(ascii: "=") else { fail("expected :="); return false }
                position += 1
                emit(.declare)
            case UInt8(ascii: "|"): emit(.pipe)
            case UInt8(ascii: "\""):
                guard lexQuote() else { return false }
            case UInt8(ascii: "`"):
                guard lexRawQuote() else { return false }
            case UInt8(ascii: "$"):
                guard lexFieldOrVariable(.variable) else { return false }
            case UInt8(ascii: "'"):
                guard lexChar() else { return false }
            case UInt8(ascii: "."):
                if position < input.count, !(input[position] >= 0x30 && input[position] <= 0x39) {
                    guard lexFieldOrVariable(.field) else { return false }
                } else {
                    position -= 1
                    guard lexNumber() else { return false }
                }
            case UInt8(ascii: "+"), UInt8(ascii: "-"), 0x30...0x39:
                position -= 1
                guard lexNumber() else { return false }
            case _ where Lexer.isAlphaNumeric(c):
                position -= 1
                guard lexIdentifier() else { return false }
            case UInt8(ascii: "("):
                emit(.leftParen)
                parenDepth += 1
            case UInt8(ascii: ")"):
                parenDepth -= 1
                if parenDepth < 0 { fail("unexpected right paren"); return false }
                emit(.rightParen)
            case 0x21...0x7E:
                emit(.char)
            default:
                fail("unrecognized character in action: \(Lexer.describeRune(c))")
                return false
            }
        }
    }

    /// Go's `%#U` of a byte as a rune: `U+0001`.
    static func describeRune(_ c: UInt8) -> String {
        let hex = String(c, radix: 16, uppercase: true)
        let padded = String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        if c >= 0x20 && c < 0x7F { return "U+\(padded) '\(Character(Unicode.Scalar(c)))'" }
        return "U+\(padded)"
    }

    /// A run of white space, leaving a lone space before ` -}}` to the delimiter.
    mutating func lexSpace() {
        var count = 0
        while position < input.count && Lexer.isSpace(input[position]) { position += 1; count += 1 }
        let (delim, trim) = atRightDelim(position - 1)
        if delim && trim {
            position -= 1
            if count == 1 { return }
        }
        emit(.space)
    }

    /// Whether the next byte ends an operand: space, `.`, `,`, `|`, `:`, `)`, `(`, or `}}`.
    func atTerminator() -> Bool {
        guard position < input.count else { return true }
        let c = input[position]
        if Lexer.isSpace(c) { return true }
        switch c {
        case UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: "|"), UInt8(ascii: ":"), UInt8(ascii: ")"), UInt8(ascii: "("):
            return true
        default:
            return hasPrefix("}}", at: position)
        }
    }

    mutating func badCharacter() {
        var end = position + 1
        while end < input.count && input[end] & 0xC0 == 0x80 { end += 1 }
        let scalar = String(decoding: input[position..<end], as: UTF8.self).unicodeScalars.first ?? "\u{FFFD}"
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let padded = String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        position = end
        fail("bad character U+\(padded) '\(String(scalar))'")
    }

    mutating func lexIdentifier() -> Bool {
        while position < input.count && Lexer.isAlphaNumeric(input[position]) { position += 1 }
        guard atTerminator() else { badCharacter(); return false }
        let word = String(decoding: input[start..<position], as: UTF8.self)
        if let keyword = Lexer.keywords[word] {
            emit(keyword)
        } else {
            emit(.identifier)
        }
        return true
    }

    /// `.Field`, `.` alone, `$name` or `$` alone (the `.`/`$` already consumed).
    mutating func lexFieldOrVariable(_ kind: Token.Kind) -> Bool {
        if atTerminator() {
            emit(kind == .variable ? .variable : .dot)
            return true
        }
        while position < input.count && Lexer.isAlphaNumeric(input[position]) { position += 1 }
        guard atTerminator() else { badCharacter(); return false }
        emit(kind)
        return true
    }

    mutating func lexQuote() -> Bool {
        while true {
            guard position < input.count, input[position] != 0x0A else { fail("unterminated quoted string"); return false }
            let c = input[position]
            position += 1
            if c == UInt8(ascii: "\\") {
                guard position < input.count, input[position] != 0x0A else { fail("unterminated quoted string"); return false }
                position += 1
            } else if c == UInt8(ascii: "\"") {
                break
            }
        }
        emit(.string)
        return true
    }

    mutating func lexRawQuote() -> Bool {
        while true {
            guard position < input.count else { fail("unterminated raw quoted string"); return false }
            let c = input[position]
            position += 1
            if c == UInt8(ascii: "`") { break }
        }
        emit(.rawString)
        return true
    }

    mutating func lexChar() -> Bool {
        while true {
            guard position < input.count, input[position] != 0x0A else { fail("unterminated character constant"); return false }
            let c = input[position]
            position += 1
            if c == UInt8(ascii: "\\") {
                guard position < input.count, input[position] != 0x0A else { fail("unterminated character constant"); return false }
                position += 1
            } else if c == UInt8(ascii: "'") {
                break
            }
        }
        emit(.charConstant)
        return true
    }

    /// lex.go scanNumber: sign, base prefix, digits with `_`, fraction, exponent, `i`.
    mutating func lexNumber() -> Bool {
        func accept(_ set: StaticString) -> Bool {
            guard position < input.count else { return false }
            let c = input[position]
            let hit = set.withUTF8Buffer { $0.contains(c) }
            if hit { position += 1 }
            return hit
        }
        func acceptRun(_ set: StaticString) { while accept(set) {} }
        /// scanNumber: false when an alphanumeric byte follows the number.
        func scan() -> Bool {
            _ = accept("+-")
            var digits: StaticString = "0123456789_"
            var kind = 10
            if accept("0") {
                if accept("xX") { digits = "0123456789abcdefABCDEF_"; kind = 16 }
                else if accept("oO") { digits = "01234567_"; kind = 8 }
                else if accept("bB") { digits = "01_"; kind = 2 }
            }
            acceptRun(digits)
            if accept(".") { acceptRun(digits) }
            if kind == 10 && accept("eE") { _ = accept("+-"); acceptRun("0123456789_") }
            if kind == 16 && accept("pP") { _ = accept("+-"); acceptRun("0123456789_") }
            _ = accept("i")
            if position < input.count && Lexer.isAlphaNumeric(input[position]) {
                position += 1
                return false
            }
            return true
        }
        func bad() -> Bool {
            fail("bad number syntax: \(GoFormat.sprintf("%q", [.string(String(decoding: input[start..<position], as: UTF8.self))]))")
            return false
        }
        guard scan() else { return bad() }
        if position < input.count && (input[position] == UInt8(ascii: "+") || input[position] == UInt8(ascii: "-")) {
            // A complex constant (1+2i): no spaces, must end in 'i'.
            guard scan(), input[position - 1] == UInt8(ascii: "i") else { return bad() }
        }
        emit(.number)
        return true
    }
}
