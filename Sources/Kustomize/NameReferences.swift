import GitOpsAPI

/// Name references fixed after renames (kustomize's nameReferenceTransformer and
/// `filters/nameref`, run once at the top after hash suffixes): for every referrer field in the
/// name-reference table, a value equal to an earlier name of a resource of the referenced kind
/// becomes that resource's final name — a renamed ConfigMap is renamed where Deployments mount
/// it. Referrers are chosen by their original kind; targets must have been renamed (only
/// previous names match), be visible from the referrer's namespace, and be unambiguous.
enum NameReferences {
    static func fix(_ context: inout BuildContext) throws {
        let table = context.config.nameReference
        guard !table.isEmpty else { return }
        // Ids are computed once: a build of thousands of objects asks for them millions of times.
        let index = NameReferenceIndex(context.objects)
        for i in context.objects.indices {
            let original = index.original[i]
            var filters: [(spec: FieldSpec, target: NameBackReference)] = []
            for target in table {
                for spec in target.referrers where original.isSelected(group: spec.group, version: spec.version, kind: spec.kind) {
                    filters.append((spec, target))
                }
            }
            guard !filters.isEmpty else { continue }
            let visibility = try NameReferenceCandidates.visibility(from: context.objects[i], id: index.current[i], file: context.file.path)
            for (spec, target) in filters {
                let fixer = NameReferenceFixer(referrer: context.objects[i], spec: spec, target: target, index: index, visibility: visibility)
                // The referrer's own kind now (kustomize sets the spec's GVK to it), so only the path matters.
                let walkSpec = FieldSpec(path: spec.path)
                var object = context.objects[i]
                do {
                    try FieldPathWalker.visit(walkSpec, in: &object) { value in try fixer.set(&value) }
                } catch let error as NameReferenceError {
                    throw BuildError.invalid(file: context.file.path, message: "updating name reference in '\(spec.path)' field of \(ResID.current(context.objects[i])): \(error.message)")
                }
                context.objects[i] = object
            }
        }
    }
}

/// The ids of every object of a build, computed once, with the objects found by each name they
/// had before a rename.
final class NameReferenceIndex {
    let objects: [KubeObject]
    let current: [ResID]
    let previous: [[ResID]]
    let original: [ResID]
    let clusterScoped: [Bool]
    let byPreviousName: [String: [Int]]

    init(_ objects: [KubeObject]) {
        self.objects = objects
        current = objects.map(ResID.current)
        previous = objects.map(ResID.previous)
        original = zip(previous, current).map { $0.first ?? $1 }
        clusterScoped = objects.map { !Scope.isNamespaced($0) }
        var byName: [String: [Int]] = [:]
        for (i, ids) in previous.enumerated() {
            for name in Set(ids.map(\.name)) { byName[name, default: []].append(i) }
        }
        byPreviousName = byName
    }

    func effectiveNamespace(_ i: Int, original useOriginal: Bool = false) -> String {
        if clusterScoped[i] { return ResID.notNamespaced }
        let ns = useOriginal ? original[i].namespace : current[i].namespace
        return ns.isEmpty || ns == "default" ? "default" : ns
    }
}

struct NameReferenceError: Error { var message: String }

/// Which resources a referrer may name (kustomize's `SubsetThatCouldBeReferencedByResource`).
enum NameReferenceCandidates {
    struct Visibility {
        var everything: Bool
        var namespace: String
        var bindingNamespaces: Set<String>

        func allows(_ i: Int, in index: NameReferenceIndex) -> Bool {
            everything || index.clusterScoped[i] || index.effectiveNamespace(i) == namespace
                || bindingNamespaces.contains(index.objects[i].namespace ?? "")
        }
    }

    static func visibility(from referrer: KubeObject, id: ResID, file: String) throws -> Visibility {
        // A cluster-scoped referrer may name anything.
        if id.isClusterScoped { return Visibility(everything: true, namespace: "", bindingNamespaces: []) }
        return Visibility(everything: false, namespace: id.effectiveNamespace, bindingNamespaces: try roleBindingNamespaces(referrer, file: file))
    }

    /// A RoleBinding may name ServiceAccounts in the namespaces its subjects give.
    static func roleBindingNamespaces(_ object: KubeObject, file: String) throws -> Set<String> {
        guard object.kind == "RoleBinding", let subjects = object.body["subjects"]?.arrayValue else { return [] }
        var result: Set<String> = []
        for subject in subjects {
            guard let ns = subject["namespace"], subject["kind"]?.stringValue == "ServiceAccount" else { continue }
            guard let name = ns.stringValue else {
                throw BuildError.invalid(file: file, message: "Invalid Input: namespace is blank for resource \(ResID.current(object)): a ServiceAccount subject's namespace must be a string; remove the empty namespace: or fill it in")
            }
            result.insert(name)
        }
        return result
    }
}

/// Sets one referrer field (`filters/nameref`): a scalar name, a `{name, namespace}` map, or a
/// list of either.
struct NameReferenceFixer {
    var referrer: KubeObject
    var spec: FieldSpec
    var target: NameBackReference
    var index: NameReferenceIndex
    var visibility: NameReferenceCandidates.Visibility

    func set(_ value: inout JSONValue?) throws {
        switch value {
        case nil, .null?: return
        case .object?: try setMapping(&value!)
        case .array(var items)?:
            for i in items.indices {
                switch items[i] {
                case .null: continue
                case .object: try setMapping(&items[i])
                case .array: throw NameReferenceError(message: "\(items[i].jsonString()) is expected to be either a string or a map of string")
                default: try setScalar(&items[i])
                }
            }
            value = .array(items)
        case .some: try setScalar(&value!)
        }
    }

    func setScalar(_ value: inout JSONValue) throws {
        let old = Generators.scalarText(value)
        guard let referral = try select(old, where: { _ in true }, identical: { list in list.allSatisfy { $0.name == list[0].name } }) else { return }
        if referral.name != old { value = .string(referral.name) }
    }

    func setMapping(_ value: inout JSONValue) throws {
        guard case .object(var map) = value else { return }
        guard let nameValue = map["name"] else { throw NameReferenceError(message: "path config error; no 'name' field in node") }
        let old = Generators.scalarText(nameValue)
        var pool: (Int) -> Bool = { _ in true }
        if let ns = map["namespace"] {
            // A namespace in the reference picks candidates by their original namespace, or
            // failing that by their current one.
            let wanted = Generators.scalarText(ns)
            let index = self.index, visibility = self.visibility
            let byOriginal: (Int) -> Bool = { !index.clusterScoped[$0] && index.effectiveNamespace($0, original: true) == wanted }
            let anyByOriginal = index.objects.indices.contains { visibility.allows($0, in: index) && byOriginal($0) }
            pool = anyByOriginal ? byOriginal : { !index.clusterScoped[$0] && index.effectiveNamespace($0) == wanted }
        }
        guard let referral = try select(old, where: pool, identical: { list in
            list.allSatisfy { $0.name == list[0].name && ($0.namespace ?? "") == (list[0].namespace ?? "") }
        }) else { return }
        let ns = referral.namespace ?? ""
        if referral.name == old && ns.isEmpty { return }
        map["name"] = .string(referral.name)
        if !ns.isEmpty { map["namespace"] = .string(ns) }
        value = .object(map)
    }

    /// kustomize's `selectReferral`: renamed from `oldName`, of the target kind (and, for
    /// `roleRef/name`, of the roleRef's kind), visible from the referrer's namespace; among
    /// several, those whose prefixes and suffixes end like the referrer's.
    func select(_ oldName: String, where inPool: (Int) -> Bool, identical: ([KubeObject]) -> Bool) throws -> KubeObject? {
        var found = (index.byPreviousName[oldName] ?? []).filter { visibility.allows($0, in: index) && inPool($0) }
        found = found.filter { index.previous[$0].contains { $0.isSelected(group: target.group, version: target.version, kind: target.kind) } }
        if spec.path.hasSuffix("roleRef/name"), let roleRef = referrer.body["roleRef"],
           let group = roleRef["apiGroup"].map(Generators.scalarText), let kind = roleRef["kind"].map(Generators.scalarText)
        {
            found = found.filter { index.previous[$0].contains { $0.isSelected(group: group, version: nil, kind: kind) } }
        }
        let referrerID = ResID.current(referrer)
        if !referrerID.isClusterScoped {
            found = found.filter { i in
                index.clusterScoped[i] || index.objects[i].kind == "ServiceAccount" || index.effectiveNamespace(i) == referrerID.effectiveNamespace
            }
        }
        var list = found.map { index.objects[$0] }
        if list.count == 1 { return list[0] }
        list = list.filter { affixesEqual($0, allowEmpty: true) }
        if list.count > 1 { list = list.filter { affixesEqual($0, allowEmpty: false) } }
        if list.count == 1 { return list[0] }
        if list.isEmpty { return nil }
        if identical(list) { return list[0] }
        throw NameReferenceError(message: "found multiple possible referrals: \(list.map { ResID.current($0).description }.joined(separator: ", ")); give them distinct names, or a namePrefix/nameSuffix per layer")
    }

    /// `PrefixesSuffixesEquals`: the candidate's prefixes and suffixes end the same way as the
    /// referrer's (with `allowEmpty`, an empty list on either side matches anything).
    func affixesEqual(_ candidate: KubeObject, allowEmpty: Bool) -> Bool {
        func same(_ a: [String], _ b: [String]) -> Bool {
            let (short, long) = a.count <= b.count ? (a, b) : (b, a)
            if short.isEmpty { return long.isEmpty }
            return Array(long.suffix(short.count)) == short
        }
        let (cp, rp) = (PrefixSuffix.recorded(.prefix, candidate), PrefixSuffix.recorded(.prefix, referrer))
        let (cs, rs) = (PrefixSuffix.recorded(.suffix, candidate), PrefixSuffix.recorded(.suffix, referrer))
        if allowEmpty {
            return (cp.isEmpty || rp.isEmpty || same(cp, rp)) && (cs.isEmpty || rs.isEmpty || same(cs, rs))
        }
        return same(cp, rp) && same(cs, rs)
    }
}
