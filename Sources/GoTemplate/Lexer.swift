/// A token of Go's template lexer (text/template/parse/lex.go `item`).
struct Token {
    enum Kind: UInt8 {
        case text, leftDelim, rightDelim, space, leftParen, rightParen, pipe, declare, assign, char
        case identifier, field, variable, dot, bool, number, charConstant, string, rawString
        case keywordBlock, keywordBreak, keywordContinue, keywordDefine, keywordElse, keywordEnd
        case keywordIf, keywordNil, keywordRange, keywordTemplate, keywordWith
        case eof, error
    }

    var kind: Kind
    /// Byte range in the source; for `.error` the message is in `message`.
    var start: Int
    var end: Int
    var line: Int
}

/// Splits template text into tokens, as Go's lexer does: `{{`/`}}` delimiters, `{{- `/` -}}`
/// trimming of adjacent white space, `/* */` comments, and the operands inside actions. Walks the
/// UTF-8 bytes; stops at the first error with an `.error` token.
struct Lexer {
    let input: [UInt8]
    var tokens: [Token] = []
    var position = 0
    var start = 0
    var line = 1
    var startLine = 1
    var parenDepth = 0
    /// The message of the `.error` token that ends the tokens, if any.
    var errorMessage = ""

    static let keywords: [String: Token.Kind] = [
        "block": .keywordBlock, "break": .keywordBreak, "continue": .keywordContinue, "define": .keywordDefine,
        "else": .keywordElse, "end": .keywordEnd, "if": .keywordIf, "nil": .keywordNil, "range": .keywordRange,
        "template": .keywordTemplate, "with": .keywordWith, "true": .bool, "false": .bool,
    ]

    init(_ input: [UInt8]) {
        self.input = input
    }

    /// The tokens and, when they end in an `.error` token, its message.
    static func tokenize(_ input: [UInt8]) -> ([Token], String) {
        var lexer = Lexer(input)
        lexer.run()
        return (lexer.tokens, lexer.errorMessage)
    }

    @inline(__always) static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A }

    @inline(__always) static func isAlphaNumeric(_ c: UInt8) -> Bool {
        (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39) || c == 0x5F || c >= 0x80
    }

    func hasPrefix(_ prefix: StaticString, at index: Int) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard index + count <= input.count else { return false }
        return prefix.withUTF8Buffer { buffer in
            for offset in 0..<count where input[index + offset] != buffer[offset] { return false }
            return true
        }
    }

    func countNewlines(_ from: Int, _ to: Int) -> Int {
        var count = 0
        var index = from
        while index < to { if input[index] == 0x0A { count += 1 }; index += 1 }
        return count
    }

    mutating func emit(_ kind: Token.Kind) {
        tokens.append(Token(kind: kind, start: start, end: position, line: startLine))
        line += countNewlines(start, position)
        start = position
        startLine = line
    }

    mutating func ignore() {
        line += countNewlines(start, position)
        start = position
        startLine = line
    }

    mutating func fail(_ message: String) {
        tokens.append(Token(kind: .error, start: start, end: position, line: startLine))
        errorMessage = message
    }

    /// `{{- ` : a trim marker needs white space after the minus.
    func hasLeftTrimMarker(_ index: Int) -> Bool {
        index + 1 < input.count && input[index] == UInt8(ascii: "-") && Lexer.isSpace(input[index + 1])
    }

    /// ` -}}` at `index`, or `}}`: (at a right delimiter, with trim marker).
    func atRightDelim(_ index: Int) -> (Bool, Bool) {
        if index + 1 < input.count && Lexer.isSpace(input[index]) && input[index + 1] == UInt8(ascii: "-")
            && hasPrefix("}}", at: index + 2) {
            return (true, true)
        }
        return (hasPrefix("}}", at: index), false)
    }

    mutating func run() {
        while true {
            // Text up to the next "{{".
            var index = position
            var found = -1
            while index + 1 < input.count {
                if input[index] == UInt8(ascii: "{") && input[index + 1] == UInt8(ascii: "{") { found = index; break }
                index += 1
            }
            if found < 0 {
                position = input.count
                if position > start { emit(.text) }
                tokens.append(Token(kind: .eof, start: position, end: position, line: line))
                return
            }
            if found > start {
                position = found
                var textEnd = found
                if hasLeftTrimMarker(found + 2) {
                    while textEnd > start && Lexer.isSpace(input[textEnd - 1]) { textEnd -= 1 }
                }
                position = textEnd
                if textEnd > start { emit(.text) }
                position = found
                ignore()
            }
            guard lexLeftDelim() else { return }
        }
    }

    /// After `{{`: a comment, or an action up to `}}`. False after an error.
    mutating func lexLeftDelim() -> Bool {
        position += 2
        let trim = hasLeftTrimMarker(position)
        let afterMarker = trim ? 2 : 0
        if hasPrefix("/*", at: position + afterMarker) {
            position += afterMarker
            ignore()
            return lexComment()
        }
        emit(.leftDelim)
        position += afterMarker
        ignore()
        parenDepth = 0
        return lexInsideAction()
    }

    mutating func lexComment() -> Bool {
        position += 2
        var index = position
        var end = -1
        while index + 1 < input.count {
            if input[index] == UInt8(ascii: "*") && input[index + 1] == UInt8(ascii: "/") { end = index; break }
            index += 1
        }
        if end < 0 { fail("unclosed comment"); return false }
        position = end + 2
        let (delim, trim) = atRightDelim(position)
        if !delim { fail("comment ends before closing delimiter"); return false }
        position += trim ? 4 : 2
        ignore()
        if trim { skipLeadingSpace() }
        return true
    }

    mutating func skipLeadingSpace() {
        while position < input.count && Lexer.isSpace(input[position]) { position += 1 }
        ignore()
    }

    mutating func lexRightDelim(trim: Bool) {
        if trim { position += 2; ignore() }
        position += 2
        emit(.rightDelim)
        if trim { skipLeadingSpace() }
    }
}
