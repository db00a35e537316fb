import Foundation

/// A version as `github.com/Masterminds/semver/v3`'s `NewVersion` reads it: an optional `v`,
/// one to three numeric parts (missing ones are 0), a pre-release and build metadata.
struct SemverVersion {
    var major: UInt64, minor: UInt64, patch: UInt64
    var prerelease: String
    var metadata: String
    var original: String

    init?(_ text: String) {
        var s = Substring(text)
        if s.first == "v" { s = s.dropFirst() }
        var build = Substring(""), pre = Substring("")
        var hasBuild = false, hasPre = false
        if let plus = s.firstIndex(of: "+") { build = s[s.index(after: plus)...]; s = s[..<plus]; hasBuild = true }
        if let dash = s.firstIndex(of: "-") { pre = s[s.index(after: dash)...]; s = s[..<dash]; hasPre = true }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count) else { return nil }
        var numbers: [UInt64] = []
        for part in parts {
            guard !part.isEmpty, part.allSatisfy({ $0.isASCII && $0.isNumber }), let n = UInt64(part) else { return nil }
            numbers.append(n)
        }
        func identifiersValid(_ s: Substring) -> Bool {
            s.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { id in
                !id.isEmpty && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
            }
        }
        if hasPre { guard identifiersValid(pre) else { return nil } }
        if hasBuild { guard identifiersValid(build) else { return nil } }
        major = numbers[0]
        minor = numbers.count > 1 ? numbers[1] : 0
        patch = numbers.count > 2 ? numbers[2] : 0
        prerelease = String(pre)
        metadata = String(build)
        original = text
    }

    /// SemVer 2.0 precedence; build metadata ignored.
    static func compare(_ a: SemverVersion, _ b: SemverVersion) -> Int {
        for (x, y) in [(a.major, b.major), (a.minor, b.minor), (a.patch, b.patch)] where x != y {
            return x < y ? -1 : 1
        }
        if a.prerelease == b.prerelease { return 0 }
        if a.prerelease.isEmpty { return 1 }
        if b.prerelease.isEmpty { return -1 }
        let p = a.prerelease.split(separator: "."), q = b.prerelease.split(separator: ".")
        for (x, y) in zip(p, q) where x != y {
            switch (UInt64(x), UInt64(y)) {
            case let (m?, n?): return m < n ? -1 : 1
            case (_?, nil): return -1
            case (nil, _?): return 1
            default: return x < y ? -1 : 1
            }
        }
        return p.count == q.count ? 0 : (p.count < q.count ? -1 : 1)
    }
}

/// A constraint set as Masterminds/semver v3 parses it: `||`-separated groups of
/// space- or comma-separated terms (`>=1.19-0`, `~1.2`, `^0.3`, `1.2.x`, `1.2 - 1.4`).
struct SemverConstraint {
    private struct Term {
        var op: String
        var version: SemverVersion
        /// How many leading parts were given as numbers (a wildcard `x`/`*` stops the count).
        var fixedParts: Int
    }

    private let groups: [[Term]]

    init?(_ text: String) {
        var groups: [[Term]] = []
        for group in text.components(separatedBy: "||") {
            var tokens = group.replacingCommasAndHyphenRanges()
            var terms: [Term] = []
            while !tokens.isEmpty {
                let token = tokens.removeFirst()
                guard let term = SemverConstraint.term(token) else { return nil }
                terms += term
            }
            guard !terms.isEmpty else { return nil }
            groups.append(terms)
        }
        self.groups = groups
    }

    private static let operators = [">=", "=>", "<=", "=<", "!=", "~>", ">", "<", "=", "~", "^"]

    private static func term(_ token: String) -> [Term]? {
        if token.hasPrefix("RANGE:") {
            let bounds = token.dropFirst(6).split(separator: " ")
            guard bounds.count == 2, let low = term(">=" + bounds[0]), let high = term("<=" + bounds[1]) else { return nil }
            return low + high
        }
        var op = ""
        var rest = Substring(token)
        for candidate in operators where rest.hasPrefix(candidate) {
            op = candidate
            rest = rest.dropFirst(candidate.count)
            break
        }
        rest = rest.drop(while: { $0 == " " })
        if rest.first == "v" { rest = rest.dropFirst() }
        var core = rest, suffix = Substring("")
        if let cut = rest.firstIndex(where: { $0 == "-" || $0 == "+" }) { core = rest[..<cut]; suffix = rest[cut...] }
        var parts = core.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard (1...3).contains(parts.count) else { return nil }
        var fixed = 0
        for part in parts {
            if ["x", "X", "*"].contains(part) { break }
            fixed += 1
        }
        for index in parts.indices where index >= fixed { parts[index] = "0" }
        guard let version = SemverVersion(parts.joined(separator: ".") + suffix) else { return nil }
        let given = parts.count
        return [Term(op: op, version: version, fixedParts: min(fixed, given))]
    }

    /// True when some group has every term satisfied.
    func check(_ v: SemverVersion) -> Bool {
        groups.contains { $0.allSatisfy { SemverConstraint.satisfies(v, $0) } }
    }

    private static func satisfies(_ v: SemverVersion, _ t: Term) -> Bool {
        let c = t.version
        // A pre-release version only satisfies terms that themselves name a pre-release.
        if !v.prerelease.isEmpty, c.prerelease.isEmpty { return false }
        let cmp = SemverVersion.compare(v, c)
        let wildcard = t.fixedParts < 3
        switch t.op {
        case "", "=":
            if !wildcard { return cmp == 0 }
            return prefixEqual(v, c, t.fixedParts)
        case "!=":
            if !wildcard { return cmp != 0 }
            return !prefixEqual(v, c, t.fixedParts)
        case ">":
            if !wildcard { return cmp > 0 }
            if t.fixedParts == 0 { return false }
            if t.fixedParts == 1 { return v.major > c.major }
            return v.major > c.major || v.major == c.major && v.minor > c.minor
        case "<": return cmp < 0
        case ">=", "=>": return cmp >= 0
        case "<=", "=<":
            if !wildcard { return cmp <= 0 }
            if t.fixedParts == 0 { return true }
            if t.fixedParts == 1 { return v.major <= c.major }
            return v.major < c.major || v.major == c.major && v.minor <= c.minor
        case "~", "~>":
            guard cmp >= 0, v.major == c.major else { return false }
            return t.fixedParts == 1 || v.minor == c.minor
        case "^":
            guard cmp >= 0 else { return false }
            if c.major > 0 || t.fixedParts == 1 { return v.major == c.major }
            if c.minor > 0 || t.fixedParts == 2 { return v.major == 0 && v.minor == c.minor }
            return v.major == 0 && v.minor == 0 && v.patch == c.patch
        default:
            return false
        }
    }

    private static func prefixEqual(_ v: SemverVersion, _ c: SemverVersion, _ parts: Int) -> Bool {
        if parts >= 1, v.major != c.major { return false }
        if parts >= 2, v.minor != c.minor { return false }
        return true
    }
}

private extension String {
    /// Splits a constraint group into terms: commas and spaces separate terms, an operator
    /// followed by a space binds to the next word, and `a - b` becomes one hyphen range.
    func replacingCommasAndHyphenRanges() -> [String] {
        let words = self.replacingOccurrences(of: ",", with: " ").split(separator: " ").map(String.init)
        var out: [String] = []
        var index = 0
        while index < words.count {
            let word = words[index]
            if index + 2 < words.count, words[index + 1] == "-" {
                out.append("RANGE:\(word) \(words[index + 2])")
                index += 3
                continue
            }
            if ["=", "!=", ">", "<", ">=", "=>", "<=", "=<", "~", "~>", "^"].contains(word), index + 1 < words.count {
                out.append(word + words[index + 1])
                index += 2
                continue
            }
            out.append(word)
            index += 1
        }
        return out
    }
}
