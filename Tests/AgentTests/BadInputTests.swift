import Cluster
import Foundation
import GitOpsAPI
import Testing
import TestSupport

/// Bad input gets a clear error and loses nothing: the cluster keeps its last good state.
@Suite("Bad input", .serialized)
struct BadInputTests {
    static let base = ["deploy/ns.yaml": Manifests.namespace, "deploy/a.yaml": Manifests.configMap("a", data: "1")]

    /// Starts an agent on `base`, waits for Ready, commits `change`, and waits for the root
    /// Kustomization to report `reason`.
    func afterBadCommit(_ change: [String: String?], reason: String) async throws -> (AgentHarness, Condition?) {
        let h = try AgentHarness(files: Self.base)
        h.start()
        #expect(await h.eventually { try h.ready()?.status == .true })
        try h.commit(change)
        _ = await h.eventually { try h.ready()?.reason == reason }
        return (h, try h.ready())
    }

    @Test("malformed YAML names the file and line in the condition and applies nothing")
    func malformedYAML() async throws {
        let (h, ready) = try await afterBadCommit([
            "deploy/b.yaml": Manifests.configMap("b", data: "2"),
            "deploy/broken.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: broken\n  namespace: apps\ndata:\n  key: [unclosed\n",
            "deploy/a.yaml": Manifests.configMap("a", data: "changed"),
        ], reason: "BuildFailed")
        #expect(ready?.status == .false)
        let message = ready?.message ?? ""
        #expect(message.contains("deploy/broken.yaml:"), "names the file and line: \(message)")
        #expect(message.range(of: #"broken\.yaml:\d+:\d+"#, options: .regularExpression) != nil, "line and column: \(message)")
        #expect(try h.get("v1", "ConfigMap", "apps", "b") == nil, "nothing of the bad revision is applied")
        #expect(try h.get("v1", "ConfigMap", "apps", "a")?.body[path: ["data", "value"]] == "1", "the last good state stays")
        await h.stop()
    }

    @Test("a YAML alias bomb is refused with a message, not expanded")
    func aliasBomb() async throws {
        var bomb = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\n  namespace: apps\ndata:\n  a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n"
        var previous = "a"
        for level in "bcdefghi" {
            bomb += "  \(level): &\(level) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
            previous = String(level)
        }
        let (h, ready) = try await afterBadCommit(["deploy/bomb.yaml": bomb], reason: "BuildFailed")
        #expect(ready?.message.contains("alias") == true, "\(ready?.message ?? "")")
        #expect(try h.get("v1", "ConfigMap", "apps", "bomb") == nil)
        await h.stop()
    }

    @Test("a missing namespace fails validation, names the object, and applies nothing")
    func missingNamespace() async throws {
        let (h, ready) = try await afterBadCommit([
            "deploy/b.yaml": Manifests.configMap("b", data: "2"),
            "deploy/lost.yaml": Manifests.configMap("lost", namespace: "nowhere", data: "x"),
        ], reason: "ValidationFailed")
        let message = ready?.message ?? ""
        #expect(message.contains("ConfigMap/nowhere/lost"), "\(message)")
        #expect(message.contains("namespaces \"nowhere\" not found"), "\(message)")
        #expect(try h.get("v1", "ConfigMap", "apps", "b") == nil, "the valid part of the revision is not applied either")
        await h.stop()
    }

    @Test("an unknown field in our own kinds stalls that object with the field named")
    func unknownField() async throws {
        let child = """
            apiVersion: kustomize.toolkit.fluxcd.io/v1
            kind: Kustomization
            metadata:
              name: child
              namespace: flux-system
            spec:
              interval: 1m
              path: ./deploy
              prun: true
              sourceRef:
                kind: GitRepository
                name: flux-system

            """
        let h = try AgentHarness(files: Self.base.merging(["deploy/child.yaml": child]) { $1 })
        h.start()
        #expect(await h.eventually { try h.ready("child")?.reason == "InvalidSpec" })
        let message = try h.ready("child")?.message ?? ""
        #expect(message.contains("Kustomization/flux-system/child"), "\(message)")
        #expect(message.contains("spec.prun: unknown field \"prun\""), "\(message)")
        let stalled = Conditions(json: try h.kustomization("child")?.status?["conditions"])[ConditionType.stalled]
        #expect(stalled?.status == .true)
        await h.stop()
    }

    @Test("an unreachable Git URL: source not ready, last artifact kept, retried with backoff")
    func unreachableGit() async throws {
        let h = try AgentHarness(files: Self.base)
        h.start()
        let ref = ObjectRef(apiVersion: GitRepository.apiVersion, kind: GitRepository.kind, namespace: "flux-system", name: "flux-system")
        #expect(await h.eventually { try h.cluster.get(ref)?.status?["artifact"] != nil })
        let artifact = try h.cluster.get(ref)?.status?["artifact"]

        var repo = try #require(try h.cluster.get(ref))
        repo.body.set(["spec", "url"], "http://127.0.0.1:1/unreachable.git")
        repo.body["status"] = nil
        _ = try h.cluster.update(repo, options: WriteOptions(fieldManager: "kubectl-edit"))

        #expect(await h.eventually { Conditions(json: try h.cluster.get(ref)?.status?["conditions"])[ConditionType.ready]?.status == .false })
        let status = try h.cluster.get(ref)?.status
        let ready = Conditions(json: status?["conditions"])[ConditionType.ready]
        #expect(ready?.reason == "GitOperationFailed")
        #expect(ready?.message.contains("127.0.0.1:1") == true, "\(ready?.message ?? "")")
        #expect(status?["artifact"] == artifact, "the last artifact is kept")
        // Retried: more failure events arrive, further apart each time.
        #expect(await h.eventually(.seconds(10)) { try h.agent.events.recent(kind: "GitRepository").filter { $0.reason == "GitOperationFailed" }.count >= 3 })
        let times = try h.agent.events.recent(kind: "GitRepository").filter { $0.reason == "GitOperationFailed" }.count
        #expect(times >= 3)
        // The Kustomization keeps its applied revision.
        #expect(try h.ready()?.status == .true)
        await h.stop()
    }

    @Test("a wrong SSH key is reported as such in the source's condition")
    func wrongSSHKey() async throws {
        let server = try GitSSHServer()
        defer { server.stop() }
        let repo = try GitFixture()
        for (p, c) in Self.base { try repo.write(p, c) }
        try repo.commit("initial")
        let bare = try repo.makeBare()
        let wrong = try GitSSHServer.generateKey(type: "ed25519")

        let h = try AgentHarness(files: [:], repo: repo)
        h.start()
        #expect(await h.eventually { try h.ready()?.status == .true })
        var secret = KubeObject(apiVersion: "v1", kind: "Secret", name: "ssh-auth", namespace: "flux-system")
        secret.body["stringData"] = ["identity": .string(wrong.privateKey), "known_hosts": .string(server.knownHostsLine)]
        try h.kubectlApply(secret)
        let ref = ObjectRef(apiVersion: GitRepository.apiVersion, kind: GitRepository.kind, namespace: "flux-system", name: "flux-system")
        var source = try #require(try h.cluster.get(ref))
        source.body.set(["spec", "url"], .string(server.url(bare)))
        source.body.set(["spec", "secretRef"], ["name": "ssh-auth"])
        source.body["status"] = nil
        _ = try h.cluster.update(source, options: WriteOptions(fieldManager: "kubectl-edit"))

        #expect(await h.eventually { Conditions(json: try h.cluster.get(ref)?.status?["conditions"])[ConditionType.ready]?.reason == "AuthenticationFailed" })
        let message = Conditions(json: try h.cluster.get(ref)?.status?["conditions"])[ConditionType.ready]?.message ?? ""
        #expect(message.lowercased().contains("key"), "\(message)")
        #expect(!message.contains("PRIVATE KEY"), "never the key itself")
        await h.stop()
    }
}
