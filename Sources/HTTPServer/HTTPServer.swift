import Hummingbird
import Logging
// Graceful stop needs the ServiceGroup that Hummingbird runs under; Hummingbird depends on
// swift-service-lifecycle but does not re-export it.
import ServiceLifecycle
import Synchronization

/// The agent's HTTP server: receivers' hooks (`/hook/…`), `/healthz` and `/readyz` now, the API
/// and metrics later. A thin wrapper over Hummingbird 2 — the only module that imports it — that
/// routes by path prefix to plain `ServerRequest → ServerResponse` handlers, so components stay
/// free of any HTTP framework.
///
/// ```swift
/// let server = HTTPServer(address: try ServerAddress(parsing: "127.0.0.1:0"),
///                         routes: [ServerRoute("/hook/") { request in … }])
/// let port = try await server.start()   // bound; port 0 became a real one
/// …
/// await server.stop()                   // finishes the requests in flight
/// ```
public final class HTTPServer: Sendable {
    /// Flux's receiver and event servers cap request bodies at 3 MiB (`limits.go`).
    public static let defaultMaxBodySize = 3 * 1024 * 1024

    public let address: ServerAddress
    let responder: PrefixResponder
    let logger: Logger

    private enum State {
        case idle
        case starting
        case running(port: Int, group: ServiceGroup, task: Task<Void, Never>)
        case stopped
    }

    private let state = Mutex(State.idle)

    /// - Parameters:
    ///   - routes: matched longest prefix first; `/healthz` and `/readyz` are added unless given.
    ///   - ready: what `/readyz` reports (default: ready while serving).
    public init(address: ServerAddress, routes: [ServerRoute], maxBodySize: Int = HTTPServer.defaultMaxBodySize,
                ready: @escaping @Sendable () async -> Bool = { true }, logger: Logger = Logger(label: "http-server"))
    {
        self.address = address
        self.logger = logger
        var all = routes
        if !all.contains(where: { $0.prefix == "/healthz" }) {
            all.append(ServerRoute("/healthz") { _ in .text(200, "ok") })
        }
        if !all.contains(where: { $0.prefix == "/readyz" }) {
            all.append(ServerRoute("/readyz") { _ in await ready() ? .text(200, "ok") : .text(503, "not ready") })
        }
        responder = PrefixResponder(routes: all.sorted { $0.prefix.count > $1.prefix.count }, maxBodySize: maxBodySize)
    }

    /// The bound port while running (the real one when the address asked for port 0).
    public var port: Int? {
        state.withLock { if case .running(let port, _, _) = $0 { return port } else { return nil } }
    }

    /// Binds the address and serves in the background; returns the bound port once listening.
    /// Throws when the address cannot be bound (in use, not an address of this host).
    @discardableResult
    public func start() async throws -> Int {
        try state.withLock { state in
            guard case .idle = state else { throw ServerError("HTTP server on \(self.address) was already started") }
            state = .starting
        }
        let (bound, report) = AsyncStream<Result<Int, ServerError>>.makeStream()
        let address = self.address
        // Hummingbird announces itself at info; this server logs its own start, once.
        var frameworkLogger = logger
        frameworkLogger.logLevel = max(logger.logLevel, .notice)
        let app = Application(
            responder: responder,
            configuration: ApplicationConfiguration(address: .hostname(address.host, port: address.port)),
            onServerRunning: { channel in report.yield(.success(channel.localAddress?.port ?? address.port)) },
            logger: frameworkLogger
        )
        // No signals: the agent handles SIGTERM itself and stops the server through `stop()`.
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: frameworkLogger))
        // Unstructured on purpose: cancelling the caller must not cut requests off mid-answer;
        // `stop()` shuts the group down gracefully instead.
        let task = Task {
            do {
                try await group.run()
                report.yield(.failure(ServerError("HTTP server on \(address) stopped before it was listening")))
            } catch {
                report.yield(.failure(ServerError("HTTP server cannot listen on \(address): \(error)")))
            }
            report.finish()
        }
        for await result in bound {
            switch result {
            case .success(let port):
                state.withLock { $0 = .running(port: port, group: group, task: task) }
                logger.info("HTTP server listening", metadata: ["address": "\(ServerAddress(host: address.host, port: port))"])
                return port
            case .failure(let error):
                state.withLock { $0 = .stopped }
                throw error
            }
        }
        state.withLock { $0 = .stopped }
        throw ServerError("HTTP server on \(address) did not start")
    }

    /// Stops accepting connections and waits (at most `grace`) for the requests in flight.
    public func stop(grace: Duration = .seconds(5)) async {
        let running: (ServiceGroup, Task<Void, Never>)? = state.withLock { state in
            defer { state = .stopped }
            if case .running(_, let group, let task) = state { return (group, task) }
            return nil
        }
        guard let (group, task) = running else { return }
        await group.triggerGracefulShutdown()
        let deadline = Task {
            try? await Task.sleep(for: grace)
            task.cancel()
        }
        await task.value
        deadline.cancel()
        logger.info("HTTP server stopped")
    }

    /// Starts, serves until the calling task is cancelled, then stops gracefully.
    public func run() async throws {
        try await start()
        while !Task.isCancelled {
            try? await Task.sleep(for: .seconds(3600))
        }
        await stop()
    }
}
