/// `.helmignore` rules (Helm's `pkg/ignore`): one shell glob per line, `#` comments, `!` negates,
/// a trailing `/` matches directories only, a leading `/` or an inner `/` matches the whole
/// relative path, otherwise the base name. `**` is refused, as Helm refuses it.
import Foundation

struct HelmIgnore {
    private struct Pattern {
        var glob: [Unicode.Scalar]
        var negate: Bool
        var mustDirectory: Bool
        var wholePath: Bool
    }

    private var patterns: [Pattern] = []

    init() {}

    init(_ text: String) throws {
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            try add(String(line))
        }
    }

    /// Helm's `AddDefaults`: hidden files under templates/ are never templates.
    mutating func addDefaults() {
        try? add("templates/.?*")
    }

    mutating func add(_ raw: String) throws {
        var rule = raw.trimmingCharacters(in: .whitespaces)
        if rule.hasPrefix("\u{FEFF}") { rule.removeFirst() }
        if rule.isEmpty || rule.hasPrefix("#") { return }
        if rule.contains("**") { throw HelmError("double-star (**) syntax is not supported") }
        var p = Pattern(glob: [], negate: false, mustDirectory: false, wholePath: false)
        if rule.hasPrefix("!") { p.negate = true; rule.removeFirst() }
        if rule.hasSuffix("/") { p.mustDirectory = true; rule.removeLast() }
        if rule.hasPrefix("/") { rule.removeFirst(); p.wholePath = true } else if rule.contains("/") { p.wholePath = true }
        p.glob = Array(rule.unicodeScalars)
        patterns.append(p)
    }

    /// Helm's `Rules.Ignore` (a negated rule that does not match ignores the path, as Helm's does).
    func ignores(_ path: String, isDirectory: Bool) -> Bool {
        if path.isEmpty || path == "." || path == "./" { return false }
        let full = Array(path.unicodeScalars)
        let base = full.lastIndex(of: "/").map { Array(full[($0 + 1)...]) } ?? full
        for p in patterns {
            let subject = p.wholePath ? full : base
            if p.negate {
                if p.mustDirectory && !isDirectory { return true }
                if !GoGlob.filepathMatch(p.glob, subject) { return true }
                continue
            }
            if p.mustDirectory && !isDirectory { continue }
            if GoGlob.filepathMatch(p.glob, subject) { return true }
        }
        return false
    }
}
