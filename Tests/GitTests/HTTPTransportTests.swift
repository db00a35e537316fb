import Foundation
import Git
import TestSupport
import Testing

@Suite("Fetching over HTTP from git http-backend")
struct HTTPTransportTests {
    static func servedRepository() throws -> (GitFixture, String) {
        let repo = try GitFixture()
        try repo.write("app.yaml", "kind: Service\n")
        let commit = try repo.commit("Serve me")
        try repo.makeBare(named: "repo.git")
        return (repo, commit)
    }

    @Test("fetches anonymously")
    func anonymous() async throws {
        let (repo, commit) = try Self.servedRepository()
        let server = try GitHTTPServer(root: repo.root)
        defer { server.stop(); withExtendedLifetime(repo) {} }
        let checkout = try await fetched(server.url("repo.git")) { try $0.resolve(.branch("main")) }
        #expect(checkout.commit == commit)
    }

    @Test("fetches with the right Basic credentials and rejects a wrong password without echoing it")
    func basicAuth() async throws {
        let (repo, commit) = try Self.servedRepository()
        let server = try GitHTTPServer(root: repo.root, auth: .basic(username: "flux", password: "correct-horse"))
        defer { server.stop(); withExtendedLifetime(repo) {} }
        let good = GitCredentials(username: "flux", password: "correct-horse")
        let checkout = try await fetched(server.url("repo.git"), credentials: good) { try $0.resolve(.branch("main")) }
        #expect(checkout.commit == commit)

        let error = try await fetchError(server.url("repo.git"), credentials: GitCredentials(username: "flux", password: "wrong-battery"))
        #expect(error.kind == .authenticationFailed, "\(error)")
        #expect(error.message.contains("rejected the username 'flux'"), "\(error)")
        #expect(!error.message.contains("wrong-battery"))

        let none = try await fetchError(server.url("repo.git"))
        #expect(none.kind == .authenticationFailed, "\(none)")
        #expect(none.message.contains("secretRef"), "\(none)")
    }

    @Test("sends a bearer token and reports a rejected one")
    func bearer() async throws {
        let (repo, commit) = try Self.servedRepository()
        let server = try GitHTTPServer(root: repo.root, auth: .bearer(token: "tkn-good-0123"))
        defer { server.stop(); withExtendedLifetime(repo) {} }
        let checkout = try await fetched(server.url("repo.git"), credentials: GitCredentials(bearerToken: "tkn-good-0123")) {
            try $0.resolve(.branch("main"))
        }
        #expect(checkout.commit == commit)

        let error = try await fetchError(server.url("repo.git"), credentials: GitCredentials(bearerToken: "tkn-bad-9876"))
        #expect(error.kind == .authenticationFailed, "\(error)")
        #expect(error.message.contains("bearer token") && !error.message.contains("tkn-bad-9876"), "\(error)")
    }

    @Test("a repository the server does not have is notFound")
    func missing() async throws {
        let (repo, _) = try Self.servedRepository()
        let server = try GitHTTPServer(root: repo.root)
        defer { server.stop(); withExtendedLifetime(repo) {} }
        let error = try await fetchError(server.url("absent.git"))
        #expect(error.kind == .notFound, "\(error)")
    }

    @Test("a server slower than the timeout fails with a timeout error")
    func timeout() async throws {
        let (repo, _) = try Self.servedRepository()
        let server = try GitHTTPServer(root: repo.root, delay: 1.0)
        defer { server.stop(); withExtendedLifetime(repo) {} }
        let error = try await fetchError(server.url("repo.git"), timeout: .milliseconds(300))
        #expect(error.kind == .timeout, "\(error)")
        #expect(error.message.contains("300ms"), "\(error)")
    }
}
