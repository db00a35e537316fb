import Cluster
import EmbeddedCluster
import Foundation
import GitOpsAPI
import Testing

@Suite("Embedded cluster: objects")
struct ObjectSemanticsTests {
    @Test("create sets uid, creationTimestamp, resourceVersion and generation 1")
    func createSetsSystemMetadata() throws {
        let cluster = try EmbeddedCluster.inMemory()
        let before = cluster.currentResourceVersion()
        let created = try cluster.create(configMap("settings"))
        #expect(created.uid?.count == 36)
        #expect(created.generation == 1)
        #expect(created.creationTimestamp?.hasSuffix("Z") == true)
        #expect(Int(created.resourceVersion ?? "") == before + 1)
        #expect(cluster.currentResourceVersion() == before + 1)
        #expect(created.managers == ["gitops/Update"])
        let read = try #require(try cluster.get(created.ref))
        #expect(read == created)
    }

    @Test("creating an existing object fails with AlreadyExists")
    func createTwice() throws {
        let cluster = try EmbeddedCluster.inMemory()
        _ = try cluster.create(configMap("settings"))
        let error = #expect(throws: ClusterError.self) { try cluster.create(configMap("settings")) }
        #expect(error?.reason == .alreadyExists)
        #expect(error?.message == "configmaps \"settings\" already exists")
    }

    @Test("generateName gives a fresh name")
    func generateName() throws {
        let cluster = try EmbeddedCluster.inMemory()
        var o = configMap("")
        o.body.set(["metadata", "generateName"], "job-")
        let a = try cluster.create(o)
        let b = try cluster.create(o)
        #expect(a.name.hasPrefix("job-") && a.name.count == 9)
        #expect(a.name != b.name)
    }

    @Test("an update with a stale resourceVersion is a conflict")
    func staleUpdateConflicts() throws {
        let cluster = try EmbeddedCluster.inMemory()
        let created = try cluster.create(configMap("settings"))
        var first = created
        first.body.set(["data", "key"], "one")
        _ = try cluster.update(first)
        var stale = created
        stale.body.set(["data", "key"], "two")
        let error = #expect(throws: ClusterError.self) { try cluster.update(stale) }
        #expect(error?.reason == .conflict)
        #expect(error?.message.contains("the object has been modified; please apply your changes to the latest version and try again") == true)
        #expect(try cluster.get(created.ref)?.body[path: ["data", "key"]] == "one")
    }

    @Test("generation bumps when the spec changes, not when a label changes")
    func generationBumps() throws {
        let cluster = try EmbeddedCluster.inMemory()
        var d = try cluster.create(deployment("web"))
        #expect(d.generation == 1)
        d.setLabel("team", "a")
        d = try cluster.update(d)
        #expect(d.generation == 1)
        d.body.set(["spec", "replicas"], 3)
        d = try cluster.update(d)
        #expect(d.generation == 2)
    }

    @Test("an update that changes nothing keeps the resourceVersion")
    func noOpUpdate() throws {
        let cluster = try EmbeddedCluster.inMemory()
        let created = try cluster.create(configMap("settings"))
        let updated = try cluster.update(created)
        #expect(updated.resourceVersion == created.resourceVersion)
    }

    @Test("status is a subresource: update ignores it, updateStatus changes only it")
    func statusSubresource() throws {
        let cluster = try EmbeddedCluster.inMemory()
        var d = try cluster.create(deployment("web"))
        d.status = ["replicas": 5]
        d.body.set(["spec", "replicas"], 2)
        d = try cluster.update(d)
        #expect(d.status == nil)
        #expect(d.body[path: ["spec", "replicas"]] == 2)

        var s = d
        s.status = ["replicas": 2, "readyReplicas": 2]
        s.body.set(["spec", "replicas"], 9)
        let afterStatus = try cluster.updateStatus(s)
        #expect(afterStatus.status?["readyReplicas"] == 2)
        #expect(afterStatus.body[path: ["spec", "replicas"]] == 2)
        #expect(afterStatus.generation == d.generation)
        #expect(Int(afterStatus.resourceVersion!)! > Int(d.resourceVersion!)!)
        #expect(afterStatus.managers.contains("gitops/Update"))
    }

    @Test("a kind without a status subresource has no status endpoint")
    func noStatusEndpoint() throws {
        let cluster = try EmbeddedCluster.inMemory()
        let cm = try cluster.create(configMap("settings"))
        let error = #expect(throws: ClusterError.self) { try cluster.updateStatus(cm) }
        #expect(error?.reason == .notFound)
    }

    @Test("a namespaced object needs its namespace; no namespace means default")
    func namespaceRequired() throws {
        let cluster = try EmbeddedCluster.inMemory()
        let error = #expect(throws: ClusterError.self) { try cluster.create(configMap("a", namespace: "apps")) }
        #expect(error?.reason == .notFound)
        #expect(error?.message == "namespaces \"apps\" not found")

        _ = try cluster.create(namespace("apps"))
        #expect(try cluster.create(configMap("a", namespace: "apps")).namespace == "apps")

        var noNamespace = configMap("b")
        noNamespace.namespace = nil
        #expect(try cluster.create(noNamespace).namespace == "default")
        for name in ["default", "kube-system", "kube-public"] {
            #expect(try cluster.get(ObjectRef(apiVersion: "v1", kind: "Namespace", namespace: nil, name: name)) != nil)
        }
    }

    @Test("a cluster-scoped object drops the namespace it was given")
    func clusterScopedDropsNamespace() throws {
        let cluster = try EmbeddedCluster.inMemory()
        var ns = namespace("apps")
        ns.namespace = "default"
        let created = try cluster.create(ns)
        #expect(created.namespace == nil)
        #expect(created.status?["phase"] == "Active")
    }

    @Test("names are validated by the rule of their kind")
    func nameValidation() throws {
        let cluster = try EmbeddedCluster.inMemory()
        let error = #expect(throws: ClusterError.self) { try cluster.create(configMap("Settings")) }
        #expect(error?.reason == .invalid)
        #expect(error?.message.hasPrefix("ConfigMap \"Settings\" is invalid: metadata.name: Invalid value: \"Settings\": a lowercase RFC 1123 subdomain") == true)

        var service = KubeObject(apiVersion: "v1", kind: "Service", name: "1web", namespace: "default")
        service.body["spec"] = ["ports": [["port": 80]]]
        let serviceError = #expect(throws: ClusterError.self) { try cluster.create(service) }
        #expect(serviceError?.message.contains("DNS-1035 label") == true)

        // RBAC names are path segments: colons are fine.
        let role = KubeObject(apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", name: "system:gitops:reader")
        #expect(try cluster.create(role).name == "system:gitops:reader")
    }

    @Test("list filters by namespace and label selector")
    func labelSelectors() throws {
        let cluster = try EmbeddedCluster.inMemory()
        _ = try cluster.create(namespace("apps"))
        _ = try cluster.create(configMap("a", labels: ["app": "web", "tier": "front"]))
        _ = try cluster.create(configMap("b", labels: ["app": "web", "tier": "cache"]))
        _ = try cluster.create(configMap("c", labels: ["app": "db"]))
        _ = try cluster.create(configMap("d", namespace: "apps", labels: ["app": "web", "legacy": "true"]))
        func names(_ selector: String?, namespace: String? = nil) throws -> [String] {
            try cluster.list(ListQuery(apiVersion: "v1", kind: "ConfigMap", namespace: namespace, labelSelector: selector)).map(\.name)
        }
        // Sorted by namespace, then name, as the API server's storage keys sort.
        #expect(try names(nil) == ["d", "a", "b", "c"])
        #expect(try names(nil, namespace: "apps") == ["d"])
        #expect(try names("app=web") == ["d", "a", "b"])
        #expect(try names("app==web,tier!=cache") == ["d", "a"])
        #expect(try names("tier in (front, cache)") == ["a", "b"])
        #expect(try names("app notin (web)") == ["c"])
        #expect(try names("tier") == ["a", "b"])
        #expect(try names("app=web,!legacy") == ["a", "b"])
        let error = #expect(throws: ClusterError.self) { try names("app in (web") }
        #expect(error?.reason == .badRequest)
        #expect(throws: ClusterError.self) { try names("app=we b") }
    }

    @Test("dry-run writes return the result and store nothing")
    func dryRun() throws {
        let cluster = try EmbeddedCluster.inMemory()
        let before = cluster.currentResourceVersion()
        let created = try cluster.create(configMap("a"), options: WriteOptions(dryRun: true))
        #expect(created.uid != nil)
        let applied = try cluster.apply(configMap("b"), options: ApplyOptions(dryRun: true))
        #expect(applied.action == .created)
        #expect(try cluster.get(configMap("a").ref) == nil)
        #expect(try cluster.get(configMap("b").ref) == nil)

        let stored = try cluster.create(configMap("c"))
        var changed = stored
        changed.body.set(["data", "key"], "new")
        #expect(try cluster.update(changed, options: WriteOptions(dryRun: true)).body[path: ["data", "key"]] == "new")
        #expect(try cluster.delete(stored.ref, options: DeleteOptions(dryRun: true)))
        #expect(try cluster.get(stored.ref)?.body[path: ["data", "key"]] == "value")
        #expect(cluster.currentResourceVersion() == before + 1)
    }

    @Test("a kind served at a version the server does not serve is refused")
    func wrongVersion() throws {
        let cluster = try EmbeddedCluster.inMemory()
        var d = deployment("web")
        d.apiVersion = "apps/v1beta1"
        let error = #expect(throws: ClusterError.self) { try cluster.apply(d) }
        #expect(error?.reason == .notFound)
        #expect(error?.message.contains("does not serve") == true)
        let info = try cluster.resource(apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler")
        #expect(info.plural == "horizontalpodautoscalers" && info.namespaced && info.hasStatusSubresource)
        #expect(try cluster.resource(apiVersion: "v1", kind: "Namespace").namespaced == false)
    }

    @Test("a file-backed cluster keeps its objects and sees another process's writes")
    func persistence() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cluster-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("cluster.db").path
        let agent = try EmbeddedCluster(path: path)
        let cli = try EmbeddedCluster(path: path)
        let created = try agent.create(configMap("a"))
        #expect(try cli.get(created.ref) == created)
        #expect(cli.currentResourceVersion() == agent.currentResourceVersion())
        try cli.delete(created.ref)
        #expect(try agent.get(created.ref) == nil)
        let reopened = try EmbeddedCluster(path: path)
        #expect(reopened.currentResourceVersion() == agent.currentResourceVersion())
    }
}
