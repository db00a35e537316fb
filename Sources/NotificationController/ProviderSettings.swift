import Cluster
import Foundation
import GitOpsAPI

/// Everything a Provider's notifier needs for one delivery: the spec with the Secret's keys
/// laid over it, as Flux's `createNotifier` does. Holds secrets: never log or print it.
struct ProviderSettings: Sendable {
    var type: String
    var address: String
    var token: String?
    /// Extra request headers from the Secret's `headers` key (`Name: value` lines).
    var headers: [(String, String)]
    var channel: String?
    var username: String?
    var timeout: Duration
    /// PEM bundle from `certSecretRef` (`ca.crt`), trusted instead of the system store.
    var caBundle: String?
    var proxy: String?
    /// The Provider's UID; its first segment names commit statuses (`kustomization/web/1a2b3c4d`).
    var providerUID: String

    init(type: String, address: String, token: String? = nil, headers: [(String, String)] = [], channel: String? = nil,
         username: String? = nil, timeout: Duration = .seconds(15), caBundle: String? = nil, proxy: String? = nil, providerUID: String = "")
    {
        self.type = type
        self.address = address
        self.token = token
        self.headers = headers
        self.channel = channel
        self.username = username
        self.timeout = timeout
        self.caBundle = caBundle
        self.proxy = proxy
        self.providerUID = providerUID
    }

    /// The values that must never appear in an error message, event or log line. The address
    /// is one: a Slack or Teams webhook URL is itself the credential.
    var secrets: [String] {
        ([token, address.isEmpty ? nil : address] + headers.map { Optional($0.1) }).compactMap { $0 }.filter { $0.count >= 4 }
    }

    /// Parses the Secret's `headers` value: one `Name: value` per line (Flux reads it as a YAML map).
    static func parseHeaders(_ text: String) -> [(String, String)] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces)
            var value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            // YAML quoting of the value, as a user writing `X-Key: "abc"` means abc.
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = String(value.dropFirst().dropLast())
            }
            return name.isEmpty ? nil : (name, value)
        }
    }
}

extension NotificationController {
    /// Spec values overridden by the Secret's keys (`address`, `token`, `password`, `username`,
    /// `headers`, `proxy`), as Flux does; `ca.crt` from `certSecretRef`.
    func providerSettings(_ provider: Provider) async throws -> ProviderSettings {
        var s = ProviderSettings(type: provider.spec.type, address: provider.spec.address ?? "", channel: provider.spec.channel,
                                 username: provider.spec.username, timeout: provider.spec.timeout.duration,
                                 proxy: provider.spec.proxy, providerUID: provider.metadata.uid)
        let namespace = provider.metadata.namespace
        if let secretRef = provider.spec.secretRef {
            let ref = ObjectRef(apiVersion: "v1", kind: "Secret", namespace: namespace, name: secretRef.name)
            guard let secret = try await cluster.get(ref) else {
                throw ProviderRequest.Failure.misconfigured("secret '\(namespace)/\(secretRef.name)' of Provider \(provider.metadata.name) not found")
            }
            let data = SecretData(secret)
            if let address = data["address"] { s.address = address.trimmingCharacters(in: .whitespacesAndNewlines) }
            // GitHub also takes a personal access token under `password` (Flux's basic-auth form).
            s.token = data["token"]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? data["password"]
            if let username = data["username"] { s.username = username }
            if let proxy = data["proxy"] { s.proxy = proxy.trimmingCharacters(in: .whitespacesAndNewlines) }
            if let headers = data["headers"] { s.headers = ProviderSettings.parseHeaders(headers) }
        }
        if let certRef = provider.spec.certSecretRef {
            let ref = ObjectRef(apiVersion: "v1", kind: "Secret", namespace: namespace, name: certRef.name)
            guard let secret = try await cluster.get(ref) else {
                throw ProviderRequest.Failure.misconfigured("certSecretRef '\(namespace)/\(certRef.name)' of Provider \(provider.metadata.name) not found")
            }
            s.caBundle = SecretData(secret)["ca.crt"]
        }
        return s
    }
}
