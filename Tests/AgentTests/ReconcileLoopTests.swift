import Cluster
import Foundation
import GitOpsAPI
import Testing
import TestSupport

/// The whole loop against a real Git repository and the embedded cluster.
@Suite("The reconcile loop, end to end", .serialized)
struct ReconcileLoopTests {
    @Test("a commit is applied within two intervals", arguments: AgentHarness.Backend.allCases)
    func commitApplied(backend: AgentHarness.Backend) async throws {
        let h = try await AgentHarness.start(backend, files: ["deploy/ns.yaml": Manifests.namespace, "deploy/cm.yaml": Manifests.configMap("settings", data: "one")])
        #expect(await h.eventually { try h.ready()?.status == .true })
        #expect(try h.get("v1", "ConfigMap", "apps", "settings")?.body[path: ["data", "value"]] == "one")

        let commit = try h.commit(["deploy/cm.yaml": Manifests.configMap("settings", data: "two")])
        let start = ContinuousClock.now
        // interval is 1s: the change must be live within two intervals (plus the watch period).
        #expect(await h.eventually(.seconds(2.5)) { try h.get("v1", "ConfigMap", "apps", "settings")?.body[path: ["data", "value"]] == "two" })
        let elapsed = ContinuousClock.now - start
        #expect(elapsed < .seconds(2.5), "applied after \(elapsed)")
        #expect(await h.eventually { try h.ready()?.message == "Applied revision: main@sha1:\(commit)" })
        let labels = try h.get("v1", "ConfigMap", "apps", "settings")?.labels ?? [:]
        #expect(labels["kustomize.toolkit.fluxcd.io/name"] == "flux-system")
        // The events are in the cluster too, as core/v1 Events about our objects.
        let events = try h.cluster.list(ListQuery(apiVersion: "v1", kind: "Event", namespace: "flux-system"))
        let applied = events.first { $0.body["reason"] == "ReconciliationSucceeded" && $0.body[path: ["involvedObject", "kind"]] == "Kustomization" }
        #expect(applied?.body["type"] == "Normal")
        #expect(applied?.annotations["kustomize.toolkit.fluxcd.io/revision"]?.hasPrefix("main@sha1:") == true)
        if backend == .kubeAPI {
            // Through the REST API: server-side apply patches, never a write for an unchanged object.
            let requests = h.apiServer?.requests ?? []
            #expect(requests.contains { $0.method == "PATCH" && $0.path.hasSuffix("/configmaps/settings") })
        }
        await h.stop()
    }

    @Test("a removed manifest is pruned, and the inventory follows", arguments: AgentHarness.Backend.allCases)
    func removedManifestPruned(backend: AgentHarness.Backend) async throws {
        let h = try await AgentHarness.start(backend, files: [
            "deploy/ns.yaml": Manifests.namespace,
            "deploy/a.yaml": Manifests.configMap("a", data: "1"),
            "deploy/b.yaml": Manifests.configMap("b", data: "2"),
        ])
        #expect(await h.eventually { try h.get("v1", "ConfigMap", "apps", "b") != nil && h.ready()?.status == .true })
        // An object the agent did not create, in the same namespace, must survive pruning.
        var foreign = KubeObject(apiVersion: "v1", kind: "ConfigMap", name: "hand-made", namespace: "apps")
        foreign.body["data"] = ["x": "y"]
        try h.kubectlApply(foreign)

        try h.commit(["deploy/b.yaml": nil])
        #expect(await h.eventually { try h.get("v1", "ConfigMap", "apps", "b") == nil })
        #expect(try h.get("v1", "ConfigMap", "apps", "a") != nil)
        #expect(try h.get("v1", "ConfigMap", "apps", "hand-made") != nil)
        // The inventory is narrowed right after the prune (a write of its own).
        #expect(await h.eventually(.seconds(2)) {
            !KustomizationStatus(json: try h.kustomization()?.status).inventory.map(\.id.inventoryID).contains("apps_b__ConfigMap")
        })
        let inventory = KustomizationStatus(json: try h.kustomization()?.status).inventory.map(\.id.inventoryID)
        #expect(inventory.contains("apps_a__ConfigMap"))
        #expect(!inventory.contains("apps_b__ConfigMap"))
        await h.stop()
    }

    @Test("a failing workload rolls back to the last healthy revision, says why, and notifies a real receiver", arguments: AgentHarness.Backend.allCases)
    func failingWorkloadRollsBack(backend: AgentHarness.Backend) async throws {
        let receiver = try HTTPRecorder()
        let h = try await AgentHarness.start(backend, files: [
            "deploy/ns.yaml": Manifests.namespace,
            "deploy/apps.yaml": Manifests.appsKustomization(),
            "deploy/alert.yaml": Manifests.alert(provider: receiver.url + "/hook"),
            "apps/web.yaml": Manifests.deployment("web"),
        ])
        #expect(await h.eventually { try h.ready("apps")?.status == .true })
        let good = try h.repo.head()

        let bad = try h.commit(["apps/web.yaml": Manifests.deployment("web", image: "ghcr.io/acme/web:does-not-exist", fail: "ImagePullBackOff")])
        #expect(await h.eventually(.seconds(30)) { try h.ready("apps")?.reason == "HealthCheckFailed" })
        let message = try h.ready("apps")?.message ?? ""
        #expect(message.contains("main@sha1:\(bad)"), "names the failed revision: \(message)")
        #expect(message.contains("main@sha1:\(good)"), "names the restored revision: \(message)")
        #expect(message.contains("Deployment/apps/web"), "names the object: \(message)")
        #expect(message.contains("ImagePullBackOff"), "gives the pod's reason: \(message)")
        #expect(message.contains("ghcr.io/acme/web:does-not-exist"), "names the image: \(message)")

        // The cluster is back on the healthy template.
        let web = try h.get("apps/v1", "Deployment", "apps", "web")
        #expect(web?.body[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first?["image"] == "ghcr.io/acme/web:1.0.0")
        #expect(KustomizationStatus(json: try h.kustomization("apps")?.status).lastAppliedRevision == "main@sha1:\(good)")

        // The receiver got Flux's event JSON for the failure.
        let requests = await waitForEvent(receiver, reason: "HealthCheckFailed")
        let event = try #require(requests)
        #expect(event["involvedObject"]?["kind"] == "Kustomization")
        #expect(event["involvedObject"]?["name"] == "apps")
        #expect(event["severity"] == "error")
        #expect(event["metadata"]?["revision"]?.stringValue == "main@sha1:\(bad)")
        #expect(event["reportingController"] == "kustomize-controller")

        // The bad revision is not tried again on later intervals.
        let before = try h.kustomization("apps")?.status?["lastAttemptedRevision"]
        try await Task.sleep(for: .seconds(2.5))
        let annotations = try h.get("apps/v1", "Deployment", "apps", "web")?.body[path: ["spec", "template", "metadata", "annotations"]]
        #expect(annotations?["simulator.gitops.dev/fail"] == nil, "template still has \(String(describing: annotations))")
        #expect(try h.kustomization("apps")?.status?["lastAttemptedRevision"] == before)

        // A new revision is tried at once and heals.
        let fixed = try h.commit(["apps/web.yaml": Manifests.deployment("web", image: "ghcr.io/acme/web:1.1.0")])
        #expect(await h.eventually(.seconds(20)) { try h.ready("apps")?.message == "Applied revision: main@sha1:\(fixed)" })
        receiver.stop()
        await h.stop()
    }

    @Test("a receiver that is down at first gets the event once it comes back", arguments: AgentHarness.Backend.allCases)
    func receiverDownThenUp(backend: AgentHarness.Backend) async throws {
        let receiver = try HTTPRecorder()
        receiver.stop()
        let h = try await AgentHarness.start(backend, files: [
            "deploy/ns.yaml": Manifests.namespace,
            "deploy/alert.yaml": Manifests.alert(provider: receiver.url + "/hook"),
            "deploy/cm.yaml": Manifests.configMap("settings", data: "one"),
        ])
        #expect(await h.eventually { try h.ready()?.status == .true })
        try await Task.sleep(for: .seconds(1.5))
        #expect(receiver.requests.isEmpty)
        try receiver.start()
        let delivered = await receiver.waitForRequests(count: 1, timeout: .seconds(10))
        #expect(!delivered.isEmpty)
        let reasons = delivered.compactMap { try? JSONValue.parse(json: Data($0.body))["reason"]?.stringValue }
        #expect(reasons.contains("NewArtifact") || reasons.contains("ReconciliationSucceeded"))
        #expect(delivered.first?.header("Content-Type") == "application/json")
        #expect(delivered.first?.header("gotk-component") != nil)
        receiver.stop()
        await h.stop()
    }

    /// Waits for a request whose JSON body has the given reason.
    func waitForEvent(_ receiver: HTTPRecorder, reason: String) async -> JSONValue? {
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            for r in receiver.requests {
                if let json = try? JSONValue.parse(json: Data(r.body)), json["reason"]?.stringValue == reason { return json }
            }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return nil
    }
}
