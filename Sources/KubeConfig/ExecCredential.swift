import Foundation
import GitOpsAPI

/// What an exec credential plugin printed: `ExecCredential` of `client.authentication.k8s.io/v1`
/// or `v1beta1`. Its description never shows the token or key.
public struct ExecCredential: Sendable, Hashable, CustomStringConvertible, CustomReflectable {
    public var token: String?
    public var clientCertificateData: String?
    public var clientKeyData: String?
    /// When the credential stops being valid; nil means until the server refuses it (401).
    public var expirationTimestamp: Date?

    public init(token: String? = nil, clientCertificateData: String? = nil, clientKeyData: String? = nil, expirationTimestamp: Date? = nil) {
        self.token = token
        self.clientCertificateData = clientCertificateData
        self.clientKeyData = clientKeyData
        self.expirationTimestamp = expirationTimestamp
    }

    /// The versions of the protocol this decoder accepts.
    public static let supportedAPIVersions = ["client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1"]

    /// Decodes a plugin's stdout. `expectedAPIVersion` is the kubeconfig's `exec.apiVersion`; a
    /// plugin that answers in another version is refused, as kubectl refuses it.
    public static func decode(_ output: Data, expectedAPIVersion: String, command: String) throws -> ExecCredential {
        func bad(_ problem: String) -> KubeConfigError {
            KubeConfigError(.execOutputInvalid, "exec plugin \(command) printed \(problem); check the plugin and the exec.apiVersion of the user in the kubeconfig")
        }
        let value: JSONValue
        do { value = try JSONValue.parse(json: output) } catch { throw bad("output that is not JSON (\(error))") }
        guard value["kind"]?.stringValue == "ExecCredential" else { throw bad("no kind: ExecCredential") }
        let apiVersion = value["apiVersion"]?.stringValue ?? ""
        guard supportedAPIVersions.contains(apiVersion) else { throw bad("unsupported apiVersion \"\(apiVersion)\"") }
        guard apiVersion == expectedAPIVersion else {
            throw bad("apiVersion \"\(apiVersion)\" but the kubeconfig asks for \"\(expectedAPIVersion)\"")
        }
        guard let status = value["status"]?.objectValue else { throw bad("an ExecCredential without status") }
        func field(_ key: String) -> String? { status[key]?.stringValue.flatMap { $0.isEmpty ? nil : $0 } }
        var credential = ExecCredential(
            token: field("token"), clientCertificateData: field("clientCertificateData"), clientKeyData: field("clientKeyData"))
        if let text = field("expirationTimestamp") {
            guard let date = Timestamp.parse(text) else { throw bad("an expirationTimestamp that is not RFC 3339 (\(text))") }
            credential.expirationTimestamp = date
        }
        if (credential.clientCertificateData == nil) != (credential.clientKeyData == nil) {
            throw bad("only one of clientCertificateData and clientKeyData (both are needed)")
        }
        if credential.token == nil && credential.clientCertificateData == nil {
            throw bad("a status with neither token nor clientCertificateData/clientKeyData")
        }
        return credential
    }

    /// Whether the credential may still be used at `now`: before its expiry, or forever when it
    /// has none.
    public func isValid(at now: Date) -> Bool {
        guard let expirationTimestamp else { return true }
        return now < expirationTimestamp
    }

    /// The credentials to present, in this module's terms.
    public var credentials: Credentials {
        if let token { return .bearerToken(token) }
        return .clientCertificate(certificate: Data((clientCertificateData ?? "").utf8), key: Data((clientKeyData ?? "").utf8))
    }

    public var description: String {
        let kind = token != nil ? "token" : "client certificate"
        let until = expirationTimestamp.map { "expires \(Timestamp.format($0))" } ?? "no expiry"
        return "exec credential (\(kind), \(until))"
    }

    public var customMirror: Mirror { Mirror(self, children: ["summary": description]) }
}

/// Holds the last credential a plugin returned and says whether it can be reused, so the plugin
/// runs once per expiry rather than once per request (kubectl caches the same way).
public struct ExecCredentialCache: Sendable {
    public private(set) var current: ExecCredential?

    public init() {}

    /// The cached credential if still valid at `now`, else nil (run the plugin again).
    public func credential(at now: Date) -> ExecCredential? {
        guard let current, current.isValid(at: now) else { return nil }
        return current
    }

    public mutating func store(_ credential: ExecCredential) { current = credential }

    /// Forget the credential, e.g. after the server answered 401 Unauthorized.
    public mutating func invalidate() { current = nil }
}
