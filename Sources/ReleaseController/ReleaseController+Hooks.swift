import Cluster
import Foundation
import GitOpsAPI
import HelmStorage

extension ReleaseController {
    /// Runs the hooks of one event (`pre-install`, `post-upgrade`, `test`, …) as Helm does:
    /// by weight, then name; each is created (after deleting an old one when its delete policy
    /// is `before-hook-creation`, Helm's default) and waited for — a Job until it completes, a
    /// Pod until it succeeds, anything else until it exists; then deleted per
    /// `hook-succeeded`/`hook-failed`.
    /// - Returns: the hooks with their last run recorded.
    func runHooks(_ event: String, of hooks: [StoredRelease.Hook], _ target: ReleaseTarget) async throws -> [StoredRelease.Hook] {
        var hooks = hooks
        let order = hooks.indices.filter { hooks[$0].events.contains(event) }
            .sorted { (hooks[$0].weight, hooks[$0].name) < (hooks[$1].weight, hooks[$1].name) }
        for index in order {
            let hook = hooks[index]
            let policies = hook.deletePolicies.isEmpty ? ["before-hook-creation"] : hook.deletePolicies
            for object in try await objects(ofManifest: hook.manifest, target) {
                if policies.contains("before-hook-creation") {
                    _ = try? await target.cluster.delete(object.ref, options: DeleteOptions(propagationPolicy: .background))
                }
                hooks[index].lastRun = StoredRelease.Hook.Execution(startedAt: GoTime(Date()), phase: "Running")
                do {
                    _ = try await target.cluster.apply(object, options: ApplyOptions(fieldManager: Self.fieldManager, force: true))
                } catch {
                    throw ReleaseError(reason: Reason.reconciliationFailed, message: "\(event) hook \(hook.path) failed: cannot create \(object.id): \(error)")
                }
                let failure = try await waitForHook(object, target)
                hooks[index].lastRun.completedAt = GoTime(Date())
                hooks[index].lastRun.phase = failure == nil ? "Succeeded" : "Failed"
                if failure == nil ? policies.contains("hook-succeeded") : policies.contains("hook-failed") {
                    _ = try? await target.cluster.delete(object.ref, options: DeleteOptions(propagationPolicy: .background))
                }
                if let failure {
                    throw ReleaseError(reason: Reason.reconciliationFailed, message: "\(event) hook \(hook.path) failed: \(object.id): \(failure)")
                }
            }
        }
        return hooks
    }

    /// nil once the hook object has done its work; else why it failed (or timed out).
    func waitForHook(_ object: KubeObject, _ target: ReleaseTarget) async throws -> String? {
        let started = ContinuousClock.now
        while true {
            guard let live = try await target.cluster.get(object.ref) else { return nil }
            switch object.kind {
            case "Job":
                let conditions = Conditions(json: live.status?["conditions"])
                if conditions.isTrue("Complete") { return nil }
                if conditions.isTrue("Failed") { return "job failed: \(conditions["Failed"]?.message ?? "")" }
            case "Pod":
                switch live.status?["phase"]?.stringValue {
                case "Succeeded": return nil
                case "Failed": return "pod failed"
                default: break
                }
            default:
                return nil
            }
            if ContinuousClock.now - started >= target.timeout { return "timed out after \(target.timeout)" }
            try await Task.sleep(for: settings.healthPollInterval)
        }
    }
}
