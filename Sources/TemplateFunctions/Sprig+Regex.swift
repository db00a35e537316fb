import Foundation
import GoTemplate

extension TemplateFunctions {
    /// Sprig's regular expressions (regex.go) over Go's `regexp`. Patterns run on ICU with
    /// RE2's syntax translated where the two differ (`(?P<name>…)`); replacements expand Go's
    /// `$1`, `${1}`, `$name`, `$$` here, since ICU's template syntax is not Go's.
    static func addRegex(to table: inout FunctionTable) {
        for prefix in ["", "must"] {
            let must = !prefix.isEmpty
            func name(_ base: String) -> String { must ? "must" + base.prefix(1).uppercased() + base.dropFirst() : base }
            table.add(name("regexMatch")) { a in
                try a.expect(2)
                // Sprig's regexMatch drops regexp.MatchString's error: a bad pattern matches nothing.
                let regex: GoRegex
                do { regex = try GoRegex(try a.string(0)) } catch { if must { throw error } else { return .bool(false) } }
                return .bool(regex.matches(in: try a.string(1), limit: 1).count > 0)
            }
            // The other functions without `must` compile with regexp.MustCompile, whose panic
            // the template reports as `regexp: Compile(`P`): MESSAGE`.
            @Sendable func compile(_ pattern: String) throws -> GoRegex {
                do { return try GoRegex(pattern) } catch {
                    if must { throw error }
                    throw FunctionError("regexp: Compile(\(GoRegex.backquoted(pattern))): \(error.message)")
                }
            }
            table.add(name("regexFind")) { a in
                try a.expect(2)
                let regex = try compile(try a.string(0)), s = try a.string(1)
                return .string(regex.matches(in: s, limit: 1).first.map { regex.text(s, $0.range) } ?? "")
            }
            table.add(name("regexFindAll")) { a in
                try a.expect(3)
                let regex = try compile(try a.string(0)), s = try a.string(1)
                return .strings(regex.matches(in: s, limit: try a.int(2)).map { regex.text(s, $0.range) })
            }
            table.add(name("regexReplaceAll")) { a in
                try a.expect(3)
                return .string(try compile(try a.string(0)).replace(try a.string(1), template: try a.string(2), literal: false))
            }
            table.add(name("regexReplaceAllLiteral")) { a in
                try a.expect(3)
                return .string(try compile(try a.string(0)).replace(try a.string(1), template: try a.string(2), literal: true))
            }
            table.add(name("regexSplit")) { a in
                try a.expect(3)
                return .strings(try compile(try a.string(0)).split(try a.string(1), limit: try a.int(2)))
            }
        }
        table.add("regexQuoteMeta") { a in
            try a.expect(1)
            var out = ""
            for c in try a.string(0).unicodeScalars {
                if "\\.+*?()|[]{}^$".unicodeScalars.contains(c) { out += "\\" }
                out.unicodeScalars.append(c)
            }
            return .string(out)
        }
    }
}

/// A compiled Go regular expression.
struct GoRegex {
    let expression: NSRegularExpression
    let pattern: String
    /// Names of the pattern's named groups (ICU raises on an unknown name).
    let groupNames: Set<String>

    init(_ pattern: String) throws(FunctionError) {
        self.pattern = pattern
        // RE2 spells named groups `(?P<name>…)`; ICU wants `(?<name>…)`.
        // RE2's one-letter classes `\pL` are `\p{L}` to ICU.
        let translated = Self.bracedOneLetterClasses(pattern.replacingOccurrences(of: "(?P<", with: "(?<"))
        var names = Set<String>()
        for part in translated.components(separatedBy: "(?<").dropFirst() {
            if let close = part.firstIndex(of: ">") { names.insert(String(part[..<close])) }
        }
        groupNames = names
        if let message = GoRegexSyntax.error(pattern) { throw FunctionError(message) }
        do {
            // ICU rejects the empty pattern, which RE2 matches everywhere.
            expression = try NSRegularExpression(pattern: translated.isEmpty ? "(?:)" : translated)
        } catch {
            throw FunctionError("error parsing regexp: invalid expression: `\(pattern)`")
        }
    }

    static func bracedOneLetterClasses(_ pattern: String) -> String {
        guard pattern.contains("\\p") || pattern.contains("\\P") else { return pattern }
        var out = String.UnicodeScalarView()
        var scalars = Array(pattern.unicodeScalars)[...]
        while let c = scalars.popFirst() {
            out.append(c)
            guard c == "\\", let next = scalars.popFirst() else { continue }
            out.append(next)
            if next == "p" || next == "P", let letter = scalars.first, letter != "{" {
                scalars.removeFirst()
                out.append(contentsOf: "{\(letter)}".unicodeScalars)
            }
        }
        return String(out)
    }

    /// Go's `regexp.quote`: the pattern in back quotes when strconv.CanBackquote allows, else quoted.
    static func backquoted(_ pattern: String) -> String {
        let canBackquote = !pattern.unicodeScalars.contains { $0 == "`" || $0 == "\u{FEFF}" || ($0.value < 0x20 && $0 != "\t") || $0.value == 0x7F }
        return canBackquote ? "`" + pattern + "`" : GoFormat.sprintf("%q", [.string(pattern)])
    }

    /// Successive non-overlapping matches, dropping an empty match that abuts the previous one
    /// (Go's `FindAll` rule); `limit` < 0 means all.
    func matches(in s: String, limit: Int) -> [NSTextCheckingResult] {
        guard limit != 0 else { return [] }
        let ns = s as NSString
        var out: [NSTextCheckingResult] = []
        var previousEnd = -1
        for match in expression.matches(in: s, range: NSRange(location: 0, length: ns.length)) {
            if match.range.length == 0, match.range.location == previousEnd { continue }
            out.append(match)
            previousEnd = match.range.location + match.range.length
            if limit > 0, out.count == limit { break }
        }
        return out
    }

    func text(_ s: String, _ range: NSRange) -> String {
        guard range.location != NSNotFound else { return "" }
        return (s as NSString).substring(with: range)
    }

    /// `ReplaceAllString` / `ReplaceAllLiteralString`.
    func replace(_ s: String, template: String, literal: Bool) -> String {
        let ns = s as NSString
        var out = ""
        var last = 0
        for match in matches(in: s, limit: -1) {
            out += ns.substring(with: NSRange(location: last, length: match.range.location - last))
            out += literal ? template : expand(template, match, s)
            last = match.range.location + match.range.length
        }
        out += ns.substring(from: last)
        return out
    }

    /// Go's `Regexp.Expand`: `$name` takes the longest run of letters, digits and `_`; a name
    /// that is not a group expands to nothing.
    private func expand(_ template: String, _ match: NSTextCheckingResult, _ s: String) -> String {
        var out = ""
        var chars = Array(template.unicodeScalars)[...]
        func isNameChar(_ c: Unicode.Scalar) -> Bool { c == "_" || c.properties.isAlphabetic || c.properties.numericType == .decimal }
        while let c = chars.popFirst() {
            guard c == "$", let next = chars.first else { out.unicodeScalars.append(c); continue }
            if next == "$" { chars.removeFirst(); out += "$"; continue }
            var name = ""
            if next == "{" {
                guard let close = chars.firstIndex(of: "}") else { out += "$"; continue }
                name = String(String.UnicodeScalarView(chars[(chars.startIndex + 1)..<close]))
                guard !name.isEmpty, name.unicodeScalars.allSatisfy(isNameChar) else { out += "$"; continue }
                chars = chars[(close + 1)...]
            } else {
                while let n = chars.first, isNameChar(n) { name.unicodeScalars.append(n); chars.removeFirst() }
                guard !name.isEmpty else { out += "$"; continue }
            }
            if let number = Int(name) {
                if number < match.numberOfRanges { out += text(s, match.range(at: number)) }
            } else if groupNames.contains(name) {
                out += text(s, match.range(withName: name))
            }
        }
        return out
    }

    /// `Regexp.Split`.
    func split(_ s: String, limit: Int) -> [String] {
        if limit == 0 { return [] }
        if !pattern.isEmpty && s.isEmpty { return [""] }
        let ns = s as NSString
        var parts: [String] = []
        var begin = 0, end = 0
        for match in matches(in: s, limit: limit) {
            if limit > 0, parts.count == limit - 1 { break }
            end = match.range.location
            if match.range.location + match.range.length != 0 {
                parts.append(ns.substring(with: NSRange(location: begin, length: end - begin)))
            }
            begin = match.range.location + match.range.length
        }
        if end != ns.length { parts.append(ns.substring(from: begin)) }
        return parts
    }
}
