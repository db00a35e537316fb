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
        var filters: [[(spec: FieldSpec, target: NameBackReference)]] = Array(repeating: [], count: context.objects.count)
        for i in context.objects.indices {
            let original = ResID.original(context.objects[i])
            for target in table {
                for spec in target.referrers where original.isSelected(group: spec.group, version: spec.version, kind: spec.kind) {
                    filters[i].append((spec, target))
                }
            }
        }
        for i in context.objects.indices where !filters[i].isEmpty {
            let candidates = try NameReferenceCandidates.visible(from: context.objects[i], among: context.objects, file: context.file.path)
            for (spec, target) in filters[i] {
                let fixer = NameReferenceFixer(referrer: context.objects[i], spec: spec, target: target, candidates: candidates)
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

struct NameReferenceError: Error { var message: String }

/// The resources a referrer may name (kustomize's `SubsetThatCouldBeReferencedByResource`).
enum NameReferenceCandidates {
    static func visible(from referrer: KubeObject, among objects: [KubeObject], file: String) throws -> [KubeObject] {
        let referrerID = ResID.current(referrer)
        // A cluster-scoped referrer may name anything.
        if referrerID.isClusterScoped { return objects }
        let bindingNamespaces = try roleBindingNamespaces(referrer, file: file)
        return objects.filter { target in
            let id = ResID.current(target)
            return id.isClusterScoped || id.effectiveNamespace == referrerID.effectiveNamespace
                || bindingNamespaces.contains(target.namespace ?? "")
        }
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
    var candidates: [KubeObject]

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
        guard let referral = try select(old, candidates, identical: { list in list.allSatisfy { $0.name == list[0].name } }) else { return }
        if referral.name != old { value = .string(referral.name) }
    }

    func setMapping(_ value: inout JSONValue) throws {
        guard case .object(var map) = value else { return }
        guard let nameValue = map["name"] else { throw NameReferenceError(message: "path config error; no 'name' field in node") }
        let old = Generators.scalarText(nameValue)
        var pool = candidates
        if let ns = map["namespace"] {
            // A namespace in the reference picks candidates by their original namespace, or
            // failing that by their current one.
            let wanted = Generators.scalarText(ns)
            let byOriginal = candidates.filter { let id = ResID.original($0); return !id.isClusterScoped && id.effectiveNamespace == wanted }
            pool = !byOriginal.isEmpty ? byOriginal
                : candidates.filter { let id = ResID.current($0); return !id.isClusterScoped && id.effectiveNamespace == wanted }
        }
        guard let referral = try select(old, pool, identical: { list in
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
    func select(_ oldName: String, _ pool: [KubeObject], identical: ([KubeObject]) -> Bool) throws -> KubeObject? {
        var list = pool.filter { ResID.previous($0).contains { $0.name == oldName } }
        list = list.filter { ResID.previous($0).contains { $0.isSelected(group: target.group, version: target.version, kind: target.kind) } }
        if spec.path.hasSuffix("roleRef/name"), let roleRef = referrer.body["roleRef"],
           let group = roleRef["apiGroup"].map(Generators.scalarText), let kind = roleRef["kind"].map(Generators.scalarText)
        {
            list = list.filter { ResID.previous($0).contains { $0.isSelected(group: group, version: nil, kind: kind) } }
        }
        let referrerID = ResID.current(referrer)
        if !referrerID.isClusterScoped {
            list = list.filter { candidate in
                let id = ResID.current(candidate)
                return id.isClusterScoped || candidate.kind == "ServiceAccount" || id.effectiveNamespace == referrerID.effectiveNamespace
            }
        }
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
