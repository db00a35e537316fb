import Cluster
import Foundation
import GitOpsAPI
import Logging
import Runtime

/// The Kustomize component: reconciles Flux Kustomizations. For each one it builds the source
/// artifact's path, validates the whole revision with a server dry-run, applies in stages only
/// what drifted, prunes what left the inventory, waits for health, and — when health checks fail
/// — re-applies the last healthy revision and does not try the failed one again until a new
/// revision arrives or a user asks.
public actor KustomizeController: Component {
    public nonisolated let name = "kustomize-controller"
    let cluster: any ClusterClient
    let events: EventRecorder
    let logger: Logger
    let queue = ReconcileQueue<ObjectKey>(concurrency: 4)
    /// Consecutive failures per object, for backoff.
    var failures: [ObjectKey: Int] = [:]
    /// The last object seen per key, to prune when a Kustomization is deleted.
    var observed = ObservedObjects()
    /// The artifact revision last seen per GitRepository.
    var sourceRevisions: [ObjectKey: String] = [:]
    let settings: Settings

    public struct Settings: Sendable {
        /// How often health is polled while waiting.
        public var healthPollInterval: Duration
        /// The longest wait between retries of a failing object.
        public var maxRetryDelay: Duration
        /// How long to wait before checking again when a dependency is not ready.
        public var dependencyRequeue: Duration
        /// Requests in flight at once for one reconcile's dry runs and applies (1 for the
        /// embedded cluster, which serialises them anyway; more for a real API server).
        public var requestConcurrency = 1
        /// Flux's `--default-service-account`: the account a Kustomization without
        /// `serviceAccountName` acts as (multi-tenancy lockdown); nil: as the agent.
        public var defaultServiceAccount: String?

        public init(healthPollInterval: Duration = .milliseconds(250), maxRetryDelay: Duration = .seconds(300), dependencyRequeue: Duration = .seconds(2)) {
            self.healthPollInterval = healthPollInterval
            self.maxRetryDelay = maxRetryDelay
            self.dependencyRequeue = dependencyRequeue
        }
    }

    public init(cluster: any ClusterClient, events: EventLog, settings: Settings = Settings()) {
        self.cluster = cluster
        self.events = EventRecorder(log: events, controller: "kustomize-controller", logger: Logger(label: "kustomize-controller"))
        self.logger = Logger(label: "kustomize-controller")
        self.settings = settings
    }

    public func run() async {
        await queue.run { [weak self] key in
            guard let self else { return nil }
            return await self.reconcile(key)
        }
    }

    /// Wakes a Kustomization when it changes, when its source's artifact changes, and when a
    /// Kustomization it depends on becomes ready.
    public func observe(_ change: ObjectChange) async {
        let object = change.object
        switch (object.apiVersion, object.kind) {
        case (Kustomization.apiVersion, Kustomization.kind):
            let key = ObjectKey(object)
            let previous: KubeObject?
            switch observed.record(change) {
            case .deleted(let last):
                await queue.remove(key)
                await finalize(last)
                return
            case .updated(let before, let trigger):
                previous = before
                if trigger { await queue.wake(key) }
            }
            // A dependency that just became ready wakes its dependents.
            if previous.map({ Conditions(json: $0.status?["conditions"]).isTrue(ConditionType.ready) }) == false,
               Conditions(json: object.status?["conditions"]).isTrue(ConditionType.ready)
            {
                await wakeDependents(of: key)
            }
        case (GitRepository.apiVersion, GitRepository.kind):
            // Only a new artifact matters; status rewrites with the same revision do not.
            let sourceKey = ObjectKey(object)
            let revision = change.kind == .deleted ? nil : object.status?[path: ["artifact", "revision"]]?.stringValue
            guard sourceRevisions[sourceKey] != revision || change.kind == .added else { return }
            sourceRevisions[sourceKey] = revision
            for key in observed.referencing(object, at: ["spec", "sourceRef"]) { await queue.wake(key) }
        default: break
        }
    }

    func wakeDependents(of dependency: ObjectKey) async {
        for (key, ks) in observed.lastSeen {
            let deps = ks.body[path: ["spec", "dependsOn"]]?.arrayValue ?? []
            if deps.contains(where: { ($0["name"]?.stringValue == dependency.name) && (($0["namespace"]?.stringValue ?? key.namespace) == dependency.namespace) }) {
                await queue.wake(key)
            }
        }
    }

    /// The reconcile ladder: each guard returns when to run again.
    func reconcile(_ key: ObjectKey) async -> Duration? {
        let started = ContinuousClock.now
        let ref = ObjectRef(apiVersion: Kustomization.apiVersion, kind: Kustomization.kind, namespace: key.namespace, name: key.name)
        // Deleted: nothing to do (finalize ran from the watch).
        guard let object = try? await cluster.get(ref) else { return nil }
        let ks: Kustomization
        do {
            ks = try Kustomization(object)
        } catch {
            // An invalid spec needs a person: Stalled, no retry until the object changes.
            await setStalled(object, reason: Reason.invalidSpec, message: "\(error)")
            return nil
        }
        // Suspended: keep everything as it is.
        if ks.spec.suspend {
            logger.debug("suspended", metadata: ["kustomization": "\(key)"])
            return nil
        }
        let outcome = await runPhases(ks)
        let next = await commit(ks, outcome)
        logger.info("reconciled", metadata: [
            "kustomization": "\(key)", "revision": "\(outcome.revision ?? "-")",
            "result": "\(outcome.result.summary)",
            "duration": "\(String(format: "%.3fs", (ContinuousClock.now - started).seconds))",
        ])
        GitOpsMetrics.current?.reconciled(kind: Kustomization.kind, namespace: key.namespace, name: key.name, since: started)
        await GitOpsMetrics.current?.queueDepth(component: name, queue.depth)
        return next
    }
}
