import Cluster
import Curl
import Foundation
import GitOpsAPI
import Logging
import Runtime

/// The Release component: reconciles Flux HelmReleases. For each one it loads the chart (from a
/// GitRepository artifact or a HelmRepository), composes the values, decides one Helm action
/// (install, upgrade, rollback, uninstall — `ReleaseDecision`), performs it against the cluster
/// with release records Helm itself reads, waits for health, runs tests when enabled, and
/// remediates failures exactly as Flux's `install/upgrade.remediation` say.
public actor ReleaseController: Component {
    public nonisolated let name = "helm-controller"
    let cluster: any ClusterClient
    let events: EventRecorder
    let logger = Logger(label: "helm-controller")
    let queue = ReconcileQueue<ObjectKey>(concurrency: 4)
    let settings: Settings
    let http: CurlClient
    /// Consecutive failed reconciles per object, for backoff.
    var failures: [ObjectKey: Int] = [:]
    /// The last object seen per key: to uninstall when a HelmRelease is deleted, and to wake
    /// the releases of a source that changed.
    var observed = ObservedObjects()
    var sourceRevisions: [ObjectKey: String] = [:]

    public struct Settings: Sendable {
        public var healthPollInterval: Duration = .milliseconds(250)
        public var maxRetryDelay: Duration = .seconds(300)
        public var dependencyRequeue: Duration = .seconds(2)
        /// Where downloaded chart archives are cached (by digest); nil: no cache.
        public var chartCacheDirectory: String?
        /// Flux's `--default-service-account`: the account a HelmRelease without
        /// `serviceAccountName` acts as; nil: as the agent.
        public var defaultServiceAccount: String?
        public init() {}
    }

    public init(cluster: any ClusterClient, events: EventLog, http: CurlClient, settings: Settings = Settings()) {
        self.cluster = cluster
        self.events = EventRecorder(log: events, controller: "helm-controller", logger: Logger(label: "helm-controller"))
        self.http = http
        self.settings = settings
    }

    public func run() async {
        await queue.run { [weak self] key in
            guard let self else { return nil }
            return await self.reconcile(key)
        }
    }

    /// Wakes a HelmRelease when it changes, when a user asks, when its source has a new
    /// artifact, and uninstalls when it is deleted.
    public func observe(_ change: ObjectChange) async {
        let object = change.object
        switch (object.apiVersion, object.kind) {
        case (HelmRelease.apiVersion, HelmRelease.kind):
            let key = ObjectKey(object)
            switch observed.record(change) {
            case .deleted(let last):
                await queue.remove(key)
                await finalize(last)
            case .updated(_, let trigger):
                if trigger { await queue.wake(key) }
            }
        case (GitRepository.apiVersion, GitRepository.kind), (HelmRepository.apiVersion, HelmRepository.kind):
            let sourceKey = ObjectKey(object)
            let revision = object.status?[path: ["artifact", "revision"]]?.stringValue ?? "\(object.generation)"
            guard change.kind != .deleted, sourceRevisions[sourceKey] != revision else { return }
            sourceRevisions[sourceKey] = revision
            for key in observed.referencing(object, at: ["spec", "chart", "spec", "sourceRef"]) { await queue.wake(key) }
        default: break
        }
    }

    /// The reconcile ladder: each guard returns when to run again.
    func reconcile(_ key: ObjectKey) async -> Duration? {
        let started = ContinuousClock.now
        let ref = ObjectRef(apiVersion: HelmRelease.apiVersion, kind: HelmRelease.kind, namespace: key.namespace, name: key.name)
        // Deleted: nothing to do (finalize ran from the watch).
        guard let object = try? await cluster.get(ref) else { return nil }
        let hr: HelmRelease
        do {
            hr = try HelmRelease(object)
        } catch {
            // An invalid spec needs a person: Stalled, no retry until the object changes.
            await setStalled(object, reason: Reason.invalidSpec, message: "\(error)")
            return nil
        }
        // Suspended: keep everything as it is.
        if hr.spec.suspend { return nil }
        let outcome = await runPhases(hr)
        let next = await commit(hr, outcome)
        logger.info("reconciled", metadata: [
            "helmrelease": "\(key)", "chart": "\(outcome.chartVersion ?? "-")", "result": "\(outcome.summary)",
            "duration": "\(String(format: "%.3fs", (ContinuousClock.now - started).seconds))",
        ])
        GitOpsMetrics.current?.reconciled(kind: HelmRelease.kind, namespace: key.namespace, name: key.name, since: started)
        await GitOpsMetrics.current?.queueDepth(component: name, queue.depth)
        return next
    }
}
