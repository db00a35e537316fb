import Cluster
import GitOpsAPI
import HelmStorage

extension ReleaseController {
    /// Flux's drift detection for a release that is up to date: each object of the deployed
    /// manifest is dry-run applied; those that would change have drifted. `warn` reports them
    /// (condition `Drifted`, a warning event); `enabled` also puts them back.
    func detectDrift(_ ctx: ReleaseContext, _ latest: StoredRelease, _ outcome: inout ReleaseOutcome) async throws {
        var drifted: [String] = []
        let options = ApplyOptions(fieldManager: Self.fieldManager, force: true, dryRun: true)
        let objects = try await objects(ofManifest: latest.manifest, ctx.target)
        for object in objects where object.annotations["helm.toolkit.fluxcd.io/driftDetection"] != "disabled" {
            if try await ctx.target.cluster.get(object.ref) == nil {
                drifted.append("\(object.id) missing")
            } else if try await ctx.target.cluster.apply(object, options: options).action != .unchanged {
                drifted.append("\(object.id) changed")
            }
        }
        let generation = ctx.hr.metadata.generation
        guard !drifted.isEmpty else {
            outcome.status.conditions.set(Condition(type: ConditionType.drifted, status: .false, reason: Reason.noDriftDetected,
                                                    message: "No drift detected for release \(ctx.releaseLabel).v\(latest.version)", observedGeneration: generation))
            return
        }
        let list = drifted.prefix(20).joined(separator: ", ")
        if ctx.hr.spec.driftMode == .enabled {
            try await applyRelease(objects, replacing: [], ctx.target)
            let message = "Cluster state of release \(ctx.releaseLabel).v\(latest.version) was corrected: \(list)"
            outcome.events.append((.info, "DriftCorrected", message))
            outcome.status.conditions.remove(ConditionType.drifted)
        } else {
            let message = "Cluster state of release \(ctx.releaseLabel).v\(latest.version) has drifted from the desired state: \(list)"
            if outcome.status.conditions[ConditionType.drifted]?.message != message {
                outcome.events.append((.error, Reason.driftDetected, message))
            }
            outcome.status.conditions.set(Condition(type: ConditionType.drifted, status: .true, reason: Reason.driftDetected,
                                                    message: message, observedGeneration: generation))
        }
    }
}
