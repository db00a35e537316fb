import Cluster
import Curl
import Foundation
import GitOpsAPI
import Hashing
import Testing
import TestSupport
import YAML

/// Receivers end to end: the agent's HTTP server on an ephemeral port, a real Git repository,
/// the embedded cluster, and hook calls made with the project's libcurl client. Intervals are
/// an hour, so only a hook can make the agent fetch again.
@Suite("Receivers wake the agent", .serialized)
struct ReceiverTests {
    static let token = "s3cr3t-webhook-token"
    let client = CurlClient()

    /// An agent on one ConfigMap (`settings`, value `one`), Ready, with the token Secret and
    /// the Receivers in `receivers` (name → type and extra spec lines).
    func startAgent(receivers: [(name: String, type: String, extra: String)] = [("github", "github", "  events: [push]\n")])
        async throws -> (AgentHarness, base: String)
    {
        let h = try AgentHarness(files: ["deploy/ns.yaml": Manifests.namespace, "deploy/cm.yaml": Manifests.configMap("settings", data: "one")],
                                 interval: "1h", httpAddress: "127.0.0.1:0")
        h.start()
        let port = try await h.httpPort()
        #expect(await h.eventually { try h.ready()?.status == .true })
        try h.kubectlApply(try object("""
            apiVersion: v1
            kind: Secret
            metadata:
              name: webhook-token
              namespace: flux-system
            stringData:
              token: \(Self.token)
            """))
        for receiver in receivers {
            try h.kubectlApply(try object("""
                apiVersion: notification.toolkit.fluxcd.io/v1
                kind: Receiver
                metadata:
                  name: \(receiver.name)
                  namespace: flux-system
                spec:
                  type: \(receiver.type)
                \(receiver.extra)  secretRef:
                    name: webhook-token
                  resources:
                  - kind: GitRepository
                    name: flux-system
                """))
        }
        return (h, "http://127.0.0.1:\(port)")
    }

    func object(_ yaml: String) throws -> KubeObject {
        KubeObject(try YAML.parse(yaml))
    }

    /// Flux's path, computed independently of the agent.
    static func path(_ name: String) -> String {
        "/hook/" + Hex.encode(SHA256.hash(token + name + "flux-system"))
    }

    /// Waits until the Receiver's status carries its path, and checks the Ready condition.
    func waitForPath(_ h: AgentHarness, _ name: String) async throws -> String {
        let expected = Self.path(name)
        #expect(await h.eventually {
            try h.get(Receiver.apiVersion, Receiver.kind, "flux-system", name)?.status?["webhookPath"]?.stringValue == expected
        }, "Receiver \(name) never got its webhookPath")
        let ready = Conditions(json: try h.get(Receiver.apiVersion, Receiver.kind, "flux-system", name)?.status?["conditions"])[ConditionType.ready]
        #expect(ready?.status == .true)
        #expect(ready?.reason == "Succeeded")
        #expect(ready?.message == "Receiver initialized for path: \(expected)")
        return expected
    }

    func post(_ url: String, _ body: String, headers: [(String, String)]) async throws -> CurlResponse {
        try await client.perform(CurlRequest(method: "POST", url: url, headers: [("Content-Type", "application/json")] + headers, body: Array(body.utf8)))
    }

    static func githubSignature(_ body: String, key: String = token) -> String {
        "sha256=" + Hex.encode(HMAC.sha256(key: Array(key.utf8), message: Array(body.utf8)))
    }

    func value(_ h: AgentHarness) throws -> String? {
        try h.get("v1", "ConfigMap", "apps", "settings")?.body[path: ["data", "value"]]?.stringValue
    }

    func requestedAt(_ h: AgentHarness) throws -> String? {
        try h.get(GitRepository.apiVersion, GitRepository.kind, "flux-system", "flux-system")?.annotations[Annotations.requestedAt]
    }

    @Test("a push with a valid GitHub signature gets a new commit applied within two seconds; ping is 200; an unknown path is 404")
    func validGitHubPush() async throws {
        let (h, base) = try await startAgent()
        let path = try await waitForPath(h, "github")

        // GitHub pings a hook when it is created: answered, nothing reconciled, even though
        // `events` lists only push.
        let ping = #"{"zen":"Keep it logically awesome.","hook_id":1}"#
        let pong = try await post(base + path, ping, headers: [("X-GitHub-Event", "ping"), ("X-Hub-Signature-256", Self.githubSignature(ping))])
        #expect(pong.status == 200)
        #expect(try requestedAt(h) == nil)

        let unknown = try await post(base + "/hook/" + String(repeating: "0", count: 64), ping, headers: [("X-GitHub-Event", "ping")])
        #expect(unknown.status == 404)

        let commit = try h.commit(["deploy/cm.yaml": Manifests.configMap("settings", data: "two")])
        let push = #"{"ref":"refs/heads/main","after":"\#(commit)","repository":{"full_name":"acme/fleet"}}"#
        let start = ContinuousClock.now
        let response = try await post(base + path, push, headers: [("X-GitHub-Event", "push"), ("X-GitHub-Delivery", UUID().uuidString),
                                                                   ("X-Hub-Signature-256", Self.githubSignature(push))])
        #expect(response.status == 200, "\(response.text)")
        #expect(await h.eventually(.seconds(2)) { try value(h) == "two" })
        let elapsed = ContinuousClock.now - start
        #expect(elapsed < .seconds(2), "applied \(elapsed) after the POST")
        #expect(await h.eventually { try h.ready()?.message == "Applied revision: main@sha1:\(commit)" })
        await h.stop()
    }

    @Test("a bad signature is 401 and triggers nothing")
    func badSignature() async throws {
        let (h, base) = try await startAgent()
        let path = try await waitForPath(h, "github")
        try h.commit(["deploy/cm.yaml": Manifests.configMap("settings", data: "two")])
        let push = #"{"ref":"refs/heads/main"}"#

        let wrongKey = try await post(base + path, push, headers: [("X-GitHub-Event", "push"), ("X-Hub-Signature-256", Self.githubSignature(push, key: "guess"))])
        #expect(wrongKey.status == 401)
        #expect(!wrongKey.text.contains(Self.token))
        let tampered = try await post(base + path, push + " ", headers: [("X-GitHub-Event", "push"), ("X-Hub-Signature-256", Self.githubSignature(push))])
        #expect(tampered.status == 401)
        let unsigned = try await post(base + path, push, headers: [("X-GitHub-Event", "push")])
        #expect(unsigned.status == 401)
        let notHex = try await post(base + path, push, headers: [("X-GitHub-Event", "push"), ("X-Hub-Signature-256", "sha256=zz")])
        #expect(notHex.status == 401)
        // Signed correctly, but an event the Receiver does not take: refused as Flux does.
        let issue = try await post(base + path, push, headers: [("X-GitHub-Event", "issues"), ("X-Hub-Signature-256", Self.githubSignature(push))])
        #expect(issue.status == 400)

        // Asserting absence needs time to pass: nothing may change for a few seconds.
        try await Task.sleep(for: .seconds(3))
        #expect(try requestedAt(h) == nil)
        #expect(try value(h) == "one")
        await h.stop()
    }

    @Test("GitLab, Bitbucket Server, generic and generic-hmac receivers verify as Flux does; a suspended one is 503")
    func otherTypes() async throws {
        let (h, base) = try await startAgent(receivers: [
            ("gitlab", "gitlab", "  events: [Push Hook]\n"),
            ("bitbucket", "bitbucket", ""),
            ("generic", "generic", ""),
            ("hmac", "generic-hmac", ""),
            ("paused", "generic", "  suspend: true\n"),
        ])
        let body = #"{"object_kind":"push"}"#
        let signature = Self.githubSignature(body)
        var seen: Set<String> = []
        /// Each accepted call must leave a new requestedAt on the GitRepository.
        func expectTriggered(_ response: CurlResponse, _ label: String) async throws {
            #expect(response.status == 200, "\(label): \(response.text)")
            #expect(await h.eventually(.seconds(2)) { try requestedAt(h).map { !seen.contains($0) } == true }, "\(label) did not annotate")
            if let value = try requestedAt(h) { seen.insert(value) }
        }

        let gitlab = base + (try await waitForPath(h, "gitlab"))
        #expect(try await post(gitlab, body, headers: [("X-Gitlab-Event", "Push Hook"), ("X-Gitlab-Token", "wrong")]).status == 401)
        #expect(try await post(gitlab, body, headers: [("X-Gitlab-Event", "Push Hook")]).status == 401)
        #expect(try await post(gitlab, body, headers: [("X-Gitlab-Event", "Tag Push Hook"), ("X-Gitlab-Token", Self.token)]).status == 400)
        try await expectTriggered(try await post(gitlab, body, headers: [("X-Gitlab-Event", "Push Hook"), ("X-Gitlab-Token", Self.token)]), "gitlab")

        let bitbucket = base + (try await waitForPath(h, "bitbucket"))
        #expect(try await post(bitbucket, body, headers: [("X-Event-Key", "repo:refs_changed"), ("X-Hub-Signature", "sha256=00")]).status == 401)
        #expect(try await post(bitbucket, body, headers: [("X-Event-Key", "diagnostics:ping"), ("X-Hub-Signature", signature)]).status == 200)
        try await expectTriggered(try await post(bitbucket, body, headers: [("X-Event-Key", "repo:refs_changed"), ("X-Hub-Signature", signature)]), "bitbucket")

        let hmac = base + (try await waitForPath(h, "hmac"))
        #expect(try await post(hmac, body, headers: []).status == 401)
        #expect(try await post(hmac, body, headers: [("X-Signature", Self.githubSignature(body, key: "guess"))]).status == 401)
        try await expectTriggered(try await post(hmac, body, headers: [("X-Signature", signature)]), "generic-hmac")
        let sha1 = "sha1=" + Hex.encode(HMAC.sha1(key: Array(Self.token.utf8), message: Array(body.utf8)))
        try await expectTriggered(try await post(hmac, body, headers: [("X-Signature", sha1)]), "generic-hmac sha1")

        let generic = base + (try await waitForPath(h, "generic"))
        try await expectTriggered(try await post(generic, "", headers: []), "generic")

        // A suspended Receiver keeps no path of its own; its would-be path is unknown (404), as
        // in Flux when suspended before it was ever initialised.
        #expect(try await post(base + Self.path("paused"), body, headers: []).status == 404)

        // Suspending a served Receiver: its path answers 503 and triggers nothing.
        var suspended = try #require(try h.get(Receiver.apiVersion, Receiver.kind, "flux-system", "generic"))
        suspended.body.set(["spec", "suspend"], .bool(true))
        _ = try h.cluster.update(suspended, options: WriteOptions(fieldManager: "kubectl"))
        let before = try requestedAt(h)
        #expect(try await post(generic, "", headers: []).status == 503)
        #expect(try requestedAt(h) == before)
        await h.stop()
    }

    @Test("a body over 3 MiB is refused with 413 before any verification")
    func oversizedBody() async throws {
        let (h, base) = try await startAgent()
        let path = try await waitForPath(h, "github")
        let big = String(repeating: "x", count: 3 * 1024 * 1024 + 1)
        let response = try await post(base + path, big, headers: [("X-GitHub-Event", "push"), ("X-Hub-Signature-256", Self.githubSignature(big))])
        #expect(response.status == 413)
        #expect(try requestedAt(h) == nil)
        await h.stop()
    }

    @Test("a Receiver whose Secret is missing is not Ready and says which Secret, without a path")
    func missingSecret() async throws {
        let h = try AgentHarness(files: ["deploy/ns.yaml": Manifests.namespace], interval: "1h", httpAddress: "127.0.0.1:0")
        h.start()
        _ = try await h.httpPort()  // listening means the CRDs are installed
        try h.kubectlApply(try object("""
            apiVersion: notification.toolkit.fluxcd.io/v1
            kind: Receiver
            metadata:
              name: orphan
              namespace: flux-system
            spec:
              type: github
              secretRef:
                name: nowhere
              resources:
              - kind: GitRepository
                name: flux-system
            """))
        #expect(await h.eventually {
            Conditions(json: try h.get(Receiver.apiVersion, Receiver.kind, "flux-system", "orphan")?.status?["conditions"])[ConditionType.ready]?.reason == "TokenNotFound"
        })
        let status = try h.get(Receiver.apiVersion, Receiver.kind, "flux-system", "orphan")?.status
        #expect(status?["webhookPath"] == nil)
        #expect(Conditions(json: status?["conditions"])[ConditionType.ready]?.message.contains("flux-system/nowhere") == true)
        await h.stop()
    }
}
