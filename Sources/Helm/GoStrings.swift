/// Go's string helpers that Helm's output depends on, on UTF-8 bytes (Foundation's
/// `trimmingCharacters` and `NSRegularExpression` cost more than the whole template execution
/// on a chart like kube-prometheus-stack).
enum GoStrings {
    /// `strings.TrimSpace`: leading and trailing `unicode.IsSpace` removed.
    static func trimSpace<S: StringProtocol>(_ s: S) -> String {
        let sub = Substring(s)
        let scalars = sub.unicodeScalars
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, isSpace(scalars[start]) { start = scalars.index(after: start) }
        while end > start {
            let before = scalars.index(before: end)
            guard isSpace(scalars[before]) else { break }
            end = before
        }
        return String(sub[start..<end])
    }

    /// Whether `s` is empty after `strings.TrimSpace`.
    static func isBlank<S: StringProtocol>(_ s: S) -> Bool {
        s.unicodeScalars.allSatisfy(isSpace)
    }

    /// `unicode.IsSpace`.
    static func isSpace(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// RE2's `\s`: `[\t\n\f\r ]`.
    @inline(__always) static func isRE2Space(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0C || b == 0x0D
    }

    /// `regexp.MustCompile("(?:^|\\s*\\n)---\\s*").Split(s, -1)`: leftmost matches, the
    /// whitespace before a separator's newline and after its dashes belonging to the separator.
    static func splitOnDocumentSeparators(_ s: String) -> [String] {
        let bytes = Array(s.utf8)
        let n = bytes.count
        var pieces: [String] = []
        var pieceStart = 0
        var pos = 0
        func isDashes(_ i: Int) -> Bool {
            i + 3 <= n && bytes[i] == 0x2D && bytes[i + 1] == 0x2D && bytes[i + 2] == 0x2D
        }
        func emit(_ from: Int, _ to: Int) {
            pieces.append(String(decoding: bytes[from..<to], as: UTF8.self))
        }
        while pos <= n {
            var matchStart = -1, dashes = -1
            if pos == 0 && isDashes(0) {
                matchStart = 0; dashes = 0
            } else {
                // The first `\n---` at or after pos; the match starts where the run of
                // whitespace ending with that newline starts (not before pos).
                var j = pos
                while j < n {
                    if bytes[j] == 0x0A && isDashes(j + 1) { break }
                    j += 1
                }
                if j >= n { break }
                var i = j
                while i > pos && isRE2Space(bytes[i - 1]) { i -= 1 }
                matchStart = i; dashes = j + 1
            }
            var end = dashes + 3
            while end < n && isRE2Space(bytes[end]) { end += 1 }
            emit(pieceStart, matchStart)
            pieceStart = end
            pos = end
            if end == n { break }
        }
        emit(pieceStart, n)
        return pieces
    }
}
