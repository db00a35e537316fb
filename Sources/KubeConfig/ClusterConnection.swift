import Foundation

/// Everything needed to talk to one API server: where, how to trust it, who we are.
/// Its description names the server and the kind of credentials, never their values.
public struct ClusterConnection: Sendable, Hashable, CustomStringConvertible {
    /// The API server URL, e.g. `https://10.0.0.1:443`.
    public var server: String
    /// PEM CA bundle to trust; nil means the system trust store.
    public var certificateAuthority: Data?
    public var insecureSkipTLSVerify: Bool
    /// The name to verify the server certificate against, when it differs from the URL host.
    public var tlsServerName: String?
    public var proxyURL: String?
    /// The default namespace: the context's, else `default`.
    public var namespace: String
    public var credentials: Credentials
    /// A client certificate presented in TLS alongside a bearer token or basic auth (client-go
    /// sends both when a user has both); a user with only a certificate has
    /// `Credentials.clientCertificate` instead.
    public var clientCertificate: TLSClientCertificate?
    /// The context this came from (`nil` in-cluster), for messages.
    public var contextName: String?

    public init(
        server: String, certificateAuthority: Data? = nil, insecureSkipTLSVerify: Bool = false,
        tlsServerName: String? = nil, proxyURL: String? = nil, namespace: String = "default",
        credentials: Credentials = .none, clientCertificate: TLSClientCertificate? = nil, contextName: String? = nil
    ) {
        self.clientCertificate = clientCertificate
        self.server = server
        self.certificateAuthority = certificateAuthority
        self.insecureSkipTLSVerify = insecureSkipTLSVerify
        self.tlsServerName = tlsServerName
        self.proxyURL = proxyURL
        self.namespace = namespace
        self.credentials = credentials
        self.contextName = contextName
    }

    public var description: String {
        let from = contextName.map { "context \"\($0)\"" } ?? "in-cluster"
        let certificate = clientCertificate == nil ? "" : " and client certificate"
        return "\(server) (\(from), namespace \(namespace), \(credentials)\(certificate))"
    }
}

/// A PEM client certificate and its key. Descriptions and mirrors never show them.
public struct TLSClientCertificate: Sendable, Hashable, CustomStringConvertible, CustomReflectable {
    public var certificate: Data
    public var key: Data

    public init(certificate: Data, key: Data) {
        self.certificate = certificate
        self.key = key
    }

    public var description: String { "client certificate" }
    public var customMirror: Mirror { Mirror(self, children: ["kind": description]) }
}

/// How to authenticate to the API server. Descriptions and mirrors never show secret values.
public enum Credentials: Sendable, Hashable, CustomStringConvertible, CustomReflectable {
    case none
    /// A bearer token given inline.
    case bearerToken(String)
    /// A bearer token read from a file on every use (or when it changes), so rotation is picked up.
    case bearerTokenFile(path: String)
    /// A PEM client certificate and key.
    case clientCertificate(certificate: Data, key: Data)
    case basic(username: String, password: String)
    /// Run a plugin for a token or client certificate; see `ExecCredentialCache`.
    case exec(KubeConfig.ExecConfig)

    public var description: String {
        switch self {
        case .none: return "no credentials"
        case .bearerToken: return "bearer token"
        case .bearerTokenFile(let path): return "bearer token from \(path)"
        case .clientCertificate: return "client certificate"
        case .basic(let username, _): return "basic auth as \(username)"
        case .exec(let e): return "exec plugin \(e.command)"
        }
    }

    public var customMirror: Mirror { Mirror(self, children: ["kind": description]) }

    /// The bearer token to send now: inline, or read afresh from its file (trimmed).
    /// Nil for credentials that are not a bearer token.
    public func currentBearerToken() throws -> String? {
        switch self {
        case .bearerToken(let t): return t
        case .bearerTokenFile(let path):
            guard let data = FileManager.default.contents(atPath: path) else {
                throw KubeConfigError(.credentialUnreadable, "cannot read token file \(path); check that it exists and is readable")
            }
            return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        default: return nil
        }
    }
}
