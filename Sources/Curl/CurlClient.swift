import CGitOpsCurl

/// The agent's HTTP client: every outgoing request (notifications, and later the Kubernetes API
/// and chart repositories) goes through one of these.
///
/// Transfers run concurrently on one dedicated thread (libcurl's multi interface), never on
/// Swift's cooperative pool, so slow servers cannot starve the agent's other tasks. Connections
/// are kept alive and reused between requests to the same host.
///
/// ```swift
/// let client = CurlClient()
/// let response = try await client.perform(CurlRequest(
///     method: "POST", url: "https://hooks.example.com/flux",
///     headers: [("Content-Type", "application/json")], body: Array(json.utf8)))
/// ```
public final class CurlClient: Sendable {
    private let loop: CurlMultiLoop

    /// Starts the client's transfer thread. At most `maxConcurrent` transfers are on the wire at
    /// once; further requests wait in submission order.
    public init(maxConcurrent: Int = 8) {
        loop = CurlMultiLoop(maxConcurrent: maxConcurrent)
    }

    deinit {
        // No perform call can be in flight here: each one holds a reference to the client.
        loop.stop()
    }

    /// Sends `request` and returns the server's response, whatever its status.
    ///
    /// - Throws: ``CurlError`` when no response arrived (connection, TLS, DNS, timeout, or an
    ///   invalid request); `CancellationError` when the calling task was cancelled, in which
    ///   case the transfer is aborted.
    public func perform(_ request: CurlRequest) async throws -> CurlResponse {
        try request.validate()
        try Task.checkCancellation()
        let loop = self.loop
        let id = loop.makeID()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                loop.submit(CurlMultiLoop.Job(id: id, request: request, continuation: continuation))
                // A cancel that arrived before the submission found nothing to abort; the
                // cancelled flag is set before the handler runs, so this catches it.
                if Task.isCancelled { loop.cancel(id) }
            }
        } onCancel: {
            loop.cancel(id)
        }
    }
}

extension CurlClient {
    /// The libcurl this build links and its TLS library (`7.88.1, OpenSSL/3.0.x`), for `gitops check`.
    public static var libraryVersion: String {
        guard let info = curl_version_info(CURLVERSION_FOURTH)?.pointee else { return "unknown" }
        let version = info.version.map { String(cString: $0) } ?? "unknown"
        let ssl = info.ssl_version.map { String(cString: $0) } ?? "no TLS"
        return "\(version), \(ssl)"
    }
}
