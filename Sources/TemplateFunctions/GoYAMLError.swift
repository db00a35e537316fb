import Foundation
import GitOpsAPI
import YAML

/// go-yaml v2's wording of a libyaml error (`parser.fail` in yaml.go): `yaml: line N: PROBLEM`,
/// where N is the problem's 0-based line for a parser error (1-based for a scanner error, which
/// libyaml reports before advancing), else the context's 0-based line, and no `line N: ` when
/// that is 0. The context libyaml adds (`while parsing a flow node`) is not printed.
public enum GoYAMLError {
    public static func message(_ error: Error) -> String {
        guard let e = error as? YAMLError else { return "yaml: \(error)" }
        var problem = e.message
        // Reader errors (bad bytes) carry an offset, not a mark: go-yaml prints no line, and not
        // the byte (YAMLReader's ` (#x7F)`).
        if let reader = readerProblems.first(where: { problem.hasPrefix($0) }) { return "yaml: \(reader)" }
        var contextLine0: Int?
        var scanner = false
        // YAMLReader appends ` (CONTEXT at line L, column C)`.
        if problem.hasSuffix(")"), let open = problem.range(of: " (while ", options: .backwards) {
            let inner = problem[problem.index(open.lowerBound, offsetBy: 2)..<problem.index(before: problem.endIndex)]
            scanner = inner.hasPrefix("while scanning")
            if let at = inner.range(of: " at line ", options: .backwards),
               let comma = inner[at.upperBound...].firstIndex(of: ","),
               let line = Int(inner[at.upperBound..<comma]) {
                contextLine0 = line - 1
            }
            problem = String(problem[..<open.lowerBound])
        }
        if contextFreeScannerProblems.contains(problem) { scanner = true }
        // Errors go-yaml's decoder raises itself carry no line.
        if problem.hasPrefix("unknown anchor") { return "yaml: \(problem)" }
        // parser.fail: the problem's 0-based line when not 0 (+1 for a scanner error), else the
        // context's 0-based line, else none.
        var line = 0
        if e.line - 1 != 0 {
            line = scanner ? e.line : e.line - 1
        } else if let contextLine0, contextLine0 != 0 {
            line = contextLine0
        }
        return line != 0 ? "yaml: line \(line): \(problem)" : "yaml: \(problem)"
    }

    /// libyaml's reader problems.
    static let readerProblems = [
        "control characters are not allowed", "invalid leading UTF-8 octet", "invalid trailing UTF-8 octet",
        "incomplete UTF-8 octet sequence", "invalid Unicode character", "input is too long",
    ]

    /// Scanner errors libyaml raises without a `while scanning` context.
    static let contextFreeScannerProblems: Set<String> = [
        "mapping values are not allowed in this context",
        "block sequence entries are not allowed in this context",
        "mapping keys are not allowed in this context",
    ]

    /// encoding/json's refusal in sigs.k8s.io/yaml's YAML → JSON step: Go's text for the first
    /// NaN or ±Inf in `value` (`+Inf`, `-Inf`, `NaN`; depth first, map keys in order), if any.
    public static func firstNonFinite(_ value: JSONValue) -> String? {
        switch value {
        case .double(let d) where !d.isFinite: return d.isNaN ? "NaN" : (d > 0 ? "+Inf" : "-Inf")
        case .array(let items): return items.lazy.compactMap(firstNonFinite).first
        case .object(let object): return object.keys.sorted().lazy.compactMap { firstNonFinite(object[$0]!) }.first
        default: return nil
        }
    }
}
