/// One gitignore line, scoped to the directory (`domain`) of the file it came from.
///
/// A pattern without an inner `/` matches any single path component (so `*.png` or `build/`
/// match at every depth, and excluding a directory excludes everything below it). A pattern
/// with a `/` is anchored at its domain and matched component by component, `**` standing
/// for any number of directories.
struct IgnorePattern: Sendable, Hashable {
    enum Result { case exclude, include, none }

    let domain: [String]
    let components: [String]
    let negated: Bool
    let directoryOnly: Bool
    let anchored: Bool

    init(_ line: String, domain: [String]) {
        var text = Substring(line)
        negated = text.hasPrefix("!")
        if negated { text = text.dropFirst() }
        // Trailing spaces are dropped unless escaped ("\ ").
        if !text.hasSuffix("\\ ") {
            while text.last == " " { text = text.dropLast() }
        }
        directoryOnly = text.hasSuffix("/")
        if directoryOnly { text = text.dropLast() }
        anchored = text.contains("/")
        components = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        self.domain = domain
    }

    func match(_ path: [String], isDirectory: Bool) -> Result {
        guard path.count > domain.count, Array(path.prefix(domain.count)) == domain else { return .none }
        let relative = Array(path.dropFirst(domain.count))
        let hit = anchored ? matchAnchored(relative, isDirectory: isDirectory) : matchAnyComponent(relative, isDirectory: isDirectory)
        guard hit else { return .none }
        return negated ? .include : .exclude
    }

    /// Unanchored: any component may match; a directory-only pattern may not match the last
    /// component of a file path.
    private func matchAnyComponent(_ path: [String], isDirectory: Bool) -> Bool {
        guard let pattern = components.first else { return false }
        for (index, name) in path.enumerated() where Glob.matches(pattern, name) {
            if directoryOnly && !isDirectory && index == path.count - 1 { return false }
            return true
        }
        return false
    }

    /// Anchored: pattern components consume path components from the start; the path may go
    /// on below the last one (a matched directory covers its contents).
    private func matchAnchored(_ path: [String], isDirectory: Bool) -> Bool {
        var rest = path[...]
        var matched = false
        var mayTraverse = false
        for (index, pattern) in components.enumerated() {
            if pattern.isEmpty { continue } // the leading "/" of "/x"
            if pattern == "**" {
                if index == components.count - 1 { break } // "dir/**": everything below dir
                mayTraverse = true
                continue
            }
            if pattern.contains("**") { return false }
            guard !rest.isEmpty else { return false }
            if mayTraverse {
                // "**/name": skip any number of directories until one matches.
                mayTraverse = false
                matched = false
                while let name = rest.popFirst() {
                    if Glob.matches(pattern, name) { matched = true; break }
                }
                if !matched { return false }
            } else {
                guard Glob.matches(pattern, rest.removeFirst()) else { return false }
                matched = true
            }
        }
        if matched && directoryOnly && !isDirectory && rest.isEmpty { return false }
        return matched
    }
}

/// Shell-style matching of one path component: `*`, `?`, `[abc]`, `[a-z]`, `[!x]`, `\` escapes.
/// `*` never crosses a `/`, which cannot occur inside a component anyway.
enum Glob {
    static func matches(_ pattern: String, _ name: String) -> Bool {
        matches(Array(pattern), 0, Array(name), 0)
    }

    private static func matches(_ p: [Character], _ pi: Int, _ s: [Character], _ si: Int) -> Bool {
        var pi = pi, si = si
        while pi < p.count {
            switch p[pi] {
            case "*":
                while pi < p.count && p[pi] == "*" { pi += 1 }
                if pi == p.count { return true }
                for start in si...s.count where matches(p, pi, s, start) { return true }
                return false
            case "?":
                guard si < s.count else { return false }
                pi += 1; si += 1
            case "[":
                guard si < s.count, let (hit, next) = characterClass(p, pi, s[si]) else {
                    // An unterminated "[" is a literal.
                    guard si < s.count, s[si] == "[" else { return false }
                    pi += 1; si += 1
                    continue
                }
                guard hit else { return false }
                pi = next; si += 1
            case "\\" where pi + 1 < p.count:
                guard si < s.count, s[si] == p[pi + 1] else { return false }
                pi += 2; si += 1
            default:
                guard si < s.count, s[si] == p[pi] else { return false }
                pi += 1; si += 1
            }
        }
        return si == s.count
    }

    /// Evaluates `[...]` at `start`; nil if there is no closing `]`.
    private static func characterClass(_ p: [Character], _ start: Int, _ c: Character) -> (Bool, Int)? {
        var i = start + 1
        var negate = false
        if i < p.count && (p[i] == "!" || p[i] == "^") { negate = true; i += 1 }
        var hit = false
        var first = true
        while i < p.count {
            if p[i] == "]" && !first { return (hit != negate, i + 1) }
            first = false
            var low = p[i]
            if low == "\\" && i + 1 < p.count { i += 1; low = p[i] }
            if i + 2 < p.count && p[i + 1] == "-" && p[i + 2] != "]" {
                if low <= c && c <= p[i + 2] { hit = true }
                i += 3
            } else {
                if low == c { hit = true }
                i += 1
            }
        }
        return nil
    }
}
