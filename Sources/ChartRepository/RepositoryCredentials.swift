import Curl
import Foundation
import GitOpsAPI

/// Credentials for a chart repository, read from the Secret a HelmRepository's `secretRef`
/// names: `username` + `password` (HTTP basic, as Flux and Helm use), or `bearerToken`
/// (`token` also read) for an `Authorization: Bearer` header; TLS from `ca.crt`, `tls.crt`,
/// `tls.key` (Flux's keys; the deprecated `caFile`, `certFile`, `keyFile` also read).
public struct RepositoryCredentials: Sendable {
    public var username: String?
    public var password: String?
    public var bearerToken: String?
    public var tls: CurlRequest.TLSOptions

    public init(username: String? = nil, password: String? = nil, bearerToken: String? = nil,
                tls: CurlRequest.TLSOptions = CurlRequest.TLSOptions()) {
        self.username = username
        self.password = password
        self.bearerToken = bearerToken
        self.tls = tls
    }

    /// Reads the Secret's decoded data; `secretName` is named in errors (the values never are).
    public init(secretData data: [String: String], secretName: String) throws {
        func value(_ keys: String...) -> String? {
            keys.lazy.compactMap { data[$0] }.first { !$0.isEmpty }
        }
        self.init(username: value("username"), password: value("password"), bearerToken: value("bearerToken", "token"))
        if (username == nil) != (password == nil) {
            throw ChartRepositoryError(.invalidConfiguration, "Secret \(secretName) has \(username == nil ? "a password but no username" : "a username but no password"); set both keys for basic authentication")
        }
        if username != nil, bearerToken != nil {
            throw ChartRepositoryError(.invalidConfiguration, "Secret \(secretName) holds both username/password and a bearer token; keep only one")
        }
        tls.caBundlePEM = value("ca.crt", "caFile")
        tls.clientCertificatePEM = value("tls.crt", "certFile")
        tls.clientKeyPEM = value("tls.key", "keyFile")
        if (tls.clientCertificatePEM == nil) != (tls.clientKeyPEM == nil) {
            throw ChartRepositoryError(.invalidConfiguration, "Secret \(secretName) needs both tls.crt and tls.key for client certificate authentication")
        }
    }

    /// Reads a Secret object (its `data`, base64, and `stringData`).
    public init(secret: KubeObject) throws {
        try self.init(secretData: SecretData(secret).all, secretName: "\(secret.namespace ?? "")/\(secret.name)")
    }

    /// The `Authorization` header these credentials send, if any.
    var authorization: String? {
        if let username, let password {
            return "Basic " + Data("\(username):\(password)".utf8).base64EncodedString()
        }
        return bearerToken.map { "Bearer \($0)" }
    }
}
