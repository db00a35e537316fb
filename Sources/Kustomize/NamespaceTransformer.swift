import GitOpsAPI

extension Transformers {
    /// Sets the namespace of every namespaced object the way kustomize's NamespaceTransformer
    /// does with its default field specs (Flux's `targetNamespace` is kustomize's `namespace:`).
    public static func setNamespace(_ namespace: String, on objects: inout [KubeObject]) {
        var options = NamespaceOptions(namespace: namespace)
        options.fieldSpecs = NamespaceOptions.defaultFieldSpecs
        _ = NamespaceOptions.apply(options, to: &objects)
    }
}

/// What a NamespaceTransformer does (kustomize's `filters/namespace` and the builtin plugin).
struct NamespaceOptions {
    /// `setRoleBindingSubjects`: which (Cluster)RoleBinding subjects get the namespace.
    enum SubjectMode: String {
        /// Only subjects named `default` (kustomize's default): other ServiceAccount subjects
        /// follow their account through the name-reference step instead.
        case defaultOnly
        case allServiceAccounts
        case none
    }

    var namespace: String
    var fieldSpecs: [FieldSpec] = []
    var unsetOnly = false
    var subjects = SubjectMode.defaultOnly

    /// kustomize's `namespace` field specs (`builtinpluginconsts/namespace.go`).
    static let defaultFieldSpecs = [
        FieldSpec(kind: "Namespace", path: "metadata/name", create: true),
        FieldSpec(group: "apiregistration.k8s.io", kind: "APIService", path: "spec/service/namespace", create: true),
        FieldSpec(group: "apiextensions.k8s.io", kind: "CustomResourceDefinition", path: "spec/conversion/webhook/clientConfig/service/namespace"),
    ]

    /// Applies the namespace to every object, recording each one's previous id first. Returns the
    /// id of the first object that ends up sharing its id with another (kustomize refuses that).
    static func apply(_ options: NamespaceOptions, to objects: inout [KubeObject]) -> ResID? {
        guard !options.namespace.isEmpty else { return nil }
        var changed: [Int] = []
        for i in objects.indices {
            guard let map = objects[i].body.objectValue, !map.isEmpty else { continue }
            ResourceIdentity.recordCurrent(&objects[i])
            transform(&objects[i], options)
            changed.append(i)
        }
        // The first changed object whose new id another object shares is a conflict.
        var counts: [String: Int] = [:]
        for object in objects { counts[ResID.current(object).equalityKey, default: 0] += 1 }
        for i in changed {
            let id = ResID.current(objects[i])
            if counts[id.equalityKey] != 1 { return id }
        }
        return nil
    }

    static func transform(_ object: inout KubeObject, _ options: NamespaceOptions) {
        let set: (inout JSONValue?) -> Void = { value in
            // unsetOnly: a field that already holds a namespace keeps it.
            if options.unsetOnly, let v = value, v != .null, !Generators.scalarText(v).isEmpty { return }
            value = .string(options.namespace)
        }
        // metadata/namespace is set on namespaced kinds only, whatever the specs say; a spec on
        // metadata/name applies only to apiVersion v1 (the core Namespace, not a custom one).
        var specs = options.fieldSpecs.filter { spec in
            if spec.path == "metadata/namespace" { return false }
            if spec.path == "metadata/name" && object.apiVersion != "v1" { return false }
            return true
        }
        if Scope.isNamespaced(object) {
            FieldPathWalker.visit(FieldSpec(path: "metadata/namespace", create: true), in: &object, set)
        }
        if object.kind == "RoleBinding" || object.kind == "ClusterRoleBinding" {
            specs.removeAll { ($0.kind == "RoleBinding" || $0.kind == "ClusterRoleBinding") && $0.path == "subjects/namespace" }
            setSubjects(&object, options, set)
        }
        for spec in specs { FieldPathWalker.visit(spec, in: &object, set) }
    }

    /// kustomize's `roleBindingHack`: the namespace goes on subjects named `default` (or, with
    /// `allServiceAccounts`, on every ServiceAccount subject).
    static func setSubjects(_ object: inout KubeObject, _ options: NamespaceOptions, _ set: (inout JSONValue?) -> Void) {
        guard options.subjects != .none, case .array(var subjects)? = object.body["subjects"] else { return }
        for i in subjects.indices {
            guard case .object(var subject) = subjects[i] else { continue }
            let selected = options.subjects == .defaultOnly
                ? subject["name"]?.stringValue == "default"
                : subject["kind"]?.stringValue == "ServiceAccount"
            guard selected else { continue }
            var value = subject["namespace"]
            if value == .null { value = nil }
            set(&value)
            subject["namespace"] = value
            subjects[i] = .object(subject)
        }
        object.body["subjects"] = .array(subjects)
    }
}

/// `namespace:` (kustomize's NamespaceTransformer with the kustomization's field specs).
enum NamespaceStep {
    static func apply(_ context: inout BuildContext) throws {
        guard let ns = context.file.namespace, !ns.isEmpty else { return }
        var options = NamespaceOptions(namespace: ns)
        options.fieldSpecs = mergedSpecs(NamespaceOptions.defaultFieldSpecs, context.config.namespace)
        try run(options, context: &context)
    }

    /// A `NamespaceTransformer` config from `transformers:` (`metadata.namespace`, `fieldSpecs`,
    /// `unsetOnly`, `setRoleBindingSubjects`).
    static func runPlugin(kind: String, config: JSONValue, context: inout BuildContext) throws {
        let ns = config[path: ["metadata", "namespace"]]?.stringValue ?? ""
        var options = NamespaceOptions(namespace: ns)
        options.fieldSpecs = (config["fieldSpecs"]?.arrayValue ?? []).map(FieldSpec.init(json:))
        options.unsetOnly = config["unsetOnly"]?.boolValue ?? false
        let mode = config["setRoleBindingSubjects"]?.stringValue ?? ""
        if !mode.isEmpty {
            guard let parsed = SubjectMode(rawValue: mode) else {
                throw BuildError.invalid(file: context.file.path, message: "\(kind): invalid value \"\(mode)\" for setRoleBindingSubjects: must be one of \"defaultOnly\", \"none\" or \"allServiceAccounts\"")
            }
            options.subjects = parsed
        }
        try run(options, context: &context)
    }

    typealias SubjectMode = NamespaceOptions.SubjectMode

    static func run(_ options: NamespaceOptions, context: inout BuildContext) throws {
        if let conflict = NamespaceOptions.apply(options, to: &context.objects) {
            throw BuildError.invalid(file: context.file.path, message: "namespace transformation produces ID conflict: two resources become \(conflict); rename one of them or build them in different kustomizations")
        }
    }

    /// The built-in specs plus those from `configurations:`, each (kind, group, version, path)
    /// once — a spec listed twice would otherwise apply twice.
    static func mergedSpecs(_ defaults: [FieldSpec], _ extra: [FieldSpec]) -> [FieldSpec] {
        var out = defaults
        for spec in extra where !out.contains(where: { $0.kind == spec.kind && $0.group == spec.group && $0.version == spec.version && $0.path == spec.path }) {
            out.append(spec)
        }
        return out
    }
}
