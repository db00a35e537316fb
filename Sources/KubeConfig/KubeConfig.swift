import Foundation

/// A kubeconfig: the clusters, users and contexts read from one file or merged from several, as
/// `kubectl` reads them. Pure values: nothing here opens a connection.
///
/// Relative file paths are already absolute (resolved against the file that named them) and
/// `*-data` fields are already base64-decoded.
public struct KubeConfig: Sendable, Hashable {
    /// Clusters by name.
    public var clusters: [String: Cluster]
    /// Users (kubectl's "auth infos") by name.
    public var users: [String: User]
    /// Contexts by name.
    public var contexts: [String: Context]
    /// The context used when none is named; nil when no file set it.
    public var currentContext: String?
    /// The files this configuration was read from, in merge order (for error messages).
    public var files: [String]

    public init(
        clusters: [String: Cluster] = [:], users: [String: User] = [:], contexts: [String: Context] = [:],
        currentContext: String? = nil, files: [String] = []
    ) {
        self.clusters = clusters
        self.users = users
        self.contexts = contexts
        self.currentContext = currentContext
        self.files = files
    }
}

extension KubeConfig {
    /// A named cluster: where the API server is and how to trust it.
    public struct Cluster: Sendable, Hashable {
        public var name: String
        public var server: String
        /// Absolute path of a PEM CA bundle.
        public var certificateAuthority: String?
        /// A PEM CA bundle (decoded from `certificate-authority-data`).
        public var certificateAuthorityData: Data?
        public var insecureSkipTLSVerify: Bool
        public var tlsServerName: String?
        public var proxyURL: String?
        /// The kubeconfig file this cluster was read from.
        public var file: String?

        public init(
            name: String, server: String, certificateAuthority: String? = nil, certificateAuthorityData: Data? = nil,
            insecureSkipTLSVerify: Bool = false, tlsServerName: String? = nil, proxyURL: String? = nil, file: String? = nil
        ) {
            self.name = name
            self.server = server
            self.certificateAuthority = certificateAuthority
            self.certificateAuthorityData = certificateAuthorityData
            self.insecureSkipTLSVerify = insecureSkipTLSVerify
            self.tlsServerName = tlsServerName
            self.proxyURL = proxyURL
            self.file = file
        }
    }

    /// A named user: how to authenticate. Its description names the methods, never the secrets.
    public struct User: Sendable, Hashable, CustomStringConvertible, CustomReflectable {
        public var name: String
        public var token: String?
        /// Absolute path of a file holding a bearer token.
        public var tokenFile: String?
        /// Absolute path of a PEM client certificate.
        public var clientCertificate: String?
        public var clientCertificateData: Data?
        /// Absolute path of a PEM client key.
        public var clientKey: String?
        public var clientKeyData: Data?
        public var username: String?
        public var password: String?
        public var exec: ExecConfig?
        /// The kubeconfig file this user was read from.
        public var file: String?

        public init(
            name: String, token: String? = nil, tokenFile: String? = nil, clientCertificate: String? = nil,
            clientCertificateData: Data? = nil, clientKey: String? = nil, clientKeyData: Data? = nil,
            username: String? = nil, password: String? = nil, exec: ExecConfig? = nil, file: String? = nil
        ) {
            self.name = name
            self.token = token
            self.tokenFile = tokenFile
            self.clientCertificate = clientCertificate
            self.clientCertificateData = clientCertificateData
            self.clientKey = clientKey
            self.clientKeyData = clientKeyData
            self.username = username
            self.password = password
            self.exec = exec
            self.file = file
        }

        /// The authentication methods this user carries, by kubeconfig field name.
        public var methods: [String] {
            var m: [String] = []
            if token != nil { m.append("token") }
            if tokenFile != nil { m.append("tokenFile") }
            if clientCertificate != nil || clientCertificateData != nil { m.append("client-certificate") }
            if clientKey != nil || clientKeyData != nil { m.append("client-key") }
            if username != nil || password != nil { m.append("username/password") }
            if exec != nil { m.append("exec") }
            return m
        }

        public var description: String {
            "user \"\(name)\" (\(methods.isEmpty ? "no credentials" : methods.joined(separator: ", ")))"
        }

        // `dump` and debuggers read the mirror: show the methods, not the values.
        public var customMirror: Mirror {
            Mirror(self, children: ["name": name, "methods": methods, "file": file as Any], displayStyle: .struct)
        }
    }

    /// A named context: a cluster, a user and a default namespace.
    public struct Context: Sendable, Hashable {
        public var name: String
        public var cluster: String
        public var user: String
        public var namespace: String?
        /// The kubeconfig file this context was read from.
        public var file: String?

        public init(name: String, cluster: String, user: String = "", namespace: String? = nil, file: String? = nil) {
            self.name = name
            self.cluster = cluster
            self.user = user
            self.namespace = namespace
            self.file = file
        }
    }

    /// An exec credential plugin (`users[].user.exec`), run to obtain a token or client certificate.
    public struct ExecConfig: Sendable, Hashable {
        /// The `client.authentication.k8s.io` version the plugin speaks.
        public var apiVersion: String
        /// The program: absolute when the kubeconfig gave a path with a separator, else looked up on PATH.
        public var command: String
        public var args: [String]
        /// Extra environment for the plugin, in order.
        public var env: [EnvVar]
        /// `Never`, `IfAvailable` or `Always`; kubectl's default is `IfAvailable`.
        public var interactiveMode: String
        public var provideClusterInfo: Bool

        public struct EnvVar: Sendable, Hashable {
            public var name: String
            public var value: String
            public init(name: String, value: String) {
                self.name = name
                self.value = value
            }
        }

        public init(
            apiVersion: String, command: String, args: [String] = [], env: [EnvVar] = [],
            interactiveMode: String = "IfAvailable", provideClusterInfo: Bool = false
        ) {
            self.apiVersion = apiVersion
            self.command = command
            self.args = args
            self.env = env
            self.interactiveMode = interactiveMode
            self.provideClusterInfo = provideClusterInfo
        }
    }
}
