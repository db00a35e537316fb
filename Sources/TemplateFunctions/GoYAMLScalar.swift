/// How libyaml (and its go-yaml ports) writes a string in block context: the style go-yaml
/// asks for (plain, or double-quoted when the text would read as another type, or literal when
/// it holds a newline), corrected by the emitter's analysis of the characters
/// (`yaml_emitter_analyze_scalar`, `yaml_emitter_select_scalar_style`). No line folding.
enum GoYAMLScalar {
    private enum Style { case plain, single, double, literal }

    private struct Analysis {
        var multiline = false, flowPlain = true, blockPlain = true, singleQuoted = true, block = true
    }

    private static func isBreak(_ c: Unicode.Scalar) -> Bool {
        c == "\r" || c == "\n" || c == "\u{85}" || c == "\u{2028}" || c == "\u{2029}"
    }

    private static func isBlank(_ c: Unicode.Scalar?) -> Bool {
        guard let c else { return true }
        return c == " " || c == "\t" || isBreak(c)
    }

    /// libyaml's `IS_PRINTABLE`: LF, printable ASCII, and the BMP outside surrogates, C1
    /// controls, the BOM and U+FFFE/FFFF. Characters beyond the BMP count as unprintable.
    private static func isPrintable(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if v == 0x0A || (0x20...0x7E).contains(v) { return true }
        if (0xA0...0xD7FF).contains(v) { return true }
        if (0xE000...0xFFFD).contains(v) { return v != 0xFEFF }
        return false
    }

    private static func analyze(_ s: [Unicode.Scalar]) -> Analysis {
        var a = Analysis()
        if s.isEmpty {
            a.flowPlain = false
            a.block = false
            return a
        }
        var flowIndicators = false, blockIndicators = false
        if s.starts(with: ["-", "-", "-"]) || s.starts(with: [".", ".", "."]) { flowIndicators = true; blockIndicators = true }
        var lineBreaks = false, special = false
        var leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false
        var breakSpace = false, spaceBreak = false, previousSpace = false, previousBreak = false
        var precededByWhitespace = true
        for (i, c) in s.enumerated() {
            let followedByWhitespace = isBlank(i + 1 < s.count ? s[i + 1] : nil)
            if i == 0 {
                switch c {
                case "#", ",", "[", "]", "{", "}", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`":
                    flowIndicators = true; blockIndicators = true
                case "?", ":":
                    flowIndicators = true
                    if followedByWhitespace { blockIndicators = true }
                case "-":
                    if followedByWhitespace { flowIndicators = true; blockIndicators = true }
                default: break
                }
            } else {
                switch c {
                case ",", "?", "[", "]", "{", "}": flowIndicators = true
                case ":":
                    flowIndicators = true
                    if followedByWhitespace { blockIndicators = true }
                case "#":
                    if precededByWhitespace { flowIndicators = true; blockIndicators = true }
                default: break
                }
            }
            if !isPrintable(c) { special = true }
            if c == " " {
                if i == 0 { leadingSpace = true }
                if i == s.count - 1 { trailingSpace = true }
                if previousBreak { breakSpace = true }
                previousSpace = true; previousBreak = false
            } else if isBreak(c) {
                lineBreaks = true
                if i == 0 { leadingBreak = true }
                if i == s.count - 1 { trailingBreak = true }
                if previousSpace { spaceBreak = true }
                previousSpace = false; previousBreak = true
            } else {
                previousSpace = false; previousBreak = false
            }
            precededByWhitespace = isBlank(c)
        }
        a.multiline = lineBreaks
        if leadingSpace || leadingBreak || trailingSpace || trailingBreak { a.flowPlain = false; a.blockPlain = false }
        if trailingSpace { a.block = false }
        if breakSpace { a.flowPlain = false; a.blockPlain = false; a.singleQuoted = false }
        if spaceBreak || special { a.flowPlain = false; a.blockPlain = false; a.singleQuoted = false; a.block = false }
        if lineBreaks { a.flowPlain = false; a.blockPlain = false }
        if flowIndicators { a.flowPlain = false }
        if blockIndicators { a.blockPlain = false }
        return a
    }

    /// The scalar as written at `indent` (the indentation of a literal block's lines).
    static func write(_ text: String, indent: Int, key: Bool) -> String {
        let s = Array(text.unicodeScalars)
        var style: Style = text.contains("\n") ? .literal : (GoYAMLResolve.needsQuotes(text) ? .double : .plain)
        let a = analyze(s)
        if style == .plain, !a.blockPlain || (s.isEmpty && key) { style = .single }
        if style == .single, !a.singleQuoted { style = .double }
        if style == .literal, !a.block || key { style = .double }
        switch style {
        case .plain: return text
        case .single: return "'" + text.replacingAll("'", with: "''") + "'"
        case .double: return doubleQuoted(s)
        case .literal: return literal(s, indent: indent)
        }
    }

    private static func doubleQuoted(_ s: [Unicode.Scalar]) -> String {
        var out = "\""
        for c in s {
            switch c {
            case "\0": out += "\\0"
            case "\u{07}": out += "\\a"
            case "\u{08}": out += "\\b"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\u{0B}": out += "\\v"
            case "\u{0C}": out += "\\f"
            case "\r": out += "\\r"
            case "\u{1B}": out += "\\e"
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{85}": out += "\\N"
            case "\u{A0}": out.unicodeScalars.append(c)
            case "\u{2028}": out += "\\L"
            case "\u{2029}": out += "\\P"
            default:
                if isPrintable(c) && c.value != 0xFEFF {
                    out.unicodeScalars.append(c)
                } else {
                    let hex = String(c.value, radix: 16, uppercase: true)
                    let (prefix, width) = c.value <= 0xFF ? ("\\x", 2) : c.value <= 0xFFFF ? ("\\u", 4) : ("\\U", 8)
                    out += prefix + String(repeating: "0", count: width - hex.count) + hex
                }
            }
        }
        return out + "\""
    }

    private static func literal(_ s: [Unicode.Scalar], indent: Int) -> String {
        var out = "|"
        if let first = s.first, first == " " || isBreak(first) { out += "2" }
        if let last = s.last, !isBreak(last) {
            out += "-"
        } else if s.count == 1 || (s.count >= 2 && isBreak(s[s.count - 2])) {
            out += "+"
        }
        out += "\n"
        let pad = String(repeating: " ", count: indent)
        var atLineStart = true
        for c in s {
            if isBreak(c) {
                out += "\n"
                atLineStart = true
            } else {
                if atLineStart { out += pad }
                out.unicodeScalars.append(c)
                atLineStart = false
            }
        }
        // The final break belongs to the block; the writer adds the line end itself.
        if out.hasSuffix("\n") { out.removeLast() }
        return out
    }
}

private extension String {
    func replacingAll(_ old: String, with new: String) -> String { TemplateFunctions.replaceAll(self, old, new) }
}
