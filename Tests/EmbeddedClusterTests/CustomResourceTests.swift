import Cluster
import EmbeddedCluster
import GitOpsAPI
import Testing

@Suite("Embedded cluster: custom resources")
struct CustomResourceTests {
    let crd = """
        {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition",
         "metadata":{"name":"widgets.example.com"},
         "spec":{"group":"example.com","scope":"Namespaced",
                 "names":{"kind":"Widget","plural":"widgets","singular":"widget","listKind":"WidgetList"},
                 "versions":[{"name":"v1","served":true,"storage":true,"subresources":{"status":{}}},
                             {"name":"v1beta1","served":false,"storage":false}]}}
        """
    let widget = """
        {"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w","namespace":"default"},
         "spec":{"size":3},"status":{"ready":true}}
        """

    @Test("an unknown kind is not served until its CustomResourceDefinition is applied")
    func crdMakesKindServable() throws {
        let cluster = try EmbeddedCluster.inMemory()
        let error = #expect(throws: ClusterError.self) { try cluster.apply(object(widget)) }
        #expect(error?.reason == .notFound)
        #expect(error?.message == "the server could not find the requested resource: no kind \"Widget\" is registered for version \"example.com/v1\" (is its CustomResourceDefinition applied?)")

        _ = try cluster.apply(object(crd))
        let info = try cluster.resource(apiVersion: "example.com/v1", kind: "Widget")
        #expect(info == ResourceInfo(group: "example.com", version: "v1", kind: "Widget", plural: "widgets", namespaced: true,
            hasStatusSubresource: true))
        let applied = try cluster.apply(object(widget))
        #expect(applied.action == .created)
        #expect(applied.object.status == nil)  // status is a subresource of this CRD
        #expect(throws: ClusterError.self) { try cluster.resource(apiVersion: "example.com/v1beta1", kind: "Widget") }
    }

    @Test("a CustomResourceDefinition's name must be plural.group")
    func crdName() throws {
        let cluster = try EmbeddedCluster.inMemory()
        var bad = try object(crd)
        bad.name = "widgets"
        let error = #expect(throws: ClusterError.self) { try cluster.apply(bad) }
        #expect(error?.reason == .invalid)
    }

    @Test("deleting a CustomResourceDefinition deletes its objects and stops serving the kind")
    func crdDelete() throws {
        let cluster = try EmbeddedCluster.inMemory()
        let definition = try cluster.apply(object(crd)).object
        _ = try cluster.apply(object(widget))
        try cluster.delete(definition.ref)
        #expect(throws: ClusterError.self) { try cluster.list(ListQuery(apiVersion: "example.com/v1", kind: "Widget")) }
        _ = try cluster.apply(object(crd))
        #expect(try cluster.list(ListQuery(apiVersion: "example.com/v1", kind: "Widget")).isEmpty)
    }
}
