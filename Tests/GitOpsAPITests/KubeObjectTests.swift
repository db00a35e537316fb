import GitOpsAPI
import Testing
import YAML

@Suite("KubeObject and ObjectID")
struct KubeObjectTests {
    static let deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: podinfo
          namespace: default
          uid: 0b1c
          resourceVersion: "42"
          generation: 3
          creationTimestamp: "2024-05-01T10:00:00Z"
          labels:
            app: podinfo
            tier: 2
          annotations:
            note: hello
        spec:
          replicas: 2
        status:
          readyReplicas: 1
        """

    @Test("typed accessors read apiVersion, group, version and metadata")
    func accessors() throws {
        let object = KubeObject(try YAML.parse(Self.deployment))
        #expect(object.apiVersion == "apps/v1")
        #expect(object.group == "apps")
        #expect(object.version == "v1")
        #expect(object.kind == "Deployment")
        #expect(object.name == "podinfo")
        #expect(object.namespace == "default")
        #expect(object.uid == "0b1c")
        #expect(object.resourceVersion == "42")
        #expect(object.generation == 3)
        #expect(object.creationTimestamp == "2024-05-01T10:00:00Z")
        #expect(object.deletionTimestamp == nil)
        #expect(object.labels == ["app": "podinfo", "tier": "2"], "numbers read as their text")
        #expect(object.annotations == ["note": "hello"])
        #expect(object.spec?["replicas"] == 2)
        #expect(object.status?["readyReplicas"] == 1)
    }

    @Test("the core group is empty and an empty namespace reads as none")
    func coreGroupAndEmptyNamespace() {
        var object = KubeObject(apiVersion: "v1", kind: "ConfigMap", name: "settings", namespace: "")
        #expect(object.group == "")
        #expect(object.version == "v1")
        #expect(object.namespace == nil)
        object.namespace = "apps"
        #expect(object.namespace == "apps")
        object.namespace = nil
        #expect(object.body[path: ["metadata", "namespace"]] == nil)
    }

    @Test("setters create metadata maps and remove keys set to nil")
    func setters() {
        var object = KubeObject(JSONValue.object([:]))
        object.apiVersion = "v1"
        object.kind = "Secret"
        object.name = "token"
        object.setLabel("b", "2")
        object.setLabel("a", "1")
        object.setAnnotation("x", "y")
        #expect(object.labels == ["a": "1", "b": "2"])
        object.setLabel("a", nil)
        #expect(object.labels == ["b": "2"])
        object.labels = ["z": "1", "c": "3"]
        #expect(object.body[path: ["metadata", "labels"]]?.objectValue.map { Array($0.keys) } == ["c", "z"])
        object.resourceVersion = "7"
        #expect(object.resourceVersion == "7")
        object.status = ["phase": "Active"]
        #expect(object.status?["phase"] == "Active")
    }

    @Test(
        "assigning empty labels or annotations removes the map"
    )
    func emptyMapsRemoved() {
        var object = KubeObject(apiVersion: "v1", kind: "ConfigMap", name: "c")
        object.labels = ["a": "1"]
        object.labels = [:]
        object.annotations = [:]
        #expect(object.body[path: ["metadata", "labels"]] == nil)
        #expect(object.body[path: ["metadata", "annotations"]] == nil)
        #expect(object.body.jsonString() == #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"}}"#)
    }

    @Test("a namespaced object's id prints in Flux's inventory form")
    func inventoryID() {
        let object = KubeObject(apiVersion: "apps/v1", kind: "Deployment", name: "podinfo", namespace: "default")
        #expect(object.id.inventoryID == "default_podinfo_apps_Deployment")
        #expect(object.id.description == "Deployment/default/podinfo")
        #expect(object.ref.description == "Deployment/default/podinfo")
        #expect(object.ref.apiVersion == "apps/v1")
    }

    @Test("a cluster-scoped core object has empty namespace and group in its inventory id")
    func clusterScopedInventoryID() {
        let object = KubeObject(apiVersion: "v1", kind: "Namespace", name: "ns")
        #expect(object.id.inventoryID == "_ns__Namespace")
        #expect(object.id.description == "Namespace/ns")
    }

    static let inventoryIDs = [
        "default_podinfo_apps_Deployment",
        "_ns__Namespace",
        "apps_web__Service",
        "_gitrepositories.source.toolkit.fluxcd.io_apiextensions.k8s.io_CustomResourceDefinition",
        "flux-system_apps_kustomize.toolkit.fluxcd.io_Kustomization",
    ]

    @Test("inventory ids parse back to the same ObjectID", arguments: inventoryIDs)
    func inventoryRoundTrip(id: String) throws {
        let parsed = try #require(ObjectID(inventoryID: id))
        #expect(parsed.inventoryID == id)
    }

    @Test("a malformed inventory id is refused", arguments: ["", "a_b_c", "a_b_c_d_e", "default-podinfo-apps-Deployment"])
    func badInventoryID(id: String) {
        #expect(ObjectID(inventoryID: id) == nil)
    }

    @Test("an inventory entry reads its id and version and gives back a reference")
    func inventoryEntry() throws {
        let entry = try #require(InventoryEntry(json: ["id": "default_podinfo_apps_Deployment", "v": "v1"]))
        #expect(entry.ref == ObjectRef(apiVersion: "apps/v1", kind: "Deployment", namespace: "default", name: "podinfo"))
        let namespace = try #require(InventoryEntry(json: ["id": "_ns__Namespace", "v": "v1"]))
        #expect(namespace.ref == ObjectRef(apiVersion: "v1", kind: "Namespace", namespace: nil, name: "ns"))
        #expect(namespace.json == ["id": "_ns__Namespace", "v": "v1"])
    }

    @Test("GroupVersion splits and joins apiVersion")
    func groupVersion() {
        #expect(GroupVersion("apps/v1") == GroupVersion(group: "apps", version: "v1"))
        #expect(GroupVersion("v1") == GroupVersion(group: "", version: "v1"))
        #expect(GroupVersion(group: "", version: "v1").apiVersion == "v1")
        #expect(GroupVersion(group: "batch", version: "v1").apiVersion == "batch/v1")
    }

    @Test("ObjectIDs sort by group, kind, namespace, then name")
    func ordering() {
        let ids = [
            ObjectID(group: "apps", kind: "Deployment", namespace: "b", name: "a"),
            ObjectID(group: "", kind: "Service", namespace: "a", name: "z"),
            ObjectID(group: "apps", kind: "Deployment", namespace: "a", name: "z"),
            ObjectID(group: "", kind: "ConfigMap", namespace: "z", name: "a"),
        ]
        #expect(ids.sorted().map(\.inventoryID) == ["z_a__ConfigMap", "a_z__Service", "a_z_apps_Deployment", "b_a_apps_Deployment"])
    }
}

@Suite("Conditions")
struct ConditionsTests {
    @Test("setting a condition whose status did not change keeps its lastTransitionTime")
    func keepsTransitionTime() throws {
        var conditions = Conditions([
            Condition(type: "Ready", status: .true, reason: "Succeeded", message: "old", lastTransitionTime: "2024-01-01T00:00:00Z"),
        ])
        conditions.set(Condition(type: "Ready", status: .true, reason: "Succeeded", message: "new", lastTransitionTime: "2024-06-01T00:00:00Z"))
        let ready = try #require(conditions["Ready"])
        #expect(ready.lastTransitionTime == "2024-01-01T00:00:00Z")
        #expect(ready.message == "new", "everything else is replaced")
        #expect(conditions.items.count == 1)
    }

    @Test("setting a condition whose status changed takes the new lastTransitionTime")
    func newTransitionTime() {
        var conditions = Conditions([
            Condition(type: "Ready", status: .true, reason: "Succeeded", message: "", lastTransitionTime: "2024-01-01T00:00:00Z"),
        ])
        conditions.set(Condition(type: "Ready", status: .false, reason: "BuildFailed", message: "boom", lastTransitionTime: "2024-06-01T00:00:00Z"))
        #expect(conditions["Ready"]?.lastTransitionTime == "2024-06-01T00:00:00Z")
        #expect(conditions["Ready"]?.status == .false)
        #expect(!conditions.isTrue("Ready"))
    }

    @Test("Ready is kept first, other conditions in the order they were added")
    func readyFirst() {
        var conditions = Conditions()
        conditions.set(Condition(type: "Reconciling", status: .true, reason: "Progressing", message: ""))
        conditions.set(Condition(type: "Healthy", status: .unknown, reason: "Progressing", message: ""))
        conditions.set(Condition(type: "Ready", status: .unknown, reason: "Progressing", message: ""))
        #expect(conditions.items.map(\.type) == ["Ready", "Reconciling", "Healthy"])
        conditions.remove("Reconciling")
        #expect(conditions.items.map(\.type) == ["Ready", "Healthy"])
    }

    @Test("conditions read from and write to the Kubernetes JSON shape")
    func json() throws {
        let status = try YAML.parse("""
            conditions:
            - type: Ready
              status: "False"
              reason: HealthCheckFailed
              message: timeout
              observedGeneration: 4
              lastTransitionTime: "2024-05-01T10:00:00Z"
            - status: "True"
            - type: Weird
              status: maybe
            """)
        let conditions = Conditions(json: status["conditions"])
        #expect(conditions.items.count == 2, "an entry without a type is dropped")
        let ready = try #require(conditions["Ready"])
        #expect(ready == Condition(type: "Ready", status: .false, reason: "HealthCheckFailed", message: "timeout",
                                   observedGeneration: 4, lastTransitionTime: "2024-05-01T10:00:00Z"))
        #expect(conditions["Weird"]?.status == .unknown)
        #expect(Conditions(json: conditions.json) == conditions)
        #expect(ready.json.jsonString() == #"{"lastTransitionTime":"2024-05-01T10:00:00Z","message":"timeout","observedGeneration":4,"reason":"HealthCheckFailed","status":"False","type":"Ready"}"#)
    }
}
