import GitOpsAPI
import YAML

/// Flux's `postBuild.substitute`: `${var}`, `${var:=default}` and `${var:-default}` in string
/// values are replaced (undefined variables become empty, as Flux does without strict mode);
/// `$${var}` escapes. Objects annotated `kustomize.toolkit.fluxcd.io/substitute: disabled` are
/// left alone. A value that was only a variable is re-read as YAML, so `replicas: ${n}` becomes a
/// number, as it does when Flux substitutes the YAML text.
public enum Substitution {
    public static func apply(_ vars: [String: String], to objects: inout [KubeObject]) throws {
        guard !vars.isEmpty else { return }
        for i in objects.indices where objects[i].annotations["kustomize.toolkit.fluxcd.io/substitute"] != "disabled" {
            objects[i].body = try substitute(objects[i].body, vars)
        }
    }

    static func substitute(_ value: JSONValue, _ vars: [String: String]) throws -> JSONValue {
        switch value {
        case .string(let s) where s.contains("${"):
            let replaced = try expand(s, vars)
            if s.hasPrefix("${") && s.hasSuffix("}") && !s.dropFirst(2).contains("${") {
                return (try? KYAML.parse(replaced)).flatMap { v -> JSONValue? in
                    if case .object = v { return nil }
                    if case .array = v { return nil }
                    return v
                } ?? .string(replaced)
            }
            return .string(replaced)
        case .array(let a): return .array(try a.map { try substitute($0, vars) })
        case .object(let o):
            var out = JSONObject()
            for (k, v) in o { out[k] = try substitute(v, vars) }
            return .object(out)
        default: return value
        }
    }

    static func expand(_ s: String, _ vars: [String: String]) throws -> String {
        var out = ""
        var i = s.startIndex
        while i < s.endIndex {
            if s[i...].hasPrefix("$${") {
                out += "${"
                i = s.index(i, offsetBy: 3)
                continue
            }
            if s[i...].hasPrefix("${"), let close = s[i...].firstIndex(of: "}") {
                let inner = String(s[s.index(i, offsetBy: 2)..<close])
                out += try resolve(inner, vars)
                i = s.index(after: close)
                continue
            }
            out.append(s[i])
            i = s.index(after: i)
        }
        return out
    }

    static func resolve(_ expression: String, _ vars: [String: String]) throws -> String {
        for op in [":=", ":-", "=", "-"] {
            if let r = expression.range(of: op) {
                let name = String(expression[..<r.lowerBound])
                let fallback = String(expression[r.upperBound...])
                try validate(name)
                if let v = vars[name], !(op.hasPrefix(":") && v.isEmpty) { return v }
                return fallback
            }
        }
        try validate(expression)
        return vars[expression] ?? ""
    }

    static func validate(_ name: String) throws {
        guard let first = name.first, first == "_" || first.isLetter,
              name.allSatisfy({ $0 == "_" || $0.isLetter || $0.isNumber }) else {
            throw BuildError.invalid(file: "postBuild.substitute", message: "invalid variable name \"\(name)\": must match ^[_[:alpha:]][_[:alpha:][:digit:]]*$")
        }
    }
}
