import Cluster
import EmbeddedCluster
import GitOpsAPI

/// Builds an object from JSON text (tests read better with the manifest in view).
func object(_ json: String) throws -> KubeObject {
    KubeObject(try JSONValue.parse(json: json))
}

func deployment(_ name: String, namespace: String = "default", replicas: Int = 1, image: String = "nginx:1.25",
    labels: [String: String] = [:], annotations: [String: String] = [:]) -> KubeObject
{
    var templateMetadata: JSONObject = ["labels": ["app": .string(name)]]
    if !annotations.isEmpty {
        templateMetadata["annotations"] = .object(JSONObject(uniqueKeysWithValues: annotations.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.string($0.value)) }))
    }
    var o = KubeObject(apiVersion: "apps/v1", kind: "Deployment", name: name, namespace: namespace)
    if !labels.isEmpty { o.labels = labels }
    o.body["spec"] = [
        "replicas": .int(replicas),
        "selector": ["matchLabels": ["app": .string(name)]],
        "template": [
            "metadata": .object(templateMetadata),
            "spec": ["containers": [["name": "web", "image": .string(image), "ports": [["containerPort": 80]]]]],
        ],
    ]
    return o
}

func configMap(_ name: String, namespace: String = "default", data: [String: String] = ["key": "value"],
    labels: [String: String] = [:]) -> KubeObject
{
    var o = KubeObject(apiVersion: "v1", kind: "ConfigMap", name: name, namespace: namespace)
    if !labels.isEmpty { o.labels = labels }
    o.body["data"] = .object(JSONObject(uniqueKeysWithValues: data.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.string($0.value)) }))
    return o
}

func namespace(_ name: String) -> KubeObject { KubeObject(apiVersion: "v1", kind: "Namespace", name: name) }

extension KubeObject {
    /// The field managers recorded in managedFields, as `manager/Operation`.
    var managers: [String] {
        (body[path: ["metadata", "managedFields"]]?.arrayValue ?? []).map {
            "\($0["manager"]?.stringValue ?? "")/\($0["operation"]?.stringValue ?? "")"
        }
    }
    func fieldsV1(of manager: String) -> JSONValue? {
        body[path: ["metadata", "managedFields"]]?.arrayValue?.first { $0["manager"]?.stringValue == manager }?["fieldsV1"]
    }
}
