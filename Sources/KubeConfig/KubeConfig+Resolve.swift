import Foundation

extension KubeConfig {
    /// The connection for `context` (`--context`), else for `current-context`.
    ///
    /// Checks what kubectl checks before it connects: the context, its cluster and its user
    /// exist; the cluster has a server; a CA is not combined with `insecure-skip-tls-verify`;
    /// a user has one authentication method. Certificate and CA files are read here.
    public func resolve(context: String? = nil) throws -> ClusterConnection {
        let files = KubeConfigError.where_(self.files)
        let contextList = KubeConfigError.listing(contexts.keys, "contexts")
        guard let name = (context?.isEmpty == false ? context : currentContext) else {
            throw KubeConfigError(.noContext, "no current-context is set in \(files) \(contextList); pass --context with one of them, or run kubectl config use-context")
        }
        guard let ctx = contexts[name] else {
            let how = context == nil ? "current-context " : ""
            throw KubeConfigError(.contextNotFound, "\(how)context \"\(name)\" not found in \(files) \(contextList); pass --context with one of them")
        }
        let ctxFile = ctx.file ?? files
        guard !ctx.cluster.isEmpty else {
            throw KubeConfigError(.incomplete, "context \"\(name)\" in \(ctxFile) names no cluster; set contexts[].context.cluster")
        }
        guard let cluster = clusters[ctx.cluster] else {
            throw KubeConfigError(.clusterNotFound, "cluster \"\(ctx.cluster)\" of context \"\(name)\" not found in \(files) \(KubeConfigError.listing(clusters.keys, "clusters")); fix the context or add the cluster")
        }
        let clusterFile = cluster.file ?? files
        guard !cluster.server.isEmpty else {
            throw KubeConfigError(.incomplete, "cluster \"\(cluster.name)\" in \(clusterFile) has no server; set clusters[].cluster.server to the API server URL")
        }
        var ca = cluster.certificateAuthorityData
        if ca == nil, let path = cluster.certificateAuthority {
            ca = try Self.readFile(path, "certificate-authority of cluster \"\(cluster.name)\" (\(clusterFile))")
        }
        if cluster.insecureSkipTLSVerify && ca != nil {
            throw KubeConfigError(.invalid, "cluster \"\(cluster.name)\" in \(clusterFile) sets both a certificate authority and insecure-skip-tls-verify; kubectl refuses this too, remove one of them")
        }

        var credentials = Credentials.none
        var clientCertificate: TLSClientCertificate?
        if !ctx.user.isEmpty {
            guard let user = users[ctx.user] else {
                throw KubeConfigError(.userNotFound, "user \"\(ctx.user)\" of context \"\(name)\" not found in \(files) \(KubeConfigError.listing(users.keys, "users")); fix the context or add the user")
            }
            (credentials, clientCertificate) = try Self.credentials(of: user, context: name, fallbackFile: files)
        }
        return ClusterConnection(
            server: cluster.server, certificateAuthority: ca, insecureSkipTLSVerify: cluster.insecureSkipTLSVerify,
            tlsServerName: cluster.tlsServerName, proxyURL: cluster.proxyURL,
            namespace: ctx.namespace ?? "default", credentials: credentials, clientCertificate: clientCertificate, contextName: name)
    }

    /// A user's credentials as client-go combines them: a bearer token (inline, else
    /// `tokenFile`) or basic auth — not both — for the `Authorization` header, a client
    /// certificate in TLS alongside either, and an exec plugin only when none of those is set
    /// (client-go's exec authenticator stands aside for them). A user with only a certificate
    /// is `Credentials.clientCertificate`; with a certificate and a token or basic auth, the
    /// certificate is returned beside them.
    static func credentials(of user: User, context: String, fallbackFile: String) throws -> (Credentials, TLSClientCertificate?) {
        let at = "user \"\(user.name)\" of context \"\(context)\" (\(user.file ?? fallbackFile))"
        let hasToken = user.token?.isEmpty == false || user.tokenFile != nil
        let hasBasic = user.username?.isEmpty == false || user.password?.isEmpty == false
        let hasCert = user.clientCertificate != nil || user.clientCertificateData != nil
            || user.clientKey != nil || user.clientKeyData != nil
        // client-go: "username/password or bearer token may be set, but not both".
        guard !(hasToken && hasBasic) else {
            throw KubeConfigError(.invalid, "\(at) has more than one authentication method (token, username/password); keep only one")
        }
        var certificate: TLSClientCertificate?
        if hasCert {
            var cert = user.clientCertificateData
            if cert == nil, let path = user.clientCertificate { cert = try readFile(path, "client-certificate of \(at)") }
            var key = user.clientKeyData
            if key == nil, let path = user.clientKey { key = try readFile(path, "client-key of \(at)") }
            guard let cert else {
                throw KubeConfigError(.incomplete, "\(at) has a client key but no client certificate; set client-certificate or client-certificate-data")
            }
            guard let key else {
                throw KubeConfigError(.incomplete, "\(at) has a client certificate but no client key; set client-key or client-key-data")
            }
            certificate = TLSClientCertificate(certificate: cert, key: key)
        }
        if hasToken {
            // An inline token wins over tokenFile, as in client-go.
            if let token = user.token, !token.isEmpty { return (.bearerToken(token), certificate) }
            return (.bearerTokenFile(path: user.tokenFile!), certificate)
        }
        if hasBasic {
            guard let username = user.username, !username.isEmpty else {
                throw KubeConfigError(.incomplete, "\(at) has a password but no username; set username")
            }
            return (.basic(username: username, password: user.password ?? ""), certificate)
        }
        if let certificate { return (.clientCertificate(certificate: certificate.certificate, key: certificate.key), nil) }
        if let exec = user.exec { return (.exec(exec), nil) }
        return (.none, nil)
    }

    static func readFile(_ path: String, _ what: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw KubeConfigError(.credentialUnreadable, "cannot read \(path), the \(what); check that the file exists and is readable")
        }
        return data
    }
}
