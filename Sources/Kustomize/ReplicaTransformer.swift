import GitOpsAPI

extension Transformers {
    /// Sets `spec.replicas` of the workloads with this name.
    public static func setReplicas(name: String, count: Int, on objects: inout [KubeObject]) {
        for i in objects.indices where objects[i].name == name && workloadKinds.contains(objects[i].kind) && objects[i].kind != "DaemonSet" {
            objects[i].body.set(["spec", "replicas"], .int(count))
        }
    }
}
