import Cluster
import EmbeddedCluster
import Foundation
import GitOpsAPI
import KubeAPIServer
import KubeClient
import Testing

@Suite("KubeClient CRUD against the loopback API server")
struct CRUDTests {
    @Test("creates, reads, replaces and deletes a namespaced core object at its REST path")
    func coreLifecycle() async throws {
        let f = try await Fixture.start()
        defer { Task { await f.stop() } }
        let created = try await f.client.create(configMap("settings"), options: WriteOptions())
        #expect(created.uid != nil)
        #expect(created.resourceVersion != nil)
        let read = try #require(try await f.client.get(created.ref))
        #expect(read.body["data"] == ["k": "v"])

        var changed = read
        changed.body["data"] = ["k": "w"]
        let updated = try await f.client.update(changed, options: WriteOptions())
        #expect(updated.body["data"] == ["k": "w"])
        #expect(try f.cluster.get(created.ref)?.body["data"] == ["k": "w"])

        #expect(try await f.client.delete(created.ref, options: DeleteOptions()))
        #expect(try await f.client.get(created.ref) == nil)
        #expect(try await f.client.delete(created.ref, options: DeleteOptions()) == false)

        let requests = f.server.requests.filter { $0.path.hasPrefix("/api/v1/namespaces") }
        #expect(requests.map { "\($0.method) \($0.path)" } == [
            "POST /api/v1/namespaces/default/configmaps",
            "GET /api/v1/namespaces/default/configmaps/settings",
            "PUT /api/v1/namespaces/default/configmaps/settings",
            "DELETE /api/v1/namespaces/default/configmaps/settings",
            "GET /api/v1/namespaces/default/configmaps/settings",
            "DELETE /api/v1/namespaces/default/configmaps/settings",
        ])
        #expect(requests[0].contentType == "application/json")
        #expect(requests[0].parameters["fieldManager"] == "gitops")
        #expect(requests[3].parameters["propagationPolicy"] == "Background")
    }

    @Test("uses group paths and cluster-scoped paths")
    func groupAndClusterScopedPaths() async throws {
        let f = try await Fixture.start()
        defer { Task { await f.stop() } }
        _ = try await f.client.create(deployment("web"), options: WriteOptions())
        _ = try await f.client.create(KubeObject(apiVersion: "v1", kind: "Namespace", name: "apps"), options: WriteOptions())
        var role = KubeObject(apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", name: "system:reader")
        role.namespace = "ignored"  // cluster-scoped: the namespace goes
        _ = try await f.client.create(role, options: WriteOptions())
        let writes = f.server.requests.filter { $0.method == "POST" }.map(\.path)
        #expect(writes == ["/apis/apps/v1/namespaces/default/deployments", "/api/v1/namespaces",
                           "/apis/rbac.authorization.k8s.io/v1/clusterroles"])
        #expect(try await f.client.get(ObjectRef(apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", namespace: nil, name: "system:reader")) != nil)
    }

    @Test("writes status through the status subresource and leaves it alone on update")
    func statusSubresource() async throws {
        let f = try await Fixture.start()
        defer { Task { await f.stop() } }
        var object = try await f.client.create(deployment("web"), options: WriteOptions())
        object.status = ["observedGeneration": 1, "readyReplicas": 1]
        let withStatus = try await f.client.updateStatus(object, options: WriteOptions())
        #expect(withStatus.status?["readyReplicas"] == 1)
        #expect(f.server.requests.last?.path == "/apis/apps/v1/namespaces/default/deployments/web/status")
        #expect(f.server.requests.last?.method == "PUT")

        var replaced = withStatus
        replaced.status = ["readyReplicas": 0]
        replaced.body.set(["spec", "replicas"], 3)
        let updated = try await f.client.update(replaced, options: WriteOptions())
        #expect(updated.status?["readyReplicas"] == 1)
        #expect(updated.body[path: ["spec", "replicas"]] == 3)
    }

    @Test("dry-run writes store nothing and say so on the wire")
    func dryRunWrites() async throws {
        let f = try await Fixture.start()
        defer { Task { await f.stop() } }
        let preview = try await f.client.create(configMap("preview"), options: WriteOptions(dryRun: true))
        #expect(preview.name == "preview")
        #expect(try f.cluster.get(preview.ref) == nil)
        #expect(f.server.requests.last?.parameters["dryRun"] == "All")
        _ = try await f.client.create(configMap("kept"), options: WriteOptions())
        #expect(try await f.client.delete(configMap("kept").ref, options: DeleteOptions(dryRun: true)))
        #expect(try f.cluster.get(configMap("kept").ref) != nil)
        let counts = f.client.requestCounts
        #expect(counts.dryRuns == 2)
        #expect(counts.writes == 1)
    }

    @Test("creates a core/v1 Event with generateName")
    func event() async throws {
        let f = try await Fixture.start()
        defer { Task { await f.stop() } }
        var event = KubeObject(apiVersion: "v1", kind: "Event", name: "", namespace: "default")
        event.body.set(["metadata", "generateName"], "web.")
        event.body["involvedObject"] = ["apiVersion": "apps/v1", "kind": "Deployment", "name": "web", "namespace": "default"]
        event.body["reason"] = "ReconciliationSucceeded"
        event.body["message"] = "Applied revision main@sha1:abc"
        event.body["type"] = "Normal"
        let created = try await f.client.create(event, options: WriteOptions())
        #expect(created.name.hasPrefix("web.") && created.name.count == 9)
        #expect(f.server.requests.last?.path == "/api/v1/namespaces/default/events")
        #expect(try await f.client.list(ListQuery(apiVersion: "v1", kind: "Event", namespace: "default")).map(\.name) == [created.name])
    }

    @Test("deletes dependents with propagationPolicy Background and keeps them with Orphan")
    func propagation() async throws {
        let f = try await Fixture.start()
        defer { Task { await f.stop() } }
        for owner in ["one", "two"] {
            let parent = try await f.client.create(configMap(owner), options: WriteOptions())
            var child = configMap("\(owner)-child")
            child.body.set(["metadata", "ownerReferences"], [["apiVersion": "v1", "kind": "ConfigMap", "name": .string(owner), "uid": .string(parent.uid!)]])
            _ = try await f.client.create(child, options: WriteOptions())
        }
        #expect(try await f.client.delete(configMap("one").ref, options: DeleteOptions(propagationPolicy: .background)))
        #expect(try await f.client.get(configMap("one-child").ref) == nil)
        #expect(try await f.client.delete(configMap("two").ref, options: DeleteOptions(propagationPolicy: .orphan)))
        let orphan = try #require(try await f.client.get(configMap("two-child").ref))
        #expect(orphan.body[path: ["metadata", "ownerReferences"]] == nil)
        #expect(f.server.requests.filter { $0.method == "DELETE" }.compactMap { $0.parameters["propagationPolicy"] } == ["Background", "Orphan"])
    }

    @Test("gives the same results as the embedded cluster for the same calls")
    func sameAsEmbedded() async throws {
        let f = try await Fixture.start()
        defer { Task { await f.stop() } }
        let direct = try EmbeddedCluster.inMemory()
        let backends: [any ClusterClient] = [direct, f.client]
        var results: [[JSONValue?]] = []
        for backend in backends {
            var row: [JSONValue?] = []
            let first = try await backend.apply(deployment("web", replicas: 2), options: ApplyOptions())
            let again = try await backend.apply(deployment("web", replicas: 2), options: ApplyOptions())
            let preview = try await backend.apply(deployment("web", replicas: 3), options: ApplyOptions(dryRun: true))
            let previewSame = try await backend.apply(deployment("web", replicas: 2), options: ApplyOptions(dryRun: true))
            row.append(.string("\(first.action) \(again.action) \(preview.action) \(previewSame.action)"))
            row.append(comparable(first.object))
            row.append(comparable(preview.object))
            row.append(comparable(try await backend.create(configMap("a", labels: ["tier": "web"]), options: WriteOptions())))
            row.append(comparable(try await backend.create(configMap("b", labels: ["tier": "db"]), options: WriteOptions())))
            row.append(.array(try await backend.list(ListQuery(apiVersion: "v1", kind: "ConfigMap", labelSelector: "tier in (web)")).map { comparable($0)! }))
            row.append(.array(try await backend.list(ListQuery(apiVersion: "apps/v1", kind: "Deployment")).map { comparable($0)! }))
            var fresh = try #require(try await backend.get(configMap("a").ref))
            fresh.body["data"] = ["k": "changed"]
            row.append(comparable(try await backend.update(fresh, options: WriteOptions(fieldManager: "editor"))))
            row.append(.bool(try await backend.delete(configMap("b").ref, options: DeleteOptions())))
            row.append(comparable(try await backend.get(configMap("b").ref)))
            let info = try await backend.resource(apiVersion: "apps/v1", kind: "Deployment")
            row.append(.string("\(info)"))
            results.append(row)
        }
        #expect(results[0].count == results[1].count)
        for (index, (a, b)) in zip(results[0], results[1]).enumerated() {
            #expect(a == b, "call \(index) differs")
        }
    }
}
