import Foundation

/// A `pattern` / `patternProperties` regular expression. The library compiles them with Go's
/// `regexp` (RE2 syntax, unanchored search); we use ICU through `NSRegularExpression`, which
/// accepts the RE2 syntax charts use (classes, anchors, `\d`, `{m,n}`, non-greedy, `(?i)`) and
/// also a few things RE2 refuses (lookaround, backreferences) — those Go would reject when
/// compiling, so we reject them too (see `nonRE2`). Two RE2 spellings are translated for ICU
/// (`icuPattern`): `(?P<name>` groups, and `$`, which in Go (without `(?m)`) matches only at
/// the very end while ICU's also matches before a final newline.
struct GoRegex: @unchecked Sendable {
    let source: String
    private let regex: NSRegularExpression

    init(_ source: String) throws {
        if let reason = GoRegex.nonRE2(source) {
            throw JSONSchemaError("invalid regex \(GoText.quote(source)): \(reason) (Go's regexp is RE2)")
        }
        do {
            regex = try NSRegularExpression(pattern: GoRegex.icuPattern(source), options: [])
        } catch {
            throw JSONSchemaError("invalid regex \(GoText.quote(source)): not a valid regular expression")
        }
        self.source = source
    }

    func matches(_ s: String) -> Bool {
        regex.firstMatch(in: s, options: [], range: NSRange(s.startIndex..., in: s)) != nil
    }

    /// The RE2 pattern in ICU's spelling (see the type's comment).
    static func icuPattern(_ s: String) -> String {
        let multiline = s.contains("(?m") || s.range(of: #"\(\?[a-zA-Z]*m"#, options: .regularExpression) != nil
        var out = ""
        var inClass = false
        var chars = Array(s)
        if s.contains("(?P<") { chars = Array(s.replacingOccurrences(of: "(?P<", with: "(?<")) }
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "\\", i + 1 < chars.count {
                out.append(c)
                out.append(chars[i + 1])
                i += 2
                continue
            }
            if inClass {
                if c == "]" { inClass = false }
                // ICU reads '[' inside a class as a nested set; Go as a literal (unless "[:alpha:]")
                if c == "[", !(i + 1 < chars.count && chars[i + 1] == ":") {
                    out += "\\["
                    i += 1
                    continue
                }
                if c == "[" {  // a POSIX class: copy through its closing ":]"
                    while i < chars.count {
                        out.append(chars[i])
                        if chars[i] == "]" && i > 0 && chars[i - 1] == ":" { break }
                        i += 1
                    }
                    i += 1
                    continue
                }
            } else if c == "[" {
                inClass = true
                // a leading ']' (or '^]') is a literal member, as in Go
                out.append(c)
                i += 1
                if i < chars.count, chars[i] == "^" { out.append("^"); i += 1 }
                if i < chars.count, chars[i] == "]" { out.append("\\]"); i += 1 }
                continue
            } else if c == "$" && !multiline {
                out += "\\z"
                i += 1
                continue
            }
            out.append(c)
            i += 1
        }
        return out
    }

    /// Syntax RE2 refuses: lookahead/lookbehind, named groups written `(?<name>` in older Go, and
    /// backreferences `\1`.
    static func nonRE2(_ s: String) -> String? {
        if s.contains("(?=") || s.contains("(?!") { return "lookahead is not supported" }
        if s.contains("(?<=") || s.contains("(?<!") { return "lookbehind is not supported" }
        let scalars = Array(s.unicodeScalars)
        var i = 0
        while i < scalars.count - 1 {
            if scalars[i] == "\\" {
                if ("1"..."9").contains(scalars[i + 1]) { return "backreferences are not supported" }
                i += 2
                continue
            }
            i += 1
        }
        return nil
    }
}
