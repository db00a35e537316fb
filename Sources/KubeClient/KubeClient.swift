import Cluster
import Curl
import Foundation
import GitOpsAPI
import KubeConfig
import Logging
import Synchronization

/// A real Kubernetes API server behind the `ClusterClient` protocol, over HTTP(S) through libcurl.
///
/// It speaks the documented REST API (https://kubernetes.io/docs/reference/using-api/api-concepts/):
/// core objects under `/api/v1`, groups under `/apis/GROUP/VERSION`, namespaced objects under
/// `…/namespaces/NS/PLURAL/NAME`, status through the `/status` subresource, server-side apply as
/// `PATCH` with `application/apply-patch+yaml`, and `dryRun=All` for server dry runs. Kinds are
/// resolved through discovery (cached; see `KubeClient+Discovery.swift`).
///
/// Failures arrive as the API's `Status` objects and become `ClusterError`s with the server's
/// reason and message. 429 and 5xx answers are retried with exponential backoff that honours
/// `Retry-After`, as client-go does, within `RetryPolicy`'s bounds; a connection that breaks after
/// a write was sent is an error, never a success. At most `maxConcurrent` requests are on the
/// wire at once (the `CurlClient`'s limit).
///
/// Credentials are attached per request: a token file is re-read every time (rotation), an exec
/// plugin runs once per credential lifetime and again after a 401. Secrets never reach logs or
/// error messages.
public final class KubeClient: ClusterClient, Sendable {
    public let connection: ClusterConnection
    public let retryPolicy: RetryPolicy
    /// The limit of one attempt (connect, TLS, send, receive).
    public let requestTimeout: Duration
    /// Objects per page when listing (`limit`); the server may return fewer.
    public let pageSize: Int
    let curl: CurlClient
    let logger: Logger
    let counters: RequestCounters
    let discovery: DiscoveryCache
    let credentials: CredentialSource
    /// `https://host:port` without a trailing slash (a path in the server URL is kept as
    /// prefix), and the connection mapping for `tls-server-name`.
    let address: ServerAddress
    /// Sent as `Impersonate-User` on every request (see `impersonating(serviceAccount:namespace:)`).
    let impersonatedUser: String?

    /// - Parameters:
    ///   - maxConcurrent: requests on the wire at once; more wait in order.
    ///   - environment: the environment exec plugins run with (the agent's, by default).
    public init(
        connection: ClusterConnection, maxConcurrent: Int = 8, retryPolicy: RetryPolicy = RetryPolicy(),
        requestTimeout: Duration = .seconds(30), pageSize: Int = 500,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        logger: Logger = Logger(label: "kube-client")
    ) {
        self.connection = connection
        self.retryPolicy = retryPolicy
        self.requestTimeout = requestTimeout
        self.pageSize = pageSize
        self.curl = CurlClient(maxConcurrent: maxConcurrent)
        self.counters = RequestCounters()
        self.discovery = DiscoveryCache()
        self.logger = logger
        self.credentials = CredentialSource(connection: connection, environment: environment)
        self.address = ServerAddress(server: connection.server, tlsServerName: connection.tlsServerName)
        self.impersonatedUser = nil
    }

    /// A client sharing this one's connections, credentials, discovery cache and counters, whose
    /// requests act as `user` (kube's user impersonation).
    private init(_ base: KubeClient, impersonating user: String) {
        connection = base.connection
        retryPolicy = base.retryPolicy
        requestTimeout = base.requestTimeout
        pageSize = base.pageSize
        curl = base.curl
        logger = base.logger
        counters = base.counters
        discovery = base.discovery
        credentials = base.credentials
        address = base.address
        impersonatedUser = user
    }

    /// Requests as `system:serviceaccount:NAMESPACE:NAME` (`Impersonate-User`); the server adds
    /// the account's groups and refuses unless the agent may `impersonate` it.
    public func impersonating(serviceAccount name: String, namespace: String) -> any ClusterClient {
        KubeClient(self, impersonating: "system:serviceaccount:\(namespace):\(name)")
    }

    /// How many requests this client sent, by class. A benchmark reads it before and after a run.
    public var requestCounts: RequestCounts { counters.snapshot() }

    /// Forgets everything discovery learnt; the next lookup asks the server again. Call it after
    /// applying or deleting a CustomResourceDefinition (apply does it by itself for CRDs).
    public func invalidateDiscovery() { discovery.invalidateAll() }
}
