/// The two glob dialects Helm uses: Go's `path/filepath.Match` (`.helmignore`) and
/// `github.com/gobwas/glob` with `/` as separator (`.Files.Glob`: `**` crosses directories,
/// `{a,b}` alternatives, `[!x]` negated classes).
enum GoGlob {
    /// `filepath.Match(pattern, name)`; a malformed pattern matches nothing.
    static func filepathMatch(_ pattern: String, _ name: String) -> Bool {
        filepathMatch(Array(pattern.unicodeScalars), Array(name.unicodeScalars))
    }

    /// `filepath.Match` on unicode scalars (Go matches runes), for precompiled patterns.
    static func filepathMatch(_ pattern: [Unicode.Scalar], _ name: [Unicode.Scalar]) -> Bool {
        match(pattern, 0, name, 0, gobwas: false)
    }

    /// gobwas `glob.Compile(pattern, '/').Match(name)`.
    static func filesGlobMatch(_ pattern: String, _ name: String) -> Bool {
        let p = Array(pattern.unicodeScalars)
        // Expand `{a,b}` alternatives first (non-nested alternatives suffice for charts; nested
        // ones expand recursively).
        if let open = p.firstIndex(of: "{"), let close = matchingBrace(p, open) {
            let head = String(String.UnicodeScalarView(p[..<open])), tail = String(String.UnicodeScalarView(p[(close + 1)...]))
            for option in splitTopLevel(Array(p[(open + 1)..<close])) {
                if filesGlobMatch(head + option + tail, name) { return true }
            }
            return false
        }
        return match(p, 0, Array(name.unicodeScalars), 0, gobwas: true)
    }

    private static func matchingBrace(_ p: [Unicode.Scalar], _ open: Int) -> Int? {
        var depth = 0
        var i = open
        while i < p.count {
            if p[i] == "\\" { i += 2; continue }
            if p[i] == "{" { depth += 1 }
            if p[i] == "}" { depth -= 1; if depth == 0 { return i } }
            i += 1
        }
        return nil
    }

    private static func splitTopLevel(_ p: [Unicode.Scalar]) -> [String] {
        var parts: [String] = [], current = "", depth = 0
        for c in p {
            if c == "{" { depth += 1 } else if c == "}" { depth -= 1 }
            if c == "," && depth == 0 { parts.append(current); current = ""; continue }
            current.unicodeScalars.append(c)
        }
        parts.append(current)
        return parts
    }

    private static func match(_ p: [Unicode.Scalar], _ pi: Int, _ s: [Unicode.Scalar], _ si: Int, gobwas: Bool) -> Bool {
        var pi = pi, si = si
        while pi < p.count {
            let c = p[pi]
            switch c {
            case "*":
                let superStar = gobwas && pi + 1 < p.count && p[pi + 1] == "*"
                let next = superStar ? pi + 2 : pi + 1
                var k = si
                while true {
                    if match(p, next, s, k, gobwas: gobwas) { return true }
                    if k >= s.count || (!superStar && s[k] == "/") { return false }
                    k += 1
                }
            case "?":
                if si >= s.count || s[si] == "/" { return false }
                pi += 1; si += 1
            case "[":
                guard si < s.count, let (matched, end) = matchClass(p, pi, s[si], gobwas: gobwas) else { return false }
                if !matched || s[si] == "/" { return false }
                pi = end; si += 1
            case "\\":
                guard pi + 1 < p.count, si < s.count, s[si] == p[pi + 1] else { return false }
                pi += 2; si += 1
            default:
                guard si < s.count, s[si] == c else { return false }
                pi += 1; si += 1
            }
        }
        return si == s.count
    }

    /// A `[...]` class at `p[start]`: whether `c` is in it and the index after `]`.
    private static func matchClass(_ p: [Unicode.Scalar], _ start: Int, _ c: Unicode.Scalar, gobwas: Bool) -> (Bool, Int)? {
        var i = start + 1
        var negate = false
        if i < p.count, p[i] == "^" || (gobwas && p[i] == "!") { negate = true; i += 1 }
        var matched = false
        var first = true
        while i < p.count {
            if p[i] == "]" && !first { return (matched != negate, i + 1) }
            first = false
            var lo = p[i]
            if lo == "\\" { i += 1; guard i < p.count else { return nil }; lo = p[i] }
            i += 1
            var hi = lo
            if i + 1 < p.count, p[i] == "-", p[i + 1] != "]" {
                hi = p[i + 1]
                if hi == "\\" { i += 1; guard i + 1 < p.count else { return nil }; hi = p[i + 1] }
                i += 2
            }
            if lo <= c && c <= hi { matched = true }
        }
        return nil
    }
}
