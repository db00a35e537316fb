import GitOpsAPI
import YAML

/// Flux's `postBuild.substitute`: `${var}` and the operators of drone/envsubst (see `resolve`)
/// in string values are replaced (undefined variables become empty, as Flux does without strict mode);
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

    /// Expands every `${…}` in one string.
    public static func expand(_ s: String, _ vars: [String: String]) throws -> String {
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

    /// One `${…}` expression, with the operators of drone/envsubst, which Flux uses: `${#v}`
    /// (length), `${v:-d}`/`${v-d}`/`${v:=d}`/`${v=d}` (default when unset, or also when empty
    /// with `:`), `${v:+a}`/`${v+a}` (alternative when set), `${v:?msg}`/`${v?msg}` (required),
    /// `${v^}`/`${v^^}`/`${v,}`/`${v,,}` (case), `${v:pos}`/`${v:pos:len}` (substring),
    /// `${v#p}`/`${v##p}`/`${v%p}`/`${v%%p}` (remove a glob prefix/suffix), `${v/p/r}`/`${v//p/r}`
    /// (replace).
    static func resolve(_ expression: String, _ vars: [String: String]) throws -> String {
        if expression.hasPrefix("#"), expression.count > 1 {
            let name = String(expression.dropFirst())
            try validate(name)
            return String(vars[name]?.count ?? 0)
        }
        let name = String(expression.prefix { $0 == "_" || $0.isLetter || $0.isNumber })
        try validate(name)
        let op = expression.dropFirst(name.count)
        let value = vars[name]
        let unsetOrEmpty = value == nil || value!.isEmpty
        guard let first = op.first else { return value ?? "" }
        func arg(_ n: Int) -> String { String(op.dropFirst(n)) }
        switch first {
        case ":":
            let rest = op.dropFirst()
            switch rest.first {
            case "-", "=": return unsetOrEmpty ? arg(2) : value!
            case "+": return unsetOrEmpty ? "" : arg(2)
            case "?":
                guard !unsetOrEmpty else { throw required(name, arg(2)) }
                return value!
            default:
                // ${v:pos} and ${v:pos:len}
                let parts = rest.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
                let chars = Array(value ?? "")
                guard let rawPos = Int(parts[0].trimmingCharacters(in: .whitespaces)) else {
                    throw BuildError.invalid(file: "postBuild.substitute", message: "bad substring expression ${\(expression)}")
                }
                let pos = rawPos < 0 ? max(0, chars.count + rawPos) : min(rawPos, chars.count)
                var end = chars.count
                if parts.count == 2, let len = Int(parts[1].trimmingCharacters(in: .whitespaces)) { end = min(chars.count, pos + max(0, len)) }
                return String(chars[pos..<max(pos, end)])
            }
        case "-", "=": return value == nil ? arg(1) : value!
        case "+": return value == nil ? "" : arg(1)
        case "?":
            guard let value else { throw required(name, arg(1)) }
            return value
        case "^": return op.hasPrefix("^^") ? (value ?? "").uppercased() : capitalizeFirst(value ?? "", upper: true)
        case ",": return op.hasPrefix(",,") ? (value ?? "").lowercased() : capitalizeFirst(value ?? "", upper: false)
        case "#":
            let longest = op.hasPrefix("##")
            return removePrefix(value ?? "", pattern: arg(longest ? 2 : 1), longest: longest)
        case "%":
            let longest = op.hasPrefix("%%")
            return removeSuffix(value ?? "", pattern: arg(longest ? 2 : 1), longest: longest)
        case "/":
            let all = op.hasPrefix("//")
            let body = arg(all ? 2 : 1)
            let parts = body.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            let pattern = parts[0], replacement = parts.count > 1 ? parts[1] : ""
            guard !pattern.isEmpty else { return value ?? "" }
            if all { return (value ?? "").replacingOccurrences(of: pattern, with: replacement) }
            guard let r = (value ?? "").range(of: pattern) else { return value ?? "" }
            return (value ?? "").replacingCharacters(in: r, with: replacement)
        default:
            throw BuildError.invalid(file: "postBuild.substitute", message: "unsupported operator in ${\(expression)}")
        }
    }

    static func required(_ name: String, _ message: String) -> BuildError {
        BuildError.invalid(file: "postBuild.substitute", message: "variable \(name) is required: \(message.isEmpty ? "parameter null or not set" : message)")
    }

    static func capitalizeFirst(_ s: String, upper: Bool) -> String {
        guard let first = s.first else { return s }
        return (upper ? String(first).uppercased() : String(first).lowercased()) + s.dropFirst()
    }

    /// Shell glob match (`*`, `?`), for `#` and `%`.
    static func glob(_ pattern: Substring, _ text: Substring) -> Bool {
        guard let p = pattern.first else { return text.isEmpty }
        if p == "*" {
            var rest = text
            while true {
                if glob(pattern.dropFirst(), rest) { return true }
                if rest.isEmpty { return false }
                rest = rest.dropFirst()
            }
        }
        guard let t = text.first, p == "?" || p == t else { return false }
        return glob(pattern.dropFirst(), text.dropFirst())
    }

    static func removePrefix(_ value: String, pattern: String, longest: Bool) -> String {
        let lengths = Array(0...value.count)
        for n in longest ? lengths.reversed() : lengths where glob(Substring(pattern), value.prefix(n)) {
            return String(value.dropFirst(n))
        }
        return value
    }

    static func removeSuffix(_ value: String, pattern: String, longest: Bool) -> String {
        let lengths = Array(0...value.count)
        for n in longest ? lengths.reversed() : lengths where glob(Substring(pattern), value.suffix(n)) {
            return String(value.dropLast(n))
        }
        return value
    }

    static func validate(_ name: String) throws {
        guard let first = name.first, first == "_" || first.isLetter,
              name.allSatisfy({ $0 == "_" || $0.isLetter || $0.isNumber }) else {
            throw BuildError.invalid(file: "postBuild.substitute", message: "invalid variable name \"\(name)\": must match ^[_[:alpha:]][_[:alpha:][:digit:]]*$")
        }
    }
}
