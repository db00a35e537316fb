import GitOpsAPI

/// `vars:` (kustomize's deprecated variables): `$(NAME)` in the fields of the `varReference`
/// table is replaced by a field of an object the var names.
///
/// As in kustomize's `ResAccumulator`, a var is bound to its object where it is declared
/// (`MergeVars`, after that kustomization's transformers): the one object whose current or any
/// previous id matches `objref` is marked with the var's name. Vars travel up with the resources
/// (a name may be declared once in the whole build), and are resolved once, at the top, after
/// name references are fixed (`ResolveVars`), reading the field from the marked object as it is
/// then — so a var on a prefixed or generated name gets the final name.
enum Vars {
    /// Internal annotation holding the names of the vars bound to an object (kustomize keeps
    /// them in `Resource.refVarNames`); stripped with the other internal annotations.
    static let refVarNames = ResourceIdentity.prefix + "refVarNames"

    /// One var, with kustomize's defaulting (`fieldref.fieldPath` defaults to `metadata.name`;
    /// `objref.apiVersion` sets group and version).
    struct Var {
        var name: String
        var target: AccumulatedID
        var fieldPath: String

        init(_ raw: JSONValue, file: String) throws {
            // kustomize reads vars through encoding/json, whose field names match without
            // regard to case: `fieldpath:` is `fieldPath:` (corpus TestSimpleServicePortVarReplace).
            func field(_ value: JSONValue?, _ key: String) -> JSONValue? {
                guard let map = value?.objectValue else { return nil }
                return map[key] ?? map.first(where: { $0.key.lowercased() == key.lowercased() })?.value
            }
            guard let name = field(raw, "name")?.stringValue, !name.isEmpty else {
                throw BuildError.invalid(file: file, message: "vars: every var needs a name")
            }
            let ref = field(raw, "objref") ?? .object([:])
            var group = field(ref, "group")?.stringValue ?? ""
            var version = field(ref, "version")?.stringValue ?? ""
            if let apiVersion = field(ref, "apiVersion")?.stringValue, !apiVersion.isEmpty {
                let gv = GroupVersion(apiVersion)
                group = gv.group
                version = gv.version
            }
            self.name = name
            target = AccumulatedID(group: group, version: version, kind: field(ref, "kind")?.stringValue ?? "",
                                   name: field(ref, "name")?.stringValue ?? "", namespace: field(ref, "namespace")?.stringValue ?? "")
            let path = field(field(raw, "fieldref"), "fieldPath")?.stringValue ?? ""
            fieldPath = path.isEmpty ? "metadata.name" : path
        }

        /// The normalized entry kept in `BuildContext.vars`.
        var json: JSONValue {
            var ref: JSONObject = ["kind": .string(target.kind), "name": .string(target.name)]
            if !target.group.isEmpty { ref["group"] = .string(target.group) }
            if !target.version.isEmpty { ref["version"] = .string(target.version) }
            if !target.namespace.isEmpty { ref["namespace"] = .string(target.namespace) }
            return ["name": .string(name), "objref": .object(ref), "fieldref": ["fieldPath": .string(fieldPath)]]
        }

        var description: String {
            "\(name) (objref \(target.kind)/\(target.name)\(target.namespace.isEmpty ? "" : " in \(target.namespace)"), fieldPath \(fieldPath))"
        }
    }

    /// Adds vars accumulated elsewhere (a base, a component) to `vars`; a name seen twice is
    /// kustomize's "var 'X' already encountered" (`VarSet.Merge`).
    static func merge(_ incoming: [JSONValue], into vars: inout [JSONValue], file: String) throws {
        for v in incoming {
            let name = v["name"]?.stringValue ?? ""
            if vars.contains(where: { $0["name"]?.stringValue == name }) {
                throw BuildError.invalid(file: file, message: "var '\(name)' already encountered; every var name may be declared once in the whole build (rename one, or declare it only in the base)")
            }
            vars.append(v)
        }
    }

    /// The kustomization's own `vars:`, bound to their objects and added to the accumulated ones
    /// (`ResAccumulator.MergeVars`).
    static func collect(_ context: inout BuildContext) throws {
        guard let raw = context.file.raw["vars"], !raw.isNull else { return }
        guard let list = raw.arrayValue else {
            throw BuildError.invalid(file: context.file.path, message: "vars: expected a list, found \(raw.typeName)")
        }
        var declared: [JSONValue] = []
        for entry in list {
            let v = try Var(entry, file: context.file.path)
            // kustomize: an objref without namespace matches in any namespace (GVKN only),
            // unless the kind is cluster-scoped.
            let exact = !v.target.namespace.isEmpty || v.target.isClusterScoped
            let matched = context.objects.indices.filter { i in
                AccumulatedID.all(context.objects[i]).contains { exact ? $0.equals(v.target) : $0.gvknEquals(v.target) }
            }
            if matched.count > 1 {
                throw BuildError.invalid(file: context.file.path, message: "found \(matched.count) resId matches for var \(v.description) (unable to disambiguate); add the namespace, group or version to objref")
            }
            if let i = matched.first {
                var object = context.objects[i]
                let names = object.annotations[refVarNames].map { $0 + "," + v.name } ?? v.name
                object.setAnnotation(refVarNames, names)
                context.objects[i] = object
            }
            declared.append(v.json)
        }
        try merge(declared, into: &context.vars, file: context.file.path)
    }

    /// Replaces `$(NAME)` in the var-reference fields of every object (`ResAccumulator.ResolveVars`).
    /// Every var must find its object and field; unknown `$(NAME)`s are left as written, and
    /// vars nobody uses are fine (kustomize only logs them).
    static func resolve(_ context: inout BuildContext) throws {
        guard !context.vars.isEmpty else { return }
        var values: [String: JSONValue] = [:]
        for raw in context.vars {
            let v = try Var(raw, file: context.file.path)
            guard let object = context.objects.first(where: { object in
                object.annotations[refVarNames]?.split(separator: ",").contains { $0 == v.name } ?? false
            }) else {
                throw BuildError.invalid(file: context.file.path, message: "var '\(v.description)' cannot be mapped to a field in the set of known resources; check the objref's apiVersion, kind and name (the name before any prefix or suffix)")
            }
            guard let value = ReplacementPath.lookup(object.body, ReplacementPath.split(v.fieldPath, sliceIndexes: true)) else {
                throw BuildError.invalid(file: context.file.path, message: "field specified in var '\(v.description)' not found in corresponding resource \(AccumulatedID(object))")
            }
            values[v.name] = value
        }
        let specs = context.config.varReference.isEmpty ? VarReferenceDefaults.specs : context.config.varReference
        for i in context.objects.indices {
            for spec in specs where spec.matches(context.objects[i]) {
                var body: JSONValue? = context.objects[i].body
                try VarReferenceWalker.walk(&body, spec.components[...]) { value in
                    try substitute(&value, values)
                }
                if let body { context.objects[i].body = body }
            }
        }
    }

    /// kustomize's `refvar.Filter.set`: strings are expanded; in a map every string value; in a
    /// list every item, which must be a string.
    static func substitute(_ value: inout JSONValue, _ values: [String: JSONValue]) throws {
        switch value {
        case .string(let s): value = VarExpansion.expand(s, values)
        case .object(var map):
            for (k, v) in map { if case .string(let s) = v { map[k] = VarExpansion.expand(s, values) } }
            value = .object(map)
        case .array(let items):
            value = .array(try items.map { item in
                guard case .string(let s) = item else {
                    throw BuildError.invalid(file: "vars", message: "invalid value type expect a string: a list in a var-reference field holds \(item.typeName)")
                }
                return VarExpansion.expand(s, values)
            })
        default: break
        }
    }
}
