import Cluster
import Foundation
import GitOpsAPI
import KubeAPIServer
import Synchronization
import Testing

/// Failures of the API in the middle of a reconcile, through the real client against the
/// loopback API server: what the agent reports, and that its inventory stays consistent.
@Suite("Failures of the Kubernetes API mid-reconcile", .serialized)
struct KubeAPIFaultTests {
    static let owner = "kustomize.toolkit.fluxcd.io/name=flux-system,kustomize.toolkit.fluxcd.io/namespace=flux-system"

    /// Inventory IDs of everything in the cluster that carries the root Kustomization's labels.
    static func labelled(_ h: AgentHarness) throws -> Set<String> {
        let configMaps = try h.cluster.list(ListQuery(apiVersion: "v1", kind: "ConfigMap", labelSelector: owner))
        let namespaces = try h.cluster.list(ListQuery(apiVersion: "v1", kind: "Namespace", labelSelector: owner))
        return Set((configMaps + namespaces).map(\.id.inventoryID))
    }

    static func inventory(_ h: AgentHarness) throws -> Set<String> {
        Set(KustomizationStatus(json: try h.kustomization()?.status).inventory.map(\.id.inventoryID))
    }

    @Test("a connection broken during one apply and 503s on another: the failure names both, the inventory keeps every object created, and the next reconcile completes the revision")
    func brokenConnectionMidApply() async throws {
        let h = try await AgentHarness.start(.kubeAPI, files: ["deploy/ns.yaml": Manifests.namespace,
                                                              "deploy/a.yaml": Manifests.configMap("a", data: "1")])
        #expect(await h.eventually { try h.ready()?.status == .true })
        let server = try #require(h.apiServer)
        // The apply (not the dry run validating it) of b is stored, then the connection breaks
        // before the answer; c is answered 503 more often than the client retries one request.
        server.inject(.drop(afterHandling: true), pathPrefix: "/api/v1/namespaces/apps/configmaps/b", method: "PATCH", dryRun: false)
        server.inject(.status(503), times: 7, pathPrefix: "/api/v1/namespaces/apps/configmaps/c", method: "PATCH", dryRun: false)
        let commit = try h.commit(["deploy/a.yaml": Manifests.configMap("a", data: "2"),
                                   "deploy/b.yaml": Manifests.configMap("b", data: "1"),
                                   "deploy/c.yaml": Manifests.configMap("c", data: "1"),
                                   "deploy/d.yaml": Manifests.configMap("d", data: "1")])

        #expect(await h.eventually(.seconds(30)) {
            try h.ready()?.status == .false && (h.ready()?.message ?? "").contains("ConfigMap/apps/b")
        })
        let message = try h.ready()?.message ?? ""
        #expect(message.contains("ConfigMap/apps/b apply failed"), "\(message)")
        #expect(message.contains("connection to the API server broke during PATCH"), "\(message)")
        #expect(message.contains("ConfigMap/apps/c apply failed (ServiceUnavailable)"), "\(message)")
        #expect(try h.ready()?.reason == "ReconciliationFailed")
        // The server stored b although the agent never heard back; the inventory knows it, and
        // everything else that carries our labels.
        #expect(try h.get("v1", "ConfigMap", "apps", "b") != nil)
        let present = try Self.labelled(h)
        let inventory = try Self.inventory(h)
        #expect(present.isSubset(of: inventory), "not in the inventory: \(present.subtracting(inventory))")
        #expect(inventory.contains("apps_b__ConfigMap"))

        // The faults run out: the next reconcile applies the whole revision.
        #expect(await h.eventually(.seconds(30)) { try h.ready()?.message == "Applied revision: main@sha1:\(commit)" })
        for name in ["a", "b", "c", "d"] {
            let object = try h.get("v1", "ConfigMap", "apps", name)
            #expect(object?.body[path: ["data", "value"]] == (name == "a" ? "2" : "1"), "\(name): \(String(describing: object))")
        }
        #expect(try Self.inventory(h) == ["_apps__Namespace", "apps_a__ConfigMap", "apps_b__ConfigMap", "apps_c__ConfigMap", "apps_d__ConfigMap"])
        #expect(try Self.labelled(h) == Self.inventory(h))
        // c met 503 seven times in all: five in the failed pass, two retried away in the next.
        let cApplies = server.requests.filter { $0.method == "PATCH" && $0.path == "/api/v1/namespaces/apps/configmaps/c" && $0.parameters["dryRun"] == nil }
        #expect(cApplies.map(\.status).filter { $0 == 503 }.count == 7)
        #expect(cApplies.last?.status == 200 || cApplies.last?.status == 201)
        await h.stop()
    }

    @Test("a status write that meets another writer (409 Conflict) reads again and retries")
    func conflictingStatusWriteRetried() async throws {
        // An hour's interval: nothing reconciles until asked, so the first status write after
        // the request is the inventory's.
        let h = try await AgentHarness.start(.kubeAPI, files: ["deploy/ns.yaml": Manifests.namespace,
                                                              "deploy/a.yaml": Manifests.configMap("a", data: "1")], interval: "1h")
        #expect(await h.eventually { try h.ready()?.status == .true })
        let server = try #require(h.apiServer)
        try await Task.sleep(for: .milliseconds(500))

        // The second writer: when the agent first writes the Kustomization's status, someone
        // else changes the object just before, so the agent's resourceVersion is stale and the
        // server answers 409 as it would to two writers.
        let cluster = h.cluster
        let fired = Mutex(false)
        let ksRef = ObjectRef(apiVersion: Kustomization.apiVersion, kind: Kustomization.kind, namespace: "flux-system", name: "flux-system")
        server.setAuthorizer { attributes in
            guard attributes.verb == "update", attributes.resource == "kustomizations/status", attributes.name == "flux-system",
                  fired.withLock({ done in defer { done = true }; return !done }) else { return true }
            if var ks = try? cluster.get(ksRef) {
                ks.setAnnotation("example.com/second-writer", "was-here")
                _ = try? cluster.update(ks, options: WriteOptions(fieldManager: "second-writer"))
            }
            return true
        }
        server.clearRequests()
        let commit = try h.commit(["deploy/b.yaml": Manifests.configMap("b", data: "1")])
        var repo = try #require(try h.cluster.get(ObjectRef(apiVersion: GitRepository.apiVersion, kind: GitRepository.kind,
                                                             namespace: "flux-system", name: "flux-system")))
        repo.setAnnotation(Annotations.requestedAt, "\(Date().timeIntervalSince1970)")
        _ = try h.cluster.update(repo, options: WriteOptions(fieldManager: "kubectl"))

        #expect(await h.eventually(.seconds(20)) { try h.ready()?.message == "Applied revision: main@sha1:\(commit)" })
        let writes = server.requests.filter { $0.method == "PUT" && $0.path.hasSuffix("/kustomizations/flux-system/status") }
        #expect(writes.first?.status == 409, "\(writes)")
        #expect(writes.dropFirst().first?.status == 200, "the write is retried: \(writes)")
        #expect(try Self.inventory(h).contains("apps_b__ConfigMap"))
        #expect(try h.kustomization()?.annotations["example.com/second-writer"] == "was-here", "the other writer's change is kept")
        await h.stop()
    }
}
