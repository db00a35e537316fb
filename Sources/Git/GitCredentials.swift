/// Credentials from a GitRepository's `spec.secretRef`, all optional.
///
/// HTTP(S): `username` + `password` (basic auth) or `bearerToken` (sent as
/// `Authorization: Bearer …`). SSH: `sshIdentity` (the private key text, ed25519 or ECDSA —
/// RSA keys are refused by the libssh2 this is built with), `sshPassphrase` for an encrypted
/// key, and `knownHosts`, which SSH requires: hosts not listed are rejected.
public struct GitCredentials: Sendable {
    public var username: String?
    public var password: String?
    public var bearerToken: String?
    public var sshIdentity: String?
    public var sshPassphrase: String?
    public var knownHosts: String?

    public init(
        username: String? = nil, password: String? = nil, bearerToken: String? = nil,
        sshIdentity: String? = nil, sshPassphrase: String? = nil, knownHosts: String? = nil
    ) {
        self.username = username
        self.password = password
        self.bearerToken = bearerToken
        self.sshIdentity = sshIdentity
        self.sshPassphrase = sshPassphrase
        self.knownHosts = knownHosts
    }
}

extension GitCredentials: CustomStringConvertible {
    /// Says which fields are set, never their values, so a credentials value can be logged.
    public var description: String {
        let set = [
            username.map { _ in "username" }, password.map { _ in "password" }, bearerToken.map { _ in "bearerToken" },
            sshIdentity.map { _ in "identity" }, sshPassphrase.map { _ in "passphrase" }, knownHosts.map { _ in "known_hosts" },
        ].compactMap { $0 }
        return "GitCredentials(\(set.joined(separator: ", ")))"
    }
}
