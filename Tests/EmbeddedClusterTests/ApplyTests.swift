import Cluster
import EmbeddedCluster
import GitOpsAPI
import Testing

@Suite("Embedded cluster: server-side apply")
struct ApplyTests {
    @Test("apply creates, then reports unchanged without bumping the resourceVersion")
    func createThenUnchanged() throws {
        let cluster = try EmbeddedCluster.inMemory()
        let first = try cluster.apply(deployment("web"))
        #expect(first.action == .created)
        #expect(first.object.managers == ["gitops/Apply"])
        #expect(first.object.fieldsV1(of: "gitops")?[path: ["f:spec", "f:replicas"]] == .object([:]))
        #expect(first.object.fieldsV1(of: "gitops")?[path: ["f:spec", "f:template", "f:spec", "f:containers", "k:{\"name\":\"web\"}", "f:image"]] != nil)
        let rv = cluster.currentResourceVersion()
        let second = try cluster.apply(deployment("web"))
        #expect(second.action == .unchanged)
        #expect(second.object.resourceVersion == first.object.resourceVersion)
        #expect(cluster.currentResourceVersion() == rv)
    }

    @Test("apply with a changed field is configured and bumps generation")
    func configured() throws {
        let cluster = try EmbeddedCluster.inMemory()
        _ = try cluster.apply(deployment("web"))
        let result = try cluster.apply(deployment("web", image: "nginx:1.26"))
        #expect(result.action == .configured)
        #expect(result.object.generation == 2)
        #expect(result.object.body[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first?["image"] == "nginx:1.26")
    }

    @Test("apply keeps fields another manager set")
    func keepsOtherManagersFields() throws {
        let cluster = try EmbeddedCluster.inMemory()
        _ = try cluster.apply(deployment("web"))
        var live = try #require(try cluster.get(deployment("web").ref))
        live.setAnnotation("kubectl.kubernetes.io/restartedAt", "2024-01-01T00:00:00Z")
        _ = try cluster.update(live, options: WriteOptions(fieldManager: "kubectl-rollout"))

        let result = try cluster.apply(deployment("web", image: "nginx:1.26"))
        #expect(result.action == .configured)
        #expect(result.object.annotations["kubectl.kubernetes.io/restartedAt"] == "2024-01-01T00:00:00Z")
        #expect(result.object.managers == ["gitops/Apply", "kubectl-rollout/Update"])
    }

    @Test("apply removes fields it set before and no longer sets")
    func removesDroppedFields() throws {
        let cluster = try EmbeddedCluster.inMemory()
        _ = try cluster.apply(configMap("settings", data: ["a": "1", "b": "2"], labels: ["app": "web", "old": "yes"]))
        let result = try cluster.apply(configMap("settings", data: ["a": "1"], labels: ["app": "web"]))
        #expect(result.action == .configured)
        #expect(result.object.body["data"] == ["a": "1"])
        #expect(result.object.labels == ["app": "web"])
        #expect(result.object.fieldsV1(of: "gitops")?[path: ["f:data", "f:b"]] == nil)
    }

    @Test("apply removes a container it no longer lists but keeps one another manager added")
    func associativeLists() throws {
        let cluster = try EmbeddedCluster.inMemory()
        var d = deployment("web")
        d.body.set(["spec", "template", "spec", "containers"], [
            ["name": "web", "image": "nginx"], ["name": "metrics", "image": "exporter"],
        ])
        _ = try cluster.apply(d)
        // Another manager injects a sidecar.
        var live = try #require(try cluster.get(d.ref))
        var containers = live.body[path: ["spec", "template", "spec", "containers"]]!.arrayValue!
        containers.append(["name": "proxy", "image": "envoy"])
        live.body.set(["spec", "template", "spec", "containers"], .array(containers))
        _ = try cluster.update(live, options: WriteOptions(fieldManager: "injector"))

        d.body.set(["spec", "template", "spec", "containers"], [["name": "web", "image": "nginx:2"]])
        let result = try cluster.apply(d)
        let names = result.object.body[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.compactMap { $0["name"]?.stringValue }
        #expect(names == ["web", "proxy"])
    }

    @Test("apply conflicts with another manager's different value unless forced")
    func conflictsUnlessForced() throws {
        let cluster = try EmbeddedCluster.inMemory()
        _ = try cluster.apply(deployment("web", replicas: 2))
        var live = try #require(try cluster.get(deployment("web").ref))
        live.body.set(["spec", "replicas"], 5)
        _ = try cluster.update(live, options: WriteOptions(fieldManager: "kubectl-edit"))

        // Same value as the other manager: shared ownership, no conflict.
        #expect(try cluster.apply(deployment("web", replicas: 5)).action == .configured)

        var scaled = try #require(try cluster.get(deployment("web").ref))
        scaled.body.set(["spec", "replicas"], 7)
        _ = try cluster.update(scaled, options: WriteOptions(fieldManager: "kubectl-edit"))
        let error = #expect(throws: ClusterError.self) { try cluster.apply(deployment("web", replicas: 3)) }
        #expect(error?.reason == .conflict)
        #expect(error?.message == "Apply failed with 1 conflict: conflict with \"kubectl-edit\" using apps/v1: .spec.replicas")

        let forced = try cluster.apply(deployment("web", replicas: 3), options: ApplyOptions(force: true))
        #expect(forced.object.body[path: ["spec", "replicas"]] == 3)
        #expect(forced.object.fieldsV1(of: "kubectl-edit")?[path: ["f:spec", "f:replicas"]] == nil)
        #expect(try cluster.apply(deployment("web", replicas: 3)).action == .unchanged)
    }

    @Test("apply ignores status for kinds with a status subresource")
    func ignoresStatus() throws {
        let cluster = try EmbeddedCluster.inMemory()
        var d = deployment("web")
        d.status = ["replicas": 1]
        let created = try cluster.apply(d).object
        #expect(created.status == nil)
        var s = created
        s.status = ["readyReplicas": 1]
        _ = try cluster.updateStatus(s, options: WriteOptions(fieldManager: "controller"))
        let again = try cluster.apply(d)
        #expect(again.action == .unchanged)
        #expect(again.object.status?["readyReplicas"] == 1)
    }

    @Test("a cluster-scoped apply without namespace and a namespaced apply without one both work")
    func scopes() throws {
        let cluster = try EmbeddedCluster.inMemory()
        #expect(try cluster.apply(namespace("apps")).action == .created)
        var cm = configMap("x")
        cm.namespace = nil
        #expect(try cluster.apply(cm).object.namespace == "default")
        let error = #expect(throws: ClusterError.self) { try cluster.apply(configMap("x", namespace: "missing")) }
        #expect(error?.message == "namespaces \"missing\" not found")
    }
}
