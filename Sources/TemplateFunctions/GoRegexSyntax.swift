/// Go's `regexp/syntax` parse errors (`error parsing regexp: CODE: `EXPR``), for the patterns
/// RE2 rejects. ICU, which runs our patterns, accepts more (backreferences, lookaround, `\e`) and
/// words its errors differently, so the pattern is checked here first with RE2's rules.
enum GoRegexSyntax {
    /// The error Go's `regexp.Compile` returns for `pattern`, or nil when RE2 would accept it (as far
    /// as these checks see: unbalanced groups and classes, bad escapes, unsupported Perl groups,
    /// repetition without an operand, nested repetition).
    static func error(_ pattern: String) -> String? {
        let s = Array(pattern.unicodeScalars)
        func text(_ range: Range<Int>) -> String { String(String.UnicodeScalarView(s[range])) }
        func fail(_ code: String, _ expr: String) -> String { "error parsing regexp: \(code): `\(expr)`" }
        var depth = 0
        var i = 0
        // Whether the previous item can take a repetition operator, and whether it already is one.
        var operand = false
        var lastRepeat: Int?  // where the previous item's repetition operator starts
        while i < s.count {
            let c = s[i]
            switch c {
            case "\\":
                if i + 1 < s.count, s[i + 1] == "Q" {
                    // `\Q…\E` is literal text (to the end when there is no `\E`).
                    var j = i + 2
                    while j < s.count, !(s[j] == "\\" && j + 1 < s.count && s[j + 1] == "E") { j += 1 }
                    operand = j > i + 2 || operand; lastRepeat = nil
                    i = min(j + 2, s.count)
                    continue
                }
                if let message = escapeError(s, i) { return message }
                i += escapeLength(s, i)
                operand = true; lastRepeat = nil
                continue
            case "[":
                guard let end = classEnd(s, i) else { return fail("missing closing ]", text(i..<s.count)) }
                i = end + 1
                operand = true; lastRepeat = nil
                continue
            case "(":
                if i + 1 < s.count, s[i + 1] == "?" {
                    let rest = text(i..<s.count)
                    if rest.hasPrefix("(?=") || rest.hasPrefix("(?!") || rest.hasPrefix("(?<=") || rest.hasPrefix("(?<!") {
                        return fail("invalid or unsupported Perl syntax", String(rest.prefix(rest.hasPrefix("(?<") ? 4 : 3)))
                    }
                }
                if i + 1 < s.count, s[i + 1] == "?" {
                    // `(?P<name>`, `(?<name>`, `(?flags:` open a group; `(?flags)` sets flags.
                    var j = i + 2
                    if j < s.count, s[j] == "P" { j += 1 }
                    if j < s.count, s[j] == "<" {
                        guard let close = s[j...].firstIndex(of: ">") else { return fail("invalid named capture", text(i..<s.count)) }
                        i = close
                    } else {
                        while j < s.count, s[j] == "-" || s[j].properties.isAlphabetic { j += 1 }
                        guard j < s.count, s[j] == ":" || s[j] == ")" else {
                            return fail("missing closing )", pattern)
                        }
                        if s[j] == ")" { i = j + 1; operand = false; lastRepeat = nil; continue }
                        i = j
                    }
                }
                depth += 1
                operand = false; lastRepeat = nil
            case ")":
                if depth == 0 { return fail("unexpected )", pattern) }
                depth -= 1
                operand = true; lastRepeat = nil
            case "|":
                operand = false; lastRepeat = nil
            case "*", "+", "?":
                let start = i
                if i + 1 < s.count, s[i + 1] == "?" { i += 1 }
                if !operand { return fail("missing argument to repetition operator", text(start..<(i + 1))) }
                if let previous = lastRepeat { return fail("invalid nested repetition operator", text(previous..<(i + 1))) }
                lastRepeat = start
            default:
                operand = true; lastRepeat = nil
            }
            i += 1
        }
        if depth > 0 { return fail("missing closing )", pattern) }
        return nil
    }

    /// RE2's escapes: punctuation, `\a\f\t\n\r\v`, octal (`\0`, or `\1`–`\7` followed by an octal
    /// digit), `\x`, the Perl classes `\d\D\s\S\w\W`, `\p\P`, and `\A\z\b\B\Q\E`.
    private static func escapeError(_ s: [Unicode.Scalar], _ i: Int) -> String? {
        guard i + 1 < s.count else { return "error parsing regexp: trailing backslash at end of expression: ``" }
        let c = s[i + 1]
        let valid: Bool
        switch c {
        case "1"..."7": valid = i + 2 < s.count && ("0"..."7").contains(s[i + 2])
        case "0", "a", "f", "t", "n", "r", "v", "x", "d", "D", "s", "S", "w", "W", "p", "P", "A", "z", "b", "B", "Q", "E":
            valid = true
        default:
            valid = c.value < 0x80 && !(c.properties.isAlphabetic || ("0"..."9").contains(c))
        }
        return valid ? nil : "error parsing regexp: invalid escape sequence: `\\\(Character(c))`"
    }

    private static func escapeLength(_ s: [Unicode.Scalar], _ i: Int) -> Int {
        guard i + 1 < s.count else { return 1 }
        switch s[i + 1] {
        case "p", "P":
            if i + 2 < s.count, s[i + 2] == "{", let close = s[(i + 2)...].firstIndex(of: "}") { return close - i + 1 }
            return 3
        case "x":
            if i + 2 < s.count, s[i + 2] == "{", let close = s[(i + 2)...].firstIndex(of: "}") { return close - i + 1 }
            return 4
        default:
            return 2
        }
    }

    /// The index of the `]` closing the class that opens at `start`, or nil.
    private static func classEnd(_ s: [Unicode.Scalar], _ start: Int) -> Int? {
        var i = start + 1
        if i < s.count, s[i] == "^" { i += 1 }
        if i < s.count, s[i] == "]" { i += 1 }  // a leading ] is literal
        while i < s.count {
            switch s[i] {
            case "\\": i += 2
            case "[":
                if i + 1 < s.count, s[i + 1] == ":", let close = findPosixEnd(s, i) { i = close + 1 } else { i += 1 }
            case "]": return i
            default: i += 1
            }
        }
        return nil
    }

    private static func findPosixEnd(_ s: [Unicode.Scalar], _ i: Int) -> Int? {
        var j = i + 2
        while j + 1 < s.count {
            if s[j] == ":" && s[j + 1] == "]" { return j + 1 }
            j += 1
        }
        return nil
    }
}
