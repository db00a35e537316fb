import Cluster
import EmbeddedCluster
import GitOpsAPI
import Testing

@Suite("Embedded cluster: deletion")
struct DeleteTests {
    func owned(_ name: String, by owner: KubeObject) -> KubeObject {
        var o = configMap(name)
        o.body.set(["metadata", "ownerReferences"], [[
            "apiVersion": .string(owner.apiVersion), "kind": .string(owner.kind), "name": .string(owner.name),
            "uid": .string(owner.uid!), "controller": true,
        ]])
        return o
    }

    @Test("delete cascades to owned objects, recursively")
    func cascades() throws {
        let cluster = try EmbeddedCluster.inMemory()
        let owner = try cluster.create(deployment("web"))
        let child = try cluster.create(owned("child", by: owner))
        let grandchild = try cluster.create(owned("grandchild", by: child))
        let rv = cluster.currentResourceVersion()
        #expect(try cluster.delete(owner.ref))
        #expect(try cluster.get(child.ref) == nil)
        #expect(try cluster.get(grandchild.ref) == nil)
        #expect(cluster.currentResourceVersion() > rv)
        #expect(try cluster.delete(owner.ref) == false)
    }

    @Test("orphan propagation keeps dependents and drops their owner reference")
    func orphans() throws {
        let cluster = try EmbeddedCluster.inMemory()
        let owner = try cluster.create(deployment("web"))
        let child = try cluster.create(owned("child", by: owner))
        try cluster.delete(owner.ref, options: DeleteOptions(propagationPolicy: .orphan))
        let kept = try #require(try cluster.get(child.ref))
        #expect(kept.body[path: ["metadata", "ownerReferences"]] == nil)
    }

    @Test("deleting a namespace deletes everything in it; system namespaces stay")
    func namespaceDelete() throws {
        let cluster = try EmbeddedCluster.inMemory()
        _ = try cluster.create(namespace("apps"))
        _ = try cluster.create(configMap("a", namespace: "apps"))
        _ = try cluster.create(deployment("web", namespace: "apps"))
        try cluster.delete(namespace("apps").ref)
        #expect(try cluster.list(ListQuery(apiVersion: "v1", kind: "ConfigMap", namespace: "apps")).isEmpty)
        #expect(try cluster.list(ListQuery(apiVersion: "apps/v1", kind: "Deployment")).isEmpty)
        let error = #expect(throws: ClusterError.self) { try cluster.delete(namespace("default").ref) }
        #expect(error?.reason == .forbidden)
    }
}
