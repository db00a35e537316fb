import GitOpsAPI

extension Transformers {
    /// Sets `spec.replicas` of the workloads with this name.
    public static func setReplicas(name: String, count: Int, on objects: inout [KubeObject]) {
        for i in objects.indices where objects[i].name == name && workloadKinds.contains(objects[i].kind) && objects[i].kind != "DaemonSet" {
            objects[i].body.set(["spec", "replicas"], .int(count))
        }
    }
}

/// `replicas:` (ReplicaCountTransformer).
enum ReplicaStep {
    static func apply(_ context: inout BuildContext) throws {
        for r in context.file.replicas { Transformers.setReplicas(name: r.name, count: r.count, on: &context.objects) }
    }
}
