import CGitOpsGit2

/// State shared with libgit2's C callbacks during one fetch (passed as their `payload`).
///
/// libgit2 calls the credentials callback again after a server rejects what it returned, so
/// the session counts attempts and fails on the second one with a message that names what
/// was rejected. The first failure a callback records wins over libgit2's own message, which
/// is often just "unknown error" or "callback failed".
final class FetchSession {
    let url: GitURL
    let credentials: GitCredentials?
    let deadline: ContinuousClock.Instant
    let timeout: Duration
    let redact: Redactor
    private let knownHosts: KnownHosts?
    private var userpassAttempts = 0
    private var sshKeyAttempts = 0
    /// Set by a callback that aborted the fetch; thrown instead of libgit2's message.
    private(set) var failure: GitError?

    init(url: GitURL, credentials: GitCredentials?, timeout: Duration) {
        self.url = url
        self.credentials = credentials
        self.timeout = timeout
        self.deadline = .now + timeout
        self.redact = Redactor(credentials, url: url)
        self.knownHosts = credentials?.knownHosts.map(KnownHosts.init)
    }

    /// Records the first failure and returns the code the callback hands back to libgit2.
    private func fail(_ error: GitError, code: git_error_code) -> Int32 {
        if failure == nil { failure = redact(error) }
        // libgit2 keeps a message set by the callback instead of a generic one.
        _ = git_error_set_str(Int32(GIT_ERROR_CALLBACK.rawValue), failure!.message)
        return code.rawValue
    }

    /// Called from every callback: aborts once the deadline has passed. libgit2 1.5 has no
    /// socket timeouts, so a server that goes completely silent is only caught at its next
    /// message; `GitWorker` callers stay responsive because the work is off the async pool.
    func checkDeadline() -> Int32 {
        guard ContinuousClock.now > deadline else { return 0 }
        return fail(GitError(.timeout,
            "fetching \(url.display) did not finish within \(timeout.formatted): raise spec.timeout or check the network and server"),
            code: GIT_EUSER)
    }

    // MARK: credentials

    func acquireCredential(_ out: UnsafeMutablePointer<UnsafeMutablePointer<git_credential>?>, usernameFromURL: String?, allowed: UInt32) -> Int32 {
        if case let code = checkDeadline(), code != 0 { return code }
        let sshUser = usernameFromURL ?? url.user ?? credentials?.username ?? "git"

        if allowed & GIT_CREDENTIAL_USERNAME.rawValue != 0 {
            return git_credential_username_new(out, sshUser)
        }
        if allowed & (GIT_CREDENTIAL_SSH_MEMORY.rawValue | GIT_CREDENTIAL_SSH_KEY.rawValue) != 0 {
            return sshKeyCredential(out, user: sshUser)
        }
        if allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT.rawValue != 0 {
            return userpassCredential(out)
        }
        return fail(GitError(.authenticationFailed,
            "authentication failed for \(url.display): the server asked for a kind of credentials this agent does not support"),
            code: GIT_EAUTH)
    }

    private func sshKeyCredential(_ out: UnsafeMutablePointer<UnsafeMutablePointer<git_credential>?>, user: String) -> Int32 {
        guard let identity = credentials?.sshIdentity, !identity.isEmpty else {
            return fail(GitError(.authenticationFailed,
                "authentication failed for \(url.display): the server requires an SSH key, but the secret has no 'identity'"),
                code: GIT_EAUTH)
        }
        sshKeyAttempts += 1
        guard sshKeyAttempts == 1 else {
            var message = "authentication failed for \(url.display): the server rejected the SSH key for user '\(user)'"
            if SSHKeyAlgorithm(privateKey: identity) == .rsa {
                message += "; it is an RSA key, which this agent's libssh2 can only sign with SHA-1 (ssh-rsa) and current servers refuse: use an ed25519 or ECDSA key"
            } else {
                message += "; check that its public key is authorized on the server (deploy key or user key)"
            }
            return fail(GitError(.authenticationFailed, message), code: GIT_EAUTH)
        }
        // libssh2 derives the public key from the private one, so none is passed.
        let code = git_credential_ssh_key_memory_new(out, user, nil, identity, credentials?.sshPassphrase)
        if code < 0 {
            return fail(GitError(.authenticationFailed,
                "cannot use the SSH key in the secret's 'identity': \(Libgit2.lastError().message)"), code: GIT_EAUTH)
        }
        return code
    }

    private func userpassCredential(_ out: UnsafeMutablePointer<UnsafeMutablePointer<git_credential>?>) -> Int32 {
        if let username = credentials?.username, let password = credentials?.password {
            userpassAttempts += 1
            guard userpassAttempts == 1 else {
                return fail(GitError(.authenticationFailed,
                    "authentication failed for \(url.display): the server rejected the username '\(username)' and its password; check the secret's username and password"),
                    code: GIT_EAUTH)
            }
            return git_credential_userpass_plaintext_new(out, username, password)
        }
        if credentials?.bearerToken != nil {
            return fail(GitError(.authenticationFailed,
                "authentication failed for \(url.display): the server rejected the bearer token; check the secret's bearerToken (GitHub, GitLab and Bitbucket want tokens as username/password instead)"),
                code: GIT_EAUTH)
        }
        if let password = url.password, let username = url.user {
            userpassAttempts += 1
            guard userpassAttempts == 1 else {
                return fail(GitError(.authenticationFailed,
                    "authentication failed for \(url.display): the server rejected the credentials in the URL"), code: GIT_EAUTH)
            }
            return git_credential_userpass_plaintext_new(out, username, password)
        }
        return fail(GitError(.authenticationFailed,
            "authentication required by \(url.display): set spec.secretRef to a secret with username and password (or bearerToken)"),
            code: GIT_EAUTH)
    }

    // MARK: host keys

    /// Verifies an SSH host key against `known_hosts`; TLS certificates keep libgit2's own check.
    func checkCertificate(_ cert: UnsafeMutablePointer<git_cert>, host: String) -> Int32 {
        if case let code = checkDeadline(), code != 0 { return code }
        guard cert.pointee.cert_type == GIT_CERT_HOSTKEY_LIBSSH2 else { return GIT_PASSTHROUGH.rawValue }
        let hostkey = UnsafeMutableRawPointer(cert).assumingMemoryBound(to: git_cert_hostkey.self).pointee
        let port = url.sshPort
        guard let knownHosts else {
            return fail(GitError(.untrustedHost,
                "cannot verify the SSH host key of \(host): the secret has no 'known_hosts'; add the output of 'ssh-keyscan -p \(port) \(host)'"),
                code: GIT_ECERTIFICATE)
        }
        guard hostkey.type.rawValue & GIT_CERT_SSH_RAW.rawValue != 0, let raw = hostkey.hostkey else {
            return fail(GitError(.untrustedHost, "cannot verify the SSH host key of \(host): libssh2 did not provide it"),
                        code: GIT_ECERTIFICATE)
        }
        let key = Array(UnsafeRawBufferPointer(start: raw, count: hostkey.hostkey_len))
        let name = port == 22 ? host : "[\(host)]:\(port)"
        switch knownHosts.verify(host: host, port: port, key: key) {
        case .trusted:
            return 0
        case .unknown:
            return fail(GitError(.untrustedHost,
                "SSH host \(name) is not in known_hosts: add its key (ssh-keyscan -p \(port) \(host)) to the secret's known_hosts"),
                code: GIT_ECERTIFICATE)
        case .mismatch:
            return fail(GitError(.untrustedHost,
                "SSH host key of \(name) does not match known_hosts: the key changed or someone is intercepting the connection; verify the new key before updating known_hosts"),
                code: GIT_ECERTIFICATE)
        case .revoked:
            return fail(GitError(.untrustedHost, "SSH host key of \(name) is marked @revoked in known_hosts"),
                        code: GIT_ECERTIFICATE)
        }
    }
}

extension Duration {
    /// "60s", "1.5s", "250ms": short and unambiguous for messages.
    var formatted: String {
        let millis = components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
        if millis % 1000 == 0 { return "\(millis / 1000)s" }
        if millis < 1000 { return "\(millis)ms" }
        return "\(Double(millis) / 1000)s"
    }
}
