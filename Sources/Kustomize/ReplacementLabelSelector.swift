import Foundation

/// Kubernetes label-selector strings (`labels.Parse`), as replacement targets use them for
/// `labelSelector` and `annotationSelector`: comma-separated requirements `k=v`, `k==v`,
/// `k!=v`, `k`, `!k`, `k in (a,b)`, `k notin (a,b)`; all must hold. Empty selects everything.
enum ReplacementLabelSelector {
    static func matches(_ selector: String, _ labels: [String: String]) throws -> Bool {
        let trimmed = selector.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return true }
        for requirement in splitRequirements(trimmed) {
            let r = requirement.trimmingCharacters(in: .whitespaces)
            if let m = setRequirement(r) {
                let has = labels[m.key].map { m.values.contains($0) } ?? false
                if m.negated ? (has) : !has { return false }
            } else if let range = r.range(of: "!=") {
                let key = r[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
                let value = r[range.upperBound...].trimmingCharacters(in: .whitespaces)
                if labels[key] == value { return false }
            } else if let range = r.range(of: "==") ?? r.range(of: "=") {
                let key = r[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
                let value = r[range.upperBound...].trimmingCharacters(in: .whitespaces)
                if labels[key] != value { return false }
            } else if r.hasPrefix("!") {
                if labels[String(r.dropFirst()).trimmingCharacters(in: .whitespaces)] != nil { return false }
            } else {
                if labels[r] == nil { return false }
            }
        }
        return true
    }

    /// Splits on commas outside parentheses.
    static func splitRequirements(_ s: String) -> [String] {
        var out: [String] = []
        var current = ""
        var depth = 0
        for c in s {
            if c == "(" { depth += 1 } else if c == ")" { depth -= 1 }
            if c == ",", depth == 0 { out.append(current); current = "" } else { current.append(c) }
        }
        out.append(current)
        return out
    }

    static func setRequirement(_ r: String) -> (key: String, values: Set<String>, negated: Bool)? {
        for (op, negated) in [(" notin ", true), (" in ", false)] {
            guard let range = r.range(of: op), r.hasSuffix(")"), let open = r.firstIndex(of: "(") else { continue }
            let key = r[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
            let values = r[r.index(after: open)..<r.index(before: r.endIndex)].split(separator: ",")
                .map { $0.trimmingCharacters(in: .whitespaces) }
            return (key, Set(values), negated)
        }
        return nil
    }
}
