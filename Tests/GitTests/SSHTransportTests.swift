import Foundation
import Git
import TestSupport
import Testing

/// Each test starts its own sshd on a free loopback port; they share nothing.
@Suite("Fetching over SSH from a real sshd")
struct SSHTransportTests {
    static func setUp() throws -> (GitFixture, String, GitSSHServer, String) {
        let repo = try GitFixture()
        try repo.write("app.yaml", "kind: Secret\n")
        let commit = try repo.commit("Over SSH")
        let bare = try repo.makeBare(named: "repo.git")
        let server = try GitSSHServer()
        return (repo, commit, server, server.url(bare))
    }

    @Test("fetches with an authorized ed25519 key and a matching known_hosts")
    func authorizedKey() async throws {
        let (repo, commit, server, url) = try Self.setUp()
        defer { server.stop(); withExtendedLifetime(repo) {} }
        let credentials = GitCredentials(sshIdentity: server.clientKey.privateKey, knownHosts: server.knownHostsLine)
        let checkout = try await fetched(url, credentials: credentials) { try $0.resolve(.branch("main")) }
        #expect(checkout.commit == commit, "sshd log:\n\(server.log)")
    }

    @Test("also accepts the scp-like form on the default port")
    func scpLikeParses() throws {
        let mirror = try GitMirror(url: "git@example.invalid:org/repo.git", directory: try scratchDirectory())
        #expect(mirror.url == "git@example.invalid:org/repo.git")
    }

    @Test("a key the server does not know is reported as rejected")
    func wrongKey() async throws {
        let (repo, _, server, url) = try Self.setUp()
        defer { server.stop(); withExtendedLifetime(repo) {} }
        let stranger = try GitSSHServer.generateKey(type: "ed25519")
        let error = try await fetchError(url, credentials: GitCredentials(sshIdentity: stranger.privateKey, knownHosts: server.knownHostsLine))
        #expect(error.kind == .authenticationFailed, "\(error)")
        #expect(error.message.contains("rejected the SSH key"), "\(error)")
        #expect(!error.message.contains("PRIVATE KEY"))
    }

    @Test("an RSA key's rejection says RSA does not work here")
    func rsaKey() async throws {
        let (repo, _, server, url) = try Self.setUp()
        defer { server.stop(); withExtendedLifetime(repo) {} }
        let rsa = try GitSSHServer.generateKey(type: "rsa")
        let error = try await fetchError(url, credentials: GitCredentials(sshIdentity: rsa.privateKey, knownHosts: server.knownHostsLine))
        #expect(error.kind == .authenticationFailed, "\(error)")
        #expect(error.message.contains("RSA"), "\(error)")
    }

    @Test("an unknown or changed host key is refused before authenticating")
    func unknownHost() async throws {
        let (repo, _, server, url) = try Self.setUp()
        defer { server.stop(); withExtendedLifetime(repo) {} }
        let key = server.clientKey.privateKey
        let otherHostKey = try GitSSHServer.generateKey(type: "ed25519").publicKey.split(separator: " ").prefix(2).joined(separator: " ")

        let unknown = try await fetchError(url, credentials: GitCredentials(sshIdentity: key, knownHosts: "example.com \(otherHostKey)"))
        #expect(unknown.kind == .untrustedHost, "\(unknown)")
        #expect(unknown.message.contains("not in known_hosts"), "\(unknown)")

        let changed = try await fetchError(url, credentials: GitCredentials(sshIdentity: key, knownHosts: "[127.0.0.1]:\(server.port) \(otherHostKey)"))
        #expect(changed.kind == .untrustedHost, "\(changed)")
        #expect(changed.message.contains("does not match"), "\(changed)")

        let none = try await fetchError(url, credentials: GitCredentials(sshIdentity: key))
        #expect(none.kind == .untrustedHost, "\(none)")
    }
}
