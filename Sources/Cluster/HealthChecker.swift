import GitOpsAPI

/// Assesses live objects through a cluster and, for workloads that are not ready, finds the
/// reason a person would look up next: their pods' waiting reasons (ImagePullBackOff and the
/// image, CrashLoopBackOff, …).
public struct HealthChecker: Sendable {
    let cluster: any ClusterClient

    public init(cluster: any ClusterClient) { self.cluster = cluster }

    public func assess(_ ref: ObjectRef) async throws -> HealthResult {
        guard let object = try await cluster.get(ref) else {
            return HealthResult(.notFound, "\(ref) not found")
        }
        var result = Health.assess(object)
        if result.status != .current, ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"].contains(object.kind) {
            let reasons = try await podReasons(for: object)
            if !reasons.isEmpty { result.message += "; " + reasons.joined(separator: "; ") }
        }
        return result
    }

    /// Waiting reasons of the pods a workload selects (deduplicated).
    func podReasons(for workload: KubeObject) async throws -> [String] {
        guard let match = workload.body[path: ["spec", "selector", "matchLabels"]]?.objectValue, !match.isEmpty else { return [] }
        let selector = match.compactMap { k, v in v.stringValue.map { "\(k)=\($0)" } }.sorted().joined(separator: ",")
        let pods = try await cluster.list(ListQuery(apiVersion: "v1", kind: "Pod", namespace: workload.namespace, labelSelector: selector))
        var seen = Set<String>(), out: [String] = []
        for pod in pods {
            for w in Health.waitingReasons(of: pod) {
                let key = "\(w.container)|\(w.reason)|\(w.image)"
                if seen.insert(key).inserted { out.append("pod \(pod.name): \(w.summary)") }
            }
        }
        return out
    }
}
