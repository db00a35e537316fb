import Cluster
import GitOpsAPI
import Runtime

extension KustomizeController {
    /// Waits until every object to check is Current, at most `timeout`. With `wait: true` all
    /// applied objects are checked, otherwise those in `healthChecks`.
    /// - Returns: nil when healthy, else what failed: each failing object and why (for
    ///   workloads, their pods' waiting reasons). Stops early when an object has Failed.
    func waitForHealth(_ objects: [KubeObject], _ ks: Kustomization) async throws -> HealthWaitFailure? {
        let pending: [ObjectRef]
        if ks.spec.wait {
            pending = objects.map(\.ref)
        } else {
            pending = ks.spec.healthChecks.map { check in
                ObjectRef(apiVersion: check.apiVersion, kind: check.kind, namespace: check.namespace ?? ks.metadata.namespace, name: check.name)
            }
        }
        return try await HealthChecker(cluster: target(for: ks)).waitUntilCurrent(pending, timeout: ks.spec.effectiveTimeout.duration,
                                                                          poll: settings.healthPollInterval)
    }
}
