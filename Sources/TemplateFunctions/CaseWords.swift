/// xstrings' word splitting behind Sprig's `snakecase` and `kebabcase` (`ToSnakeCase`,
/// `ToKebabCase`): words are runs of lower-case letters, upper-case runs (`HTTPServer` →
/// `HTTP` + `Server`), numbers, punctuation and connectors (`-`, `_`, spaces).
enum CaseWords {
    enum Kind { case invalid, number, upper, alphabet, connector, punct, other }

    static func isConnector(_ r: Unicode.Scalar) -> Bool { r == "-" || r == "_" || GoStrings.isSpace(r) }
    static func isUpper(_ r: Unicode.Scalar) -> Bool { r.properties.isUppercase && r.properties.isAlphabetic }
    static func isNumber(_ r: Unicode.Scalar) -> Bool {
        switch r.properties.generalCategory {
        case .decimalNumber, .letterNumber, .otherNumber: return true
        default: return false
        }
    }
    static func isPunct(_ r: Unicode.Scalar) -> Bool {
        switch r.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation: return true
        default: return false
        }
    }
    /// A letter outside the CJK ideograph blocks.
    static func isAlphabet(_ r: Unicode.Scalar) -> Bool {
        guard r.properties.isAlphabetic, !isNumber(r) else { return false }
        switch r.value {
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x2FA1F: return false
        default: return true
        }
    }

    /// The next word of `s` from `start`: its kind and end index.
    static func next(_ s: [Unicode.Scalar], _ start: Int) -> (Kind, Int) {
        guard start < s.count else { return (.invalid, start) }
        var i = start
        let r = s[i]
        i += 1
        func run(while condition: (Unicode.Scalar) -> Bool) { while i < s.count, condition(s[i]) { i += 1 } }
        if isConnector(r) { run(while: isConnector); return (.connector, i) }
        if isPunct(r) { run(while: isPunct); return (.punct, i) }
        if isUpper(r) {
            guard i < s.count else { return (.upper, i) }
            if isUpper(s[i]) {
                run(while: isUpper)
                // `HTTPServer`: the last capital starts the next word when a letter follows.
                if i < s.count, isAlphabet(s[i]) { i -= 1 }
            } else if isAlphabet(s[i]) {
                run(while: { isAlphabet($0) && !isUpper($0) })
            }
            return (.upper, i)
        }
        if isAlphabet(r) { run(while: { isAlphabet($0) && !isUpper($0) }); return (.alphabet, i) }
        if isNumber(r) { run(while: isNumber); return (.number, i) }
        run(while: { !(isConnector($0) || isAlphabet($0) || isNumber($0) || isPunct($0)) })
        return (.other, i)
    }

    /// `camelCaseToLowerCase(s, connector)`.
    static func lowerCase(_ text: String, connector: Unicode.Scalar) -> String {
        let s = Array(text.unicodeScalars)
        guard !s.isEmpty else { return "" }
        var out = String.UnicodeScalarView()
        func write(_ kind: Kind, _ range: Range<Int>) {
            if kind != .upper && kind != .connector { out.append(contentsOf: s[range]); return }
            for r in s[range] {
                if isConnector(r) { out.append(connector) } else if isUpper(r) { out.append(GoStrings.lower(r)) } else { out.append(r) }
            }
        }
        var start = 0
        var (kind, end) = next(s, 0)
        while end < s.count {
            if kind != .connector { write(kind, start..<end) }
            let previous = kind, lastRange = start..<end
            start = end
            (kind, end) = next(s, start)
            switch previous {
            case .number:
                while kind == .alphabet || kind == .number {
                    write(kind, start..<end)
                    start = end
                    (kind, end) = next(s, start)
                }
                if kind != .invalid && kind != .punct && kind != .connector { out.append(connector) }
            case .connector:
                write(previous, lastRange)
            case .punct:
                break
            default:
                if kind != .number {
                    if kind != .connector && kind != .punct { out.append(connector) }
                    break
                }
                if end >= s.count { break }
                let numberRange = start..<end
                start = end
                (kind, end) = next(s, start)
                if kind != .alphabet {
                    write(.number, numberRange)
                    if kind != .connector && kind != .punct { out.append(connector) }
                    break
                }
                out.append(connector)
                write(.number, numberRange)
                while kind == .alphabet || kind == .number {
                    write(kind, start..<end)
                    start = end
                    (kind, end) = next(s, start)
                }
                if kind != .invalid && kind != .connector && kind != .punct { out.append(connector) }
            }
        }
        write(kind, start..<end)
        return String(out)
    }
}
