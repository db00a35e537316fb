import Foundation
import GitOpsAPI

/// A resource identity as kustomize compares them (`resid.ResId`): group, version, kind, name and
/// the *effective* namespace (`default` for none, nothing for cluster-scoped kinds).
struct PatchResID: Equatable, CustomStringConvertible {
    var group: String
    var version: String
    var kind: String
    var name: String
    var namespace: String

    init(group: String, version: String, kind: String, name: String, namespace: String) {
        (self.group, self.version, self.kind, self.name, self.namespace) = (group, version, kind, name, namespace)
    }

    init(_ object: KubeObject) {
        self.init(group: object.group, version: object.version, kind: object.kind, name: object.name, namespace: object.namespace ?? "")
    }

    var effectiveNamespace: String {
        let scoped = KubeObject(apiVersion: group.isEmpty ? version : "\(group)/\(version)", kind: kind, name: name)
        if !Scope.isNamespaced(scoped) { return "_non_namespaceable_" }
        return namespace.isEmpty ? "default" : namespace
    }

    /// kustomize's `ResId.Equals`.
    func matches(_ other: PatchResID) -> Bool {
        name == other.name && group == other.group && version == other.version && kind == other.kind
            && effectiveNamespace == other.effectiveNamespace
    }

    /// kustomize prints ids as `Kind.version.group/name.namespace`.
    var description: String {
        let k = kind.isEmpty ? "[noKind]" : kind
        let v = version.isEmpty ? "[noVer]" : version
        let g = group.isEmpty ? "[noGrp]" : group
        return "\(k).\(v).\(g)/\(name.isEmpty ? "[noName]" : name).\(namespace.isEmpty ? "[noNs]" : namespace)"
    }

    /// The ids an object had before transformers renamed it (oldest first), then its current one.
    static func all(_ object: KubeObject) -> [PatchResID] {
        let annotations = object.annotations
        func list(_ key: String) -> [String] {
            annotations[key]?.split(separator: ",", omittingEmptySubsequences: false).map(String.init) ?? []
        }
        let names = list(ResourceIdentity.previousNames)
        let namespaces = list(ResourceIdentity.previousNamespaces)
        let kinds = list(ResourceIdentity.previousKinds)
        var out: [PatchResID] = []
        for (i, name) in names.enumerated() {
            out.append(PatchResID(group: object.group, version: object.version, kind: i < kinds.count ? kinds[i] : object.kind,
                                  name: name, namespace: i < namespaces.count ? namespaces[i] : ""))
        }
        out.append(PatchResID(object))
        return out
    }

    /// The id the object was first read with (kustomize's `OrgId`).
    static func original(_ object: KubeObject) -> PatchResID { all(object)[0] }
}

/// A `target:` selector of `patches` and `patchesJson6902` (kustomize's `types.Selector`): group,
/// version, kind, name and namespace are anchored regular expressions; a resource matches by its
/// current or original name and namespace; label and annotation selectors use Kubernetes'
/// selector syntax.
struct PatchSelector: CustomStringConvertible {
    var group = "", version = "", kind = "", name = "", namespace = ""
    var labelSelector = "", annotationSelector = ""

    init(json: JSONValue, file: String) throws {
        guard case .object(let o) = json else {
            throw BuildError.invalid(file: file, message: "a patch target must be a map, found \(json.typeName)")
        }
        func string(_ key: String) -> String {
            switch o[key] {
            case .string(let s)?: return s
            case .int(let i)?: return String(i)
            case .bool(let b)?: return String(b)
            default: return ""
            }
        }
        group = string("group"); version = string("version"); kind = string("kind")
        name = string("name"); namespace = string("namespace")
        labelSelector = string("labelSelector"); annotationSelector = string("annotationSelector")
    }

    var description: String {
        let id = PatchResID(group: group, version: version, kind: kind, name: name, namespace: namespace)
        return "\(id):a=\(annotationSelector):l=\(labelSelector)"
    }

    /// The selected objects' indices, in order (kustomize's `ResMap.Select`).
    func select(_ objects: [KubeObject], file: String) throws -> [Int] {
        let regex = try [group, version, kind, name, namespace].map { try Self.compile($0, file: file) }
        let labels = try LabelSelector(labelSelector, file: file)
        let annotations = try LabelSelector(annotationSelector, file: file)
        var out: [Int] = []
        for (i, object) in objects.enumerated() {
            let current = PatchResID(object)
            let original = PatchResID.original(object)
            if let ns = regex[4], !Self.full(ns, original.effectiveNamespace) && !Self.full(ns, current.effectiveNamespace) { continue }
            if let n = regex[3], !Self.full(n, original.name) && !Self.full(n, current.name) { continue }
            if let g = regex[0], !Self.full(g, object.group) { continue }
            if let v = regex[1], !Self.full(v, object.version) { continue }
            if let k = regex[2], !Self.full(k, object.kind) { continue }
            if !labels.matches(object.labels) || !annotations.matches(object.annotations) { continue }
            out.append(i)
        }
        return out
    }

    static func compile(_ pattern: String, file: String) throws -> NSRegularExpression? {
        guard !pattern.isEmpty else { return nil }
        do {
            return try NSRegularExpression(pattern: "^(?:" + pattern + ")$")
        } catch {
            throw BuildError.invalid(file: file, message: "patch target: invalid regular expression \"\(pattern)\"")
        }
    }

    static func full(_ regex: NSRegularExpression, _ text: String) -> Bool {
        regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}

/// A Kubernetes label selector string: `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`,
/// `a`, `!a`, joined by commas.
struct LabelSelector {
    enum Requirement {
        case equals(String, String), notEquals(String, String), isIn(String, Set<String>), notIn(String, Set<String>)
        case exists(String), absent(String)
    }

    var requirements: [Requirement] = []

    init(_ text: String, file: String) throws {
        var rest = Substring(text)
        func bad() -> BuildError { .invalid(file: file, message: "invalid selector \"\(text)\"") }
        while true {
            rest = rest.drop { $0 == " " }
            if rest.isEmpty { break }
            // The next requirement ends at a comma outside parentheses.
            var depth = 0
            var end = rest.endIndex
            for i in rest.indices {
                if rest[i] == "(" { depth += 1 } else if rest[i] == ")" { depth -= 1 } else if rest[i] == "," && depth == 0 { end = i; break }
            }
            let part = rest[..<end].trimmingCharacters(in: .whitespaces)
            rest = end < rest.endIndex ? rest[rest.index(after: end)...] : ""
            requirements.append(try Self.requirement(part, bad))
        }
    }

    static func requirement(_ part: String, _ bad: () -> BuildError) throws -> Requirement {
        if part.hasPrefix("!") { return .absent(part.dropFirst().trimmingCharacters(in: .whitespaces)) }
        for op in ["!=", "==", "="] {
            if let r = part.range(of: op) {
                let key = part[..<r.lowerBound].trimmingCharacters(in: .whitespaces)
                let value = part[r.upperBound...].trimmingCharacters(in: .whitespaces)
                return op == "!=" ? .notEquals(key, value) : .equals(key, value)
            }
        }
        let words = part.split(separator: " ", maxSplits: 1).map(String.init)
        if words.count == 2 {
            let rest = words[1].trimmingCharacters(in: .whitespaces)
            for (op, negated) in [("notin", true), ("in", false)] where rest.hasPrefix(op) {
                let list = rest.dropFirst(op.count).trimmingCharacters(in: .whitespaces)
                guard list.hasPrefix("("), list.hasSuffix(")") else { throw bad() }
                let values = Set(list.dropFirst().dropLast().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
                return negated ? .notIn(words[0], values) : .isIn(words[0], values)
            }
            throw bad()
        }
        return .exists(part)
    }

    func matches(_ labels: [String: String]) -> Bool {
        requirements.allSatisfy { r in
            switch r {
            case .equals(let k, let v): return labels[k] == v
            case .notEquals(let k, let v): return labels[k] != v
            case .isIn(let k, let vs): return labels[k].map(vs.contains) ?? false
            case .notIn(let k, let vs): return labels[k].map { !vs.contains($0) } ?? true
            case .exists(let k): return labels[k] != nil
            case .absent(let k): return labels[k] == nil
            }
        }
    }
}
