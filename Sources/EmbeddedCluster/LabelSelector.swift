import Cluster

/// A Kubernetes label selector in its string form: `app=web,tier!=cache,env in (a,b),
/// track notin (canary),release,!legacy` (`==` is a synonym for `=`). Requirements are ANDed.
public struct LabelSelector: Sendable, Hashable, CustomStringConvertible {
    public enum Requirement: Sendable, Hashable {
        case equals(String, String)
        case notEquals(String, String)
        case `in`(String, Set<String>)
        case notIn(String, Set<String>)
        case exists(String)
        case doesNotExist(String)
    }

    public var requirements: [Requirement]
    public let description: String

    /// Parses a selector; a malformed one throws `ClusterError` `.badRequest`, as the API server
    /// answers a list with a bad `labelSelector`.
    public init(_ text: String) throws {
        description = text
        requirements = []
        for term in Self.splitTerms(text) {
            let term = term.trimmingSpaces
            if term.isEmpty { continue }
            requirements.append(try Self.parseRequirement(term))
        }
    }

    /// Whether a set of labels satisfies every requirement.
    public func matches(_ labels: [String: String]) -> Bool {
        requirements.allSatisfy { requirement in
            switch requirement {
            case .equals(let key, let value): return labels[key] == value
            // As in kube, `!=` and `notin` also match objects without the label.
            case .notEquals(let key, let value): return labels[key] != value
            case .in(let key, let values): return labels[key].map(values.contains) ?? false
            case .notIn(let key, let values): return labels[key].map { !values.contains($0) } ?? true
            case .exists(let key): return labels[key] != nil
            case .doesNotExist(let key): return labels[key] == nil
            }
        }
    }

    /// Splits on commas outside parentheses (`a in (x,y),b` is two terms).
    private static func splitTerms(_ text: String) -> [String] {
        var terms: [String] = []
        var current = ""
        var depth = 0
        for character in text {
            switch character {
            case "(": depth += 1
            case ")": depth -= 1
            case "," where depth == 0:
                terms.append(current)
                current = ""
                continue
            default: break
            }
            current.append(character)
        }
        terms.append(current)
        return terms
    }

    private static func parseRequirement(_ term: String) throws -> Requirement {
        if term.hasPrefix("!") {
            let key = String(term.dropFirst()).trimmingSpaces
            try validateKey(key, in: term)
            return .doesNotExist(key)
        }
        if let open = term.firstIndex(of: "(") {
            guard term.hasSuffix(")") else { throw bad(term, "missing ')'") }
            let head = term[..<open].split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            guard head.count == 2, head[1] == "in" || head[1] == "notin" else {
                throw bad(term, "expected '<key> in (…)' or '<key> notin (…)'")
            }
            try validateKey(head[0], in: term)
            let inner = term[term.index(after: open)..<term.index(before: term.endIndex)]
            let values = Set(inner.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingSpaces })
            for value in values { try validateValue(value, in: term) }
            return head[1] == "in" ? .in(head[0], values) : .notIn(head[0], values)
        }
        for (op, make) in [("!=", Requirement.notEquals), ("==", Requirement.equals), ("=", Requirement.equals)] {
            guard let range = term.range(of: op) else { continue }
            let key = String(term[..<range.lowerBound]).trimmingSpaces
            let value = String(term[range.upperBound...]).trimmingSpaces
            try validateKey(key, in: term)
            try validateValue(value, in: term)
            return make(key, value)
        }
        try validateKey(term, in: term)
        return .exists(term)
    }

    private static func bad(_ term: String, _ detail: String) -> ClusterError {
        ClusterError(.badRequest, "unable to parse requirement: \"\(term)\": \(detail)")
    }

    /// A label key: an optional DNS subdomain prefix and `/`, then a name of at most 63
    /// alphanumerics, `-`, `_` or `.`, starting and ending alphanumeric.
    private static func validateKey(_ key: String, in term: String) throws {
        var name = Substring(key)
        if let slash = key.firstIndex(of: "/") {
            let prefix = key[..<slash]
            name = key[key.index(after: slash)...]
            guard !prefix.isEmpty, prefix.count <= 253,
                prefix.allSatisfy({ $0.isLowercaseAlphanumeric || $0 == "-" || $0 == "." })
            else { throw bad(term, "invalid label key prefix \"\(prefix)\"") }
        }
        guard !name.isEmpty, name.count <= 63, isLabelToken(name) else {
            throw bad(term, "invalid label key \"\(key)\": a valid label key must be 63 characters or less, consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character")
        }
    }

    private static func validateValue(_ value: String, in term: String) throws {
        guard value.isEmpty || (value.count <= 63 && isLabelToken(Substring(value))) else {
            throw bad(term, "invalid label value \"\(value)\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character")
        }
    }

    private static func isLabelToken(_ s: Substring) -> Bool {
        guard let first = s.first, let last = s.last, first.isASCIIAlphanumeric, last.isASCIIAlphanumeric else {
            return false
        }
        return s.allSatisfy { $0.isASCIIAlphanumeric || $0 == "-" || $0 == "_" || $0 == "." }
    }
}

extension Character {
    var isASCIIAlphanumeric: Bool { isASCII && (isLetter || isNumber) }
    var isLowercaseAlphanumeric: Bool { isASCII && (isLowercase || isNumber) }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " || s.first == "\t" { s = s.dropFirst() }
        while s.last == " " || s.last == "\t" { s = s.dropLast() }
        return String(s)
    }
}
