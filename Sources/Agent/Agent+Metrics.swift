import Cluster
import CoreMetrics
import GitOpsAPI
import HTTPServer
import Prometheus
import Runtime

/// One agent's Prometheus registry and the swift-metrics factory over it: a registry per agent,
/// never the process-wide `MetricsSystem`, so several agents can run in one test process.
struct AgentMetricsStore: Sendable {
    let registry = PrometheusCollectorRegistry()
    let facade: GitOpsMetrics

    init() {
        facade = GitOpsMetrics(factory: DescribedPrometheusFactory(registry: registry))
    }

    /// `GET /metrics`: the registry in Prometheus text exposition format 0.0.4.
    var route: ServerRoute {
        let registry = self.registry
        return ServerRoute("/metrics") { _ in
            ServerResponse(status: 200, headers: [("Content-Type", "text/plain; version=0.0.4; charset=utf-8")], body: registry.emitToBuffer())
        }
    }

    /// The kinds whose Ready condition and suspension are exported, as Flux's controllers do.
    static let conditionKinds: Set<String> = [GitRepository.kind, Kustomization.kind, Receiver.kind]

    /// Updates `gotk_reconcile_condition` and `gotk_suspend_status` from a watched change: the
    /// status the components write is the truth, so no component has to report it twice.
    func observe(_ change: ObjectChange) {
        let object = change.object
        guard Self.conditionKinds.contains(object.kind) else { return }
        let namespace = object.namespace ?? ""
        guard change.kind != .deleted else {
            facade.condition(kind: object.kind, namespace: namespace, name: object.name, status: "Deleted")
            facade.suspended(kind: object.kind, namespace: namespace, name: object.name, false)
            return
        }
        let ready = Conditions(json: object.status?["conditions"])[ConditionType.ready]
        facade.condition(kind: object.kind, namespace: namespace, name: object.name, status: ready?.status.rawValue ?? "Unknown")
        facade.suspended(kind: object.kind, namespace: namespace, name: object.name, object.body[path: ["spec", "suspend"]]?.boolValue ?? false)
    }
}

/// swift-prometheus's factory, but each family gets a `# HELP` line and buckets that suit it.
///
/// The stock factory registers every metric with an empty help text, and the registry refuses
/// (fatally) a second registration of a name with a different help text, so the help must be
/// given at the one place metrics are made: here.
struct DescribedPrometheusFactory: MetricsFactory {
    let registry: PrometheusCollectorRegistry
    let stock: PrometheusMetricsFactory

    init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
        stock = PrometheusMetricsFactory(registry: registry)
    }

    static let help: [String: String] = [
        GitOpsMetrics.Name.reconcileDuration: "The duration in seconds of a GitOps Toolkit resource reconciliation.",
        GitOpsMetrics.Name.reconcileCondition: "The current condition status of a GitOps Toolkit resource reconciliation.",
        GitOpsMetrics.Name.suspendStatus: "The current suspend status of a GitOps Toolkit resource.",
        GitOpsMetrics.Name.notifications: "Notification delivery attempts by Provider and result (sent, failed, undeliverable).",
        GitOpsMetrics.Name.queueDepth: "Objects waiting in a component's reconcile queue (due now or scheduled).",
        GitOpsMetrics.Name.gitFetchDuration: "The duration in seconds of fetching (and exporting) a GitRepository.",
        GitOpsMetrics.Name.applyDuration: "The duration in seconds of one server-side apply of one object.",
        GitOpsMetrics.Name.driftedObjects: "Objects of a Kustomization in driftDetection.mode warn that differ from Git and were left so.",
    ]

    /// Seconds; reconciles wait for health, so the top buckets reach minutes (Flux uses
    /// Prometheus' defaults, which stop at 10s and hide slow health checks).
    static let durationBuckets: [Duration] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300]
        .map { Duration.milliseconds(Int64($0 * 1000)) }

    func descriptor(_ label: String) -> MetricNameDescriptor {
        MetricNameDescriptor(metricName: label, unitName: "", helpText: Self.help[label] ?? "")
    }

    func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler {
        registry.makeCounter(descriptor: descriptor(label), labels: dimensions)
    }

    func makeFloatingPointCounter(label: String, dimensions: [(String, String)]) -> any FloatingPointCounterHandler {
        registry.makeCounter(descriptor: descriptor(label), labels: dimensions)
    }

    func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler {
        aggregate ? stock.makeRecorder(label: label, dimensions: dimensions, aggregate: true)
            : registry.makeGauge(descriptor: descriptor(label), labels: dimensions)
    }

    func makeMeter(label: String, dimensions: [(String, String)]) -> any MeterHandler {
        registry.makeGauge(descriptor: descriptor(label), labels: dimensions)
    }

    func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler {
        registry.makeDurationHistogram(descriptor: descriptor(label), labels: dimensions, buckets: Self.durationBuckets)
    }

    func destroyCounter(_ handler: any CounterHandler) { stock.destroyCounter(handler) }
    func destroyFloatingPointCounter(_ handler: any FloatingPointCounterHandler) { stock.destroyFloatingPointCounter(handler) }
    func destroyRecorder(_ handler: any RecorderHandler) { stock.destroyRecorder(handler) }
    func destroyMeter(_ handler: any MeterHandler) { stock.destroyMeter(handler) }
    func destroyTimer(_ handler: any TimerHandler) { stock.destroyTimer(handler) }
}

/// The cluster as the Kustomize component sees it, timing each real apply for
/// `gitops_apply_duration_seconds`; dry runs (validation, drift detection) are not counted.
struct TimedApplyCluster: ClusterClient {
    let base: any ClusterClient
    let metrics: GitOpsMetrics

    func apply(_ object: KubeObject, options: ApplyOptions) async throws -> ApplyResult {
        guard !options.dryRun else { return try await base.apply(object, options: options) }
        let start = ContinuousClock.now
        defer { metrics.applied(ContinuousClock.now - start) }
        return try await base.apply(object, options: options)
    }

    func get(_ ref: ObjectRef) async throws -> KubeObject? { try await base.get(ref) }
    func list(_ query: ListQuery) async throws -> [KubeObject] { try await base.list(query) }
    func create(_ object: KubeObject, options: WriteOptions) async throws -> KubeObject { try await base.create(object, options: options) }
    func update(_ object: KubeObject, options: WriteOptions) async throws -> KubeObject { try await base.update(object, options: options) }
    func updateStatus(_ object: KubeObject, options: WriteOptions) async throws -> KubeObject {
        try await base.updateStatus(object, options: options)
    }
    func delete(_ ref: ObjectRef, options: DeleteOptions) async throws -> Bool { try await base.delete(ref, options: options) }
    func resource(apiVersion: String, kind: String) async throws -> ResourceInfo {
        try await base.resource(apiVersion: apiVersion, kind: kind)
    }
    func servedResources() async throws -> ServedResources { try await base.servedResources() }
    func serverVersion() async throws -> ServerVersion { try await base.serverVersion() }
    func impersonating(serviceAccount name: String, namespace: String) -> any ClusterClient {
        TimedApplyCluster(base: base.impersonating(serviceAccount: name, namespace: namespace), metrics: metrics)
    }
}
