import Cluster
import EmbeddedCluster
import GitOpsAPI
import Testing

@Suite("Embedded cluster: managedFields")
struct ManagedFieldsTests {
    @Test("an apply entry is in the API's format, with associative list items keyed by name")
    func applyEntryFormat() throws {
        let cluster = try EmbeddedCluster.inMemory()
        let applied = try cluster.apply(deployment("web", labels: ["app": "web"])).object
        let entry = try #require(applied.body[path: ["metadata", "managedFields"]]?.arrayValue?.first)
        #expect(entry.objectValue.map { Array($0.keys) } == ["manager", "operation", "apiVersion", "time", "fieldsType", "fieldsV1"])
        #expect(entry["manager"] == "gitops")
        #expect(entry["operation"] == "Apply")
        #expect(entry["apiVersion"] == "apps/v1")
        #expect(entry["fieldsType"] == "FieldsV1")
        let fields = try #require(entry["fieldsV1"])
        #expect(fields[path: ["f:metadata", "f:labels", "f:app"]] == .object([:]))
        #expect(fields[path: ["f:metadata", "f:name"]] == nil)  // identity is nobody's field
        let container = fields[path: ["f:spec", "f:template", "f:spec", "f:containers", "k:{\"name\":\"web\"}"]]
        #expect(container?["."] == .object([:]))
        #expect(container?["f:image"] == .object([:]))
        #expect(container?[path: ["f:ports", "k:{\"containerPort\":80}", "."]] == .object([:]))
    }

    @Test("create and update record an Update entry for the fields their manager changed")
    func updateEntries() throws {
        let cluster = try EmbeddedCluster.inMemory()
        var cm = try cluster.create(configMap("settings"), options: WriteOptions(fieldManager: "kubectl-create"))
        #expect(cm.managers == ["kubectl-create/Update"])
        cm.body.set(["data", "extra"], "1")
        cm = try cluster.update(cm, options: WriteOptions(fieldManager: "kubectl-edit"))
        #expect(cm.managers == ["kubectl-create/Update", "kubectl-edit/Update"])
        #expect(cm.fieldsV1(of: "kubectl-edit") == ["f:data": ["f:extra": [:]]])
        #expect(cm.fieldsV1(of: "kubectl-create")?[path: ["f:data", "f:extra"]] == nil)

        // Taking over a field moves it; removing a field drops it from every entry.
        cm.body.set(["data", "key"], "changed")
        cm = try cluster.update(cm, options: WriteOptions(fieldManager: "kubectl-edit"))
        #expect(cm.fieldsV1(of: "kubectl-create")?[path: ["f:data", "f:key"]] == nil)
        cm.body.set(["data", "extra"], nil)
        cm = try cluster.update(cm, options: WriteOptions(fieldManager: "kubectl-create"))
        #expect(cm.fieldsV1(of: "kubectl-edit")?[path: ["f:data", "f:extra"]] == nil)
    }

    @Test("several conflicts are listed one per line under their manager")
    func severalConflicts() throws {
        let cluster = try EmbeddedCluster.inMemory()
        _ = try cluster.apply(configMap("settings", data: ["a": "1", "b": "2"]), options: ApplyOptions(fieldManager: "other"))
        let error = #expect(throws: ClusterError.self) {
            try cluster.apply(configMap("settings", data: ["a": "x", "b": "y"]))
        }
        #expect(error?.message == """
            Apply failed with 2 conflicts: conflicts with "other" using v1:
            - .data.a
            - .data.b
            """)
    }

    @Test("two appliers share a field they agree on; it stays until both give it up")
    func sharedOwnership() throws {
        let cluster = try EmbeddedCluster.inMemory()
        _ = try cluster.apply(configMap("settings", data: ["a": "1"]), options: ApplyOptions(fieldManager: "one"))
        _ = try cluster.apply(configMap("settings", data: ["a": "1"]), options: ApplyOptions(fieldManager: "two"))
        let afterOne = try cluster.apply(configMap("settings", data: [:]), options: ApplyOptions(fieldManager: "one")).object
        #expect(afterOne.body[path: ["data", "a"]] == "1")
        let afterTwo = try cluster.apply(configMap("settings", data: [:]), options: ApplyOptions(fieldManager: "two")).object
        #expect(afterTwo.body[path: ["data", "a"]] == nil)
    }
}
