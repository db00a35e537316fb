import Cluster
import GitOpsAPI
import HelmStorage
import Runtime

/// What `gitops history release` and `gitops rollback release` need: where a HelmRelease keeps
/// its Helm records, and a rollback a person asks for.
extension ReleaseController {
    /// The Helm release a HelmRelease manages: its name, namespace and record store.
    public struct ReleaseLocation: Sendable {
        public var releaseName: String
        public var namespace: String
        public var storageNamespace: String
    }

    public static func location(of hr: HelmRelease) -> ReleaseLocation {
        ReleaseLocation(releaseName: releaseName(hr), namespace: hr.spec.targetNamespace ?? hr.metadata.namespace,
                        storageNamespace: hr.spec.storageNamespace ?? hr.metadata.namespace)
    }

    /// `helm rollback` on request: rolls the release of `hr` back to `revision` (default: the
    /// previous revision), waits for health, and records an event. The caller suspends the
    /// HelmRelease first, or the next reconcile applies what Git says again.
    /// - Returns: the new revision's record.
    public func rollback(_ hr: HelmRelease, to revision: Int?) async throws -> StoredRelease {
        let location = Self.location(of: hr)
        let target = ReleaseTarget(releaseName: location.releaseName, namespace: location.namespace, owner: ObjectKey(hr.object),
                                   timeout: hr.spec.timeout.duration, cluster: releaseCluster(hr))
        let store = ReleaseStore(cluster: target.cluster, namespace: location.storageNamespace, maxHistory: hr.spec.maxHistory)
        guard let latest = try await store.last(name: location.releaseName) else {
            throw ReleaseError(reason: Reason.rollbackFailed, message: "release \(location.releaseName) has no revision in namespace \(location.storageNamespace)")
        }
        let to = revision ?? (latest.version > 1 ? latest.version - 1 : nil)
        guard let to, to != latest.version else {
            throw ReleaseError(reason: Reason.rollbackFailed, message: "release \(location.releaseName) has no earlier revision than \(latest.version) to roll back to")
        }
        let record = try await rollback(store: store, target: target, disableHooks: hr.spec.upgrade.disableHooks, latest: latest, to: to)
        events.record(hr.object, severity: .info, reason: Reason.rollbackSucceeded,
                      message: "Helm rollback of release \(location.namespace)/\(location.releaseName) to revision \(to) succeeded (revision \(record.version)), requested by a user")
        return record
    }
}
