import EmbeddedCluster
import Foundation
import Hummingbird
import Logging
// Stopping gracefully needs the ServiceGroup Hummingbird runs under (not re-exported by it).
import ServiceLifecycle
import Synchronization

/// A Kubernetes API server on loopback for tests and benchmarks: an `EmbeddedCluster` behind
/// the documented REST API (paths, verbs, content types, query parameters, `Status` bodies).
/// Never used against a real cluster.
///
/// It serves discovery (`/api`, `/apis`, `/api/v1`, `/apis/G/V`, built from the kinds the
/// cluster serves, CRDs included), `GET` of objects and lists (`labelSelector`, `limit` and
/// `continue`), `POST`, `PUT` (and `…/status`), `PATCH` with `application/apply-patch+yaml`
/// (other patch types are answered 415), `DELETE` with `propagationPolicy`, and `dryRun=All`,
/// `fieldManager` and `force` on writes, and `SelfSubjectAccessReview`s answered by the
/// authorizer. Errors are `Status` objects with kube's code and reason.
///
/// Tests can arm faults (`inject`), read the request log (`requests`), change who may call
/// (`authentication`, `authorizer`). Plain HTTP; `TLSFrontProxy` in TestSupport puts TLS with
/// client certificates in front.
///
/// ```swift
/// let server = KubeAPIServer(cluster: try EmbeddedCluster.inMemory())
/// let url = try await server.start()          // http://127.0.0.1:PORT
/// let client = KubeClient(connection: ClusterConnection(server: url))
/// …
/// await server.stop()
/// ```
public final class KubeAPIServer: Sendable {
    public let cluster: EmbeddedCluster
    let logger: Logger
    let state = Mutex(State())

    struct State: Sendable {
        var authentication: Authentication
        var authorizer: @Sendable (RequestAttributes) -> Bool = { _ in true }
        var faults = FaultPlan()
        var refusesUnconditionalCustomResourceUpdates = true
        var log: [LoggedRequest] = []
        var task: Task<Void, Never>?
        var group: ServiceGroup?
        var port: Int?

        init(authentication: Authentication = .anonymous) { self.authentication = authentication }
    }

    public init(cluster: EmbeddedCluster, authentication: Authentication = .anonymous,
                logger: Logger = Logger(label: "kube-apiserver")) {
        self.cluster = cluster
        self.logger = logger
        state.withLock { $0.authentication = authentication }
    }

    deinit { state.withLock { $0.task?.cancel() } }

    /// Listens on `127.0.0.1` (port 0: any free port) and returns `http://127.0.0.1:PORT`.
    @discardableResult
    public func start(port: Int = 0) async throws -> String {
        let (bound, report) = AsyncStream<Int?>.makeStream()
        var quiet = logger
        // Hummingbird reports the cancellation that stops it as an error; only worse is worth showing.
        quiet.logLevel = .critical
        let app = Application(
            responder: APIResponder(server: self),
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: port), serverName: "kube-apiserver"),
            onServerRunning: { channel in report.yield(channel.localAddress?.port) },
            logger: quiet)
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: quiet))
        let task = Task {
            do { try await group.run() } catch { report.yield(nil) }
            report.finish()
        }
        for await port in bound {
            guard let port else { break }
            state.withLock { $0.task = task; $0.group = group; $0.port = port }
            return "http://127.0.0.1:\(port)"
        }
        task.cancel()
        throw KubeAPIServerError("the test API server could not listen on 127.0.0.1:\(port)")
    }

    /// Stops serving and waits for the listener to close: a graceful shutdown (connections
    /// accepted but not yet served are closed properly; cancelling the server instead can trap
    /// in NIO, apple/swift-nio#3481), cancelled if requests in flight take over `grace`.
    public func stop(grace: Duration = .seconds(2)) async {
        let running = state.withLock { state -> (Task<Void, Never>, ServiceGroup?)? in
            defer { state.task = nil; state.group = nil; state.port = nil }
            return state.task.map { ($0, state.group) }
        }
        guard let (task, group) = running else { return }
        guard let group else { task.cancel(); await task.value; return }
        await group.triggerGracefulShutdown()
        let deadline = Task {
            try? await Task.sleep(for: grace)
            task.cancel()
        }
        await task.value
        deadline.cancel()
    }

    /// The bound port while running.
    public var port: Int? { state.withLock { $0.port } }

    /// `http://127.0.0.1:PORT` while running.
    public var url: String? { port.map { "http://127.0.0.1:\($0)" } }

    /// Who may call; changes apply to the next request (token rotation tests).
    public var authentication: Authentication {
        get { state.withLock { $0.authentication } }
        set { state.withLock { $0.authentication = newValue } }
    }

    /// Whether a `PUT` of a custom resource (a kind served through a CRD) without
    /// `metadata.resourceVersion` is refused with 422, as kube-apiserver refuses it: the custom
    /// resource strategy does not allow unconditional updates ("metadata.resourceVersion:
    /// Invalid value: 0x0: must be specified for an update"). On by default, as on a real server.
    public var refusesUnconditionalCustomResourceUpdates: Bool {
        get { state.withLock { $0.refusesUnconditionalCustomResourceUpdates } }
        set { state.withLock { $0.refusesUnconditionalCustomResourceUpdates = newValue } }
    }

    /// Decides whether an authenticated user may do what a request asks; a refusal is 403.
    public func setAuthorizer(_ authorizer: @escaping @Sendable (RequestAttributes) -> Bool) {
        state.withLock { $0.authorizer = authorizer }
    }

    /// Arms `fault` for the next `times` requests whose path starts with `pathPrefix` (and
    /// whose method is `method`, when given). `dryRun: false` spares server dry runs (so a
    /// fault meant for an apply is not spent on the dry run validating it first); `true`
    /// hits only them.
    public func inject(_ fault: Fault, times: Int = 1, pathPrefix: String = "/", method: String? = nil, dryRun: Bool? = nil) {
        state.withLock {
            $0.faults.entries.append(.init(fault: fault, remaining: times, pathPrefix: pathPrefix, method: method, dryRun: dryRun))
        }
    }

    /// Disarms every fault not yet played.
    public func clearFaults() { state.withLock { $0.faults.entries.removeAll() } }

    /// Every request served so far, in arrival order.
    public var requests: [LoggedRequest] { state.withLock { $0.log } }

    /// Empties the request log.
    public func clearRequests() { state.withLock { $0.log.removeAll() } }
}

/// Why the test server could not do something.
public struct KubeAPIServerError: Error, Sendable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
