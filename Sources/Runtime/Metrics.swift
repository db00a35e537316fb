import Metrics

/// The agent's metrics, named as Flux names them so Flux's dashboards and alerts work unchanged
/// (`gotk_reconcile_duration_seconds`, `gotk_reconcile_condition`, `gotk_suspend_status`), plus
/// the agent's own (`gitops_…`).
///
/// Records through swift-metrics with an explicit factory rather than the process-wide
/// `MetricsSystem`: `MetricsSystem.bootstrap` may run only once per process, and tests start
/// several agents in one process, each with a registry of its own. Components reach the facade
/// of the agent that runs them through the task-local ``current``, which the agent binds around
/// its components' tasks, so their initializers need no extra parameter. Outside an agent
/// (unit tests of one component) `current` is nil and nothing is recorded.
///
/// Labels hold kinds, namespaces, names, provider names and results only — never a URL, a
/// message or anything read from a Secret.
public final class GitOpsMetrics: Sendable {
    /// The facade of the agent running the current task, if any.
    @TaskLocal public static var current: GitOpsMetrics?

    /// Metric names, shared with the Prometheus exposition (help texts, buckets) and the tests.
    public enum Name {
        public static let reconcileDuration = "gotk_reconcile_duration_seconds"
        public static let reconcileCondition = "gotk_reconcile_condition"
        public static let suspendStatus = "gotk_suspend_status"
        public static let notifications = "gitops_notifications_total"
        public static let queueDepth = "gitops_queue_depth"
        public static let gitFetchDuration = "gitops_git_fetch_duration_seconds"
        public static let applyDuration = "gitops_apply_duration_seconds"
        public static let driftedObjects = "gitops_drifted_objects"
    }

    /// The values of `gotk_reconcile_condition`'s `status` label; exactly one is 1 per object.
    public static let conditionStatuses = ["True", "False", "Unknown", "Deleted"]

    /// How a notification attempt ended, the `result` label of `gitops_notifications_total`.
    public enum NotificationResult: String, Sendable {
        /// The provider accepted it.
        case sent
        /// The attempt failed and will be retried.
        case failed
        /// Given up: retries exhausted, too old, or refused for good.
        case undeliverable
    }

    let factory: any MetricsFactory

    public init(factory: any MetricsFactory) {
        self.factory = factory
    }

    static func objectLabels(_ kind: String, _ namespace: String, _ name: String) -> [(String, String)] {
        [("kind", kind), ("name", name), ("namespace", namespace)]
    }

    /// One finished reconcile of an object (any result), from the start of the reconcile.
    public func reconciled(kind: String, namespace: String, name: String, since start: ContinuousClock.Instant) {
        Timer(label: Name.reconcileDuration, dimensions: Self.objectLabels(kind, namespace, name), factory: factory)
            .recordNanoseconds(Self.nanoseconds(ContinuousClock.now - start))
    }

    /// The object's Ready condition status (`True`, `False`, `Unknown`), or `Deleted`: sets that
    /// series to 1 and the other statuses to 0, as Flux's `RecordCondition` does.
    public func condition(kind: String, namespace: String, name: String, status: String) {
        let status = Self.conditionStatuses.contains(status) ? status : "Unknown"
        for candidate in Self.conditionStatuses {
            Gauge(label: Name.reconcileCondition,
                  dimensions: Self.objectLabels(kind, namespace, name) + [("type", "Ready"), ("status", candidate)], factory: factory)
                .record(candidate == status ? 1 : 0)
        }
    }

    /// Whether the object is suspended (`spec.suspend`).
    public func suspended(kind: String, namespace: String, name: String, _ suspended: Bool) {
        Gauge(label: Name.suspendStatus, dimensions: Self.objectLabels(kind, namespace, name), factory: factory)
            .record(suspended ? 1 : 0)
    }

    /// One notification attempt's end, by Provider (`namespace/name`).
    public func notification(provider: String, result: NotificationResult) {
        Counter(label: Name.notifications, dimensions: [("provider", provider), ("result", result.rawValue)], factory: factory)
            .increment()
    }

    /// How many keys a component's queue holds (due now or scheduled for later).
    public func queueDepth(component: String, _ depth: Int) {
        Gauge(label: Name.queueDepth, dimensions: [("component", component)], factory: factory).record(Double(depth))
    }

    /// One Git fetch (and export, when new) of a GitRepository, from `start`.
    public func gitFetch(since start: ContinuousClock.Instant) {
        Timer(label: Name.gitFetchDuration, dimensions: [], factory: factory)
            .recordNanoseconds(Self.nanoseconds(ContinuousClock.now - start))
    }

    /// How many objects of a Kustomization in `driftDetection.mode: warn` differ from Git.
    public func drifted(kind: String, namespace: String, name: String, objects: Int) {
        Gauge(label: Name.driftedObjects, dimensions: Self.objectLabels(kind, namespace, name), factory: factory).record(Double(objects))
    }

    /// One server-side apply (not a dry run) of one object.
    public func applied(_ duration: Duration) {
        Timer(label: Name.applyDuration, dimensions: [], factory: factory).recordNanoseconds(Self.nanoseconds(duration))
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
