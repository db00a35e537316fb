import Foundation
import GitOpsAPI
@testable import NotificationController
import Testing

/// The rules that turn an event into a GitHub or GitLab commit status, without a network.
@Suite("Commit status providers")
struct CommitStatusTests {
    static func settings(_ type: String, _ address: String, token: String? = "t") -> ProviderSettings {
        ProviderSettings(type: type, address: address, token: token, providerUID: "1a2b3c4d-aaaa-bbbb-cccc-123456789012")
    }

    static func url(_ type: String, _ address: String) throws -> String? {
        guard case .send(let request, _) = try ProviderRequest.make(settings: settings(type, address), event: DeliveryHarness.event()) else { return nil }
        return request.url
    }

    @Test("the API base follows the address: api.github.com for github.com, /api/v3 on any other host, /api/v4 for GitLab")
    func apiBase() throws {
        let sha = "731f7eaddfb6af01cb2173e18f0f75b0ba780ef1"
        #expect(try Self.url("github", "https://github.com/acme/webapp") == "https://api.github.com/repos/acme/webapp/statuses/\(sha)")
        #expect(try Self.url("github", "https://github.com/acme/webapp.git") == "https://api.github.com/repos/acme/webapp/statuses/\(sha)")
        #expect(try Self.url("github", "git@github.com:acme/webapp.git") == "https://api.github.com/repos/acme/webapp/statuses/\(sha)")
        #expect(try Self.url("github", "ssh://git@github.com/acme/webapp") == "https://api.github.com/repos/acme/webapp/statuses/\(sha)")
        #expect(try Self.url("github", "https://ghe.example.com/acme/webapp") == "https://ghe.example.com/api/v3/repos/acme/webapp/statuses/\(sha)")
        #expect(try Self.url("github", "http://127.0.0.1:8080/acme/webapp") == "http://127.0.0.1:8080/api/v3/repos/acme/webapp/statuses/\(sha)")
        #expect(try Self.url("gitlab", "https://gitlab.com/group/sub/webapp") == "https://gitlab.com/api/v4/projects/group%2Fsub%2Fwebapp/statuses/\(sha)")
        #expect(try Self.url("gitlab", "https://gitlab.example.com/my.group/web-app.git") == "https://gitlab.example.com/api/v4/projects/my%2Egroup%2Fweb-app/statuses/\(sha)")
    }

    @Test("the status is named kind/name/<first segment of the Provider UID> and described by the split reason")
    func naming() throws {
        #expect(ProviderRequest.commitStatusName(DeliveryHarness.event(), providerUID: "1a2b3c4d-aaaa-bbbb") == "kustomization/webapp/1a2b3c4d")
        #expect(ProviderRequest.statusDescription("ReconciliationSucceeded") == "reconciliation succeeded")
        #expect(ProviderRequest.statusDescription("HealthCheckFailed") == "health check failed")
        #expect(ProviderRequest.statusDescription("HTTPServerFailed") == "http server failed")
        #expect(ProviderRequest.statusDescription("UpgradeFailed2") == "upgrade failed 2")
    }

    @Test("the commit comes from the revision in any of Flux's forms; anything else names no commit")
    func revisions() {
        let sha = "731f7eaddfb6af01cb2173e18f0f75b0ba780ef1"
        #expect(ProviderRequest.commitHash("main@sha1:\(sha)") == sha)
        #expect(ProviderRequest.commitHash("refs/heads/release/v1@sha1:\(sha)") == sha)
        #expect(ProviderRequest.commitHash("sha1:\(sha)") == sha)
        #expect(ProviderRequest.commitHash("main/\(sha)") == sha)
        #expect(ProviderRequest.commitHash(sha.uppercased()) == sha)
        #expect(ProviderRequest.commitHash("6.5.1") == nil)
        #expect(ProviderRequest.commitHash("main@sha1:abc") == nil)
    }

    @Test("events without a revision, Progressing events and trace events set no status, as in Flux")
    func drops() throws {
        for type in ["github", "gitlab"] {
            let s = Self.settings(type, "https://github.com/acme/webapp")
            for event in [DeliveryHarness.event(metadata: [:]), DeliveryHarness.event(.error, reason: "BuildFailed", metadata: [:]),
                          DeliveryHarness.event(reason: "Progressing"), DeliveryHarness.event(.trace)] {
                guard case .skip = try ProviderRequest.make(settings: s, event: event) else {
                    Issue.record("\(type) should skip \(event.reason) \(event.metadata)")
                    continue
                }
            }
        }
    }

    @Test("a commit status provider without a token is a configuration error that names the key, not a secret")
    func needsToken() {
        #expect(throws: ProviderRequest.Failure.self) {
            try ProviderRequest.make(settings: Self.settings("github", "https://github.com/acme/webapp", token: nil), event: DeliveryHarness.event())
        }
    }
}
