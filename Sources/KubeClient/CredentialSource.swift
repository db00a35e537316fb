import Foundation
import KubeConfig

/// What one request presents to the API server: an `Authorization` header and/or a client
/// certificate. Never printed.
struct RequestAuth: Sendable {
    var authorization: String?
    var clientCertificatePEM: String?
    var clientKeyPEM: String?
}

/// Produces the credentials of each request from a `ClusterConnection`, the way client-go's
/// transport does: an inline token as is, a token file re-read on every request (so a rotated
/// service-account token is picked up), basic auth as `Authorization: Basic`, a client
/// certificate through TLS, and an exec plugin run once and cached until the credential's
/// `expirationTimestamp` — or until the server answers 401, after which it runs again once.
final class CredentialSource: Sendable {
    let credentials: Credentials
    /// Presented in TLS beside a token or basic auth.
    let clientCertificate: TLSClientCertificate?
    private let exec: ExecState?

    init(connection: ClusterConnection, environment: [String: String]) {
        credentials = connection.credentials
        clientCertificate = connection.clientCertificate
        if case .exec(let config) = connection.credentials {
            exec = ExecState(config: config, environment: environment, connection: connection)
        } else {
            exec = nil
        }
    }

    /// Whether a 401 may be cured by asking again (only plugin credentials can change by
    /// themselves; a token file is re-read on every request anyway).
    var canRefresh: Bool { exec != nil }

    /// The credentials for the next request.
    func current() async throws -> RequestAuth {
        var auth = try await authorization()
        if let clientCertificate, auth.clientCertificatePEM == nil {
            auth.clientCertificatePEM = String(decoding: clientCertificate.certificate, as: UTF8.self)
            auth.clientKeyPEM = String(decoding: clientCertificate.key, as: UTF8.self)
        }
        return auth
    }

    private func authorization() async throws -> RequestAuth {
        switch credentials {
        case .none:
            return RequestAuth()
        case .bearerToken, .bearerTokenFile:
            let token = try credentials.currentBearerToken() ?? ""
            return RequestAuth(authorization: token.isEmpty ? nil : "Bearer \(token)")
        case .basic(let username, let password):
            return RequestAuth(authorization: "Basic " + Data("\(username):\(password)".utf8).base64EncodedString())
        case .clientCertificate(let certificate, let key):
            return RequestAuth(clientCertificatePEM: String(decoding: certificate, as: UTF8.self),
                               clientKeyPEM: String(decoding: key, as: UTF8.self))
        case .exec:
            let credential = try await exec!.credential()
            if let token = credential.token { return RequestAuth(authorization: "Bearer \(token)") }
            return RequestAuth(clientCertificatePEM: credential.clientCertificateData, clientKeyPEM: credential.clientKeyData)
        }
    }

    /// The server refused the credentials (401): forget a plugin's cached credential.
    func invalidate() async { await exec?.invalidate() }

    /// How many times the exec plugin ran (tests check it runs once per credential lifetime).
    var execRuns: Int { get async { await exec?.runs ?? 0 } }
}

/// The exec plugin's cache; one plugin run at a time, shared by concurrent requests.
private actor ExecState {
    let config: KubeConfig.ExecConfig
    let environment: [String: String]
    let connection: ClusterConnection
    var cache = ExecCredentialCache()
    var inFlight: Task<ExecCredential, Error>?
    private(set) var runs = 0

    init(config: KubeConfig.ExecConfig, environment: [String: String], connection: ClusterConnection) {
        self.config = config
        self.environment = environment
        self.connection = connection
    }

    func credential() async throws -> ExecCredential {
        if let cached = cache.credential(at: Date()) { return cached }
        if let inFlight { return try await inFlight.value }
        runs += 1
        let (config, environment, connection) = (self.config, self.environment, self.connection)
        // The plugin blocks while it runs: keep it off Swift's cooperative pool.
        let task = Task<ExecCredential, Error> {
            try await withCheckedThrowingContinuation { continuation in
                Thread.detachNewThread {
                    continuation.resume(with: Result {
                        try ExecPlugin.run(config, environment: environment, cluster: connection)
                    })
                }
            }
        }
        inFlight = task
        defer { inFlight = nil }
        let credential = try await task.value
        cache.store(credential)
        return credential
    }

    func invalidate() { cache.invalidate() }
}
