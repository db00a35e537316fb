import Cluster
import GitOpsAPI
import Runtime

extension KustomizeController {
    /// Waits until every object to check is Current, at most `timeout`. With `wait: true` all
    /// applied objects are checked, otherwise those in `healthChecks`.
    /// - Returns: nil when healthy, else what failed: each failing object and why (for
    ///   workloads, their pods' waiting reasons). Stops early when an object has Failed.
    func waitForHealth(_ objects: [KubeObject], _ ks: Kustomization) async throws -> HealthFailure? {
        var pending: [ObjectRef]
        if ks.spec.wait {
            pending = objects.map(\.ref)
        } else {
            pending = ks.spec.healthChecks.map { check in
                ObjectRef(apiVersion: check.apiVersion, kind: check.kind, namespace: check.namespace ?? ks.metadata.namespace, name: check.name)
            }
        }
        guard !pending.isEmpty else { return nil }
        let checker = HealthChecker(cluster: cluster)
        let started = ContinuousClock.now
        let deadline = started + ks.spec.effectiveTimeout.duration
        var last: [ObjectRef: HealthResult] = [:]
        while true {
            var still: [ObjectRef] = []
            var failed: [String] = []
            for ref in pending {
                let result = try await checker.assess(ref)
                last[ref] = result
                switch result.status {
                case .current: continue
                case .failed: failed.append("\(ref): \(result.message)")
                default: still.append(ref)
                }
            }
            let elapsed = String(format: "%.1fs", (ContinuousClock.now - started).seconds)
            if !failed.isEmpty {
                return HealthFailure(elapsed: elapsed, details: "[\(failed.joined(separator: "; "))]")
            }
            pending = still
            if pending.isEmpty { return nil }
            if ContinuousClock.now >= deadline {
                let waiting = pending.map { "\($0) status: '\(last[$0]?.status.rawValue ?? "Unknown")': \(last[$0]?.message ?? "")" }
                return HealthFailure(elapsed: elapsed, details: "timeout waiting for: [\(waiting.joined(separator: "; "))]")
            }
            try await Task.sleep(for: settings.healthPollInterval)
        }
    }
}

/// Why health checks failed, worded to slot into Flux-style messages.
struct HealthFailure: Sendable, CustomStringConvertible {
    var elapsed: String
    /// `[Deployment/apps/web: …; …]` or `timeout waiting for: […]`
    var details: String

    /// `after 5.2s: [Deployment/apps/web: Progress deadline exceeded; …]`
    var afterElapsed: String { "after \(elapsed): \(details)" }
    /// `health check failed after 5.2s: […]`
    var description: String { "health check failed \(afterElapsed)" }
}
