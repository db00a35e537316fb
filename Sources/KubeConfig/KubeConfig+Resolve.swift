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
        if !ctx.user.isEmpty {
            guard let user = users[ctx.user] else {
                throw KubeConfigError(.userNotFound, "user \"\(ctx.user)\" of context \"\(name)\" not found in \(files) \(KubeConfigError.listing(users.keys, "users")); fix the context or add the user")
            }
            credentials = try Self.credentials(of: user, context: name, fallbackFile: files)
        }
        return ClusterConnection(
            server: cluster.server, certificateAuthority: ca, insecureSkipTLSVerify: cluster.insecureSkipTLSVerify,
            tlsServerName: cluster.tlsServerName, proxyURL: cluster.proxyURL,
            namespace: ctx.namespace ?? "default", credentials: credentials, contextName: name)
    }

    /// One authentication method out of a user's fields.
    static func credentials(of user: User, context: String, fallbackFile: String) throws -> Credentials {
        let at = "user \"\(user.name)\" of context \"\(context)\" (\(user.file ?? fallbackFile))"
        let hasToken = user.token?.isEmpty == false || user.tokenFile != nil
        let hasBasic = user.username?.isEmpty == false || user.password?.isEmpty == false
        let hasCert = user.clientCertificate != nil || user.clientCertificateData != nil
            || user.clientKey != nil || user.clientKeyData != nil
        let chosen = [hasToken ? "token" : nil, hasBasic ? "username/password" : nil,
                      hasCert ? "client certificate" : nil, user.exec != nil ? "exec" : nil].compactMap { $0 }
        // client-go also refuses more than one method (token with basic auth); this agent carries
        // exactly one, so any combination is refused with the list of what was found.
        guard chosen.count <= 1 else {
            throw KubeConfigError(.invalid, "\(at) has more than one authentication method (\(chosen.joined(separator: ", "))); keep only one")
        }
        if hasToken {
            // An inline token wins over tokenFile, as in client-go.
            if let token = user.token, !token.isEmpty { return .bearerToken(token) }
            return .bearerTokenFile(path: user.tokenFile!)
        }
        if hasBasic {
            guard let username = user.username, !username.isEmpty else {
                throw KubeConfigError(.incomplete, "\(at) has a password but no username; set username")
            }
            return .basic(username: username, password: user.password ?? "")
        }
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
            return .clientCertificate(certificate: cert, key: key)
        }
        if let exec = user.exec { return .exec(exec) }
        return .none
    }

    static func readFile(_ path: String, _ what: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw KubeConfigError(.credentialUnreadable, "cannot read \(path), the \(what); check that the file exists and is readable")
        }
        return data
    }
}
