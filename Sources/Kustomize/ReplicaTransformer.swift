import GitOpsAPI

extension Transformers {
    /// Sets the replica count of the workloads with this name (current or original), at the
    /// built-in replicas field specs.
    public static func setReplicas(name: String, count: Int, on objects: inout [KubeObject]) {
        _ = try? ReplicaStep.setReplicas(name: name, count: count, specs: DefaultFieldSpecs.replicas, on: &objects, file: "")
    }
}

/// `replicas:` (ReplicaCountTransformer): for each field spec, the objects whose name — now or
/// before any prefix, suffix or rename — is the entry's and whose kind the spec selects get the
/// count. kustomize fails when no object matches any spec.
enum ReplicaStep {
    static func apply(_ context: inout BuildContext) throws {
        for r in context.file.replicas {
            let found = try setReplicas(name: r.name, count: r.count, specs: context.config.replicas, on: &context.objects,
                                        file: context.file.path)
            guard found else {
                let kinds = context.config.replicas.map { spec in
                    [spec.group ?? "", spec.version ?? "", spec.kind ?? ""].filter { !$0.isEmpty }.joined(separator: "_")
                }
                throw BuildError.invalid(file: context.file.path, message:
                    "replicas: resource with name \(r.name) does not match a config with the following GVK [\(kinds.joined(separator: " "))]; check the name and that the kind has a replicas field spec (configurations)")
            }
        }
    }

    /// Returns whether any object matched.
    static func setReplicas(name: String, count: Int, specs: [FieldSpec], on objects: inout [KubeObject], file: String) throws -> Bool {
        var found = false
        for spec in specs {
            for i in objects.indices where spec.matches(objects[i]) && ReplicaStep.hasHadName(objects[i], name) {
                found = true
                do {
                    try spec.apply(to: &objects[i], createKind: .scalar) { node in node = .int(count) }
                } catch let error as FieldSpecWalkError {
                    throw BuildError.invalid(file: file, message: error.description)
                }
            }
        }
        return found
    }

    static func hasHadName(_ object: KubeObject, _ name: String) -> Bool {
        ResourceIdentity.history(object).contains { $0.name == name }
    }
}
