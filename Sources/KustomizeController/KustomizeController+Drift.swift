import Cluster
import GitOpsAPI

extension KustomizeController {
    /// `driftDetection.mode: warn`: what changed by hand, object by object, without correcting
    /// anything. A server-side dry run of each object gives what an apply would store; an object
    /// whose dry run changes nothing has not drifted. Missing objects (deleted by hand) are drift too.
    /// - Returns: one line per drifted object: `Deployment/apps/web: spec.replicas`.
    func detectDrift(_ objects: [KubeObject], for ks: Kustomization) async throws -> [String] {
        let options = ApplyOptions(fieldManager: "gitops", force: ks.spec.force, dryRun: true)
        let cluster = target(for: ks)
        var drift: [String] = []
        for object in objects where object.annotations[Annotations.reconcile] != Annotations.disabled {
            do {
                guard let live = try await cluster.get(object.ref) else {
                    drift.append("\(object.id): missing (deleted outside Git)")
                    continue
                }
                let (result, _) = try await Self.dryRun(object, options: options, cluster: cluster)
                guard result.action != .unchanged else { continue }
                let fields = DriftFields.between(live: live.body, desired: result.object.body)
                guard !fields.isEmpty else { continue }
                let shown = fields.prefix(10).joined(separator: ", ") + (fields.count > 10 ? ", … \(fields.count - 10) more" : "")
                drift.append("\(object.id): \(shown)")
            } catch let error as ClusterError {
                throw PhaseError(reason: Reason.validationFailed, message: "\(object.id) dry-run failed (\(error.reason.rawValue)): \(error.message)")
            }
        }
        return drift
    }
}
