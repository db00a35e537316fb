import Cluster
import EmbeddedCluster
import Foundation
import GitOpsAPI
import KubeAPIServer
import KubeClient
import KubeConfig

/// A loopback API server over an in-memory embedded cluster, and a client pointed at it.
struct Fixture {
    let cluster: EmbeddedCluster
    let server: KubeAPIServer
    let client: KubeClient
    let url: String

    /// Fast retries so failure tests stay quick; `Retry-After` is still honoured as sent.
    static let quickRetries = RetryPolicy(maxAttempts: 4, baseDelay: .milliseconds(20), maxDelay: .milliseconds(100))

    static func start(authentication: Authentication = .anonymous, credentials: Credentials = .none,
                      retryPolicy: RetryPolicy = quickRetries, pageSize: Int = 500,
                      requestTimeout: Duration = .seconds(10)) async throws -> Fixture {
        let cluster = try EmbeddedCluster.inMemory()
        let server = KubeAPIServer(cluster: cluster, authentication: authentication)
        let url = try await server.start()
        let client = KubeClient(connection: ClusterConnection(server: url, credentials: credentials),
                                retryPolicy: retryPolicy, requestTimeout: requestTimeout, pageSize: pageSize)
        return Fixture(cluster: cluster, server: server, client: client, url: url)
    }

    func stop() async { await server.stop() }

    /// Requests the server saw, as `METHOD path`.
    var seen: [String] { server.requests.map { "\($0.method) \($0.path)" } }
}

func configMap(_ name: String, namespace: String = "default", data: [String: String] = ["k": "v"],
               labels: [String: String] = [:]) -> KubeObject {
    var object = KubeObject(apiVersion: "v1", kind: "ConfigMap", name: name, namespace: namespace)
    for (key, value) in labels { object.setLabel(key, value) }
    object.body["data"] = .object(JSONObject(uniqueKeysWithValues: data.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }))
    return object
}

func deployment(_ name: String, namespace: String = "default", replicas: Int = 1, image: String = "nginx:1.27") -> KubeObject {
    var object = KubeObject(apiVersion: "apps/v1", kind: "Deployment", name: name, namespace: namespace)
    object.body["spec"] = [
        "replicas": .int(replicas),
        "selector": ["matchLabels": ["app": .string(name)]],
        "template": [
            "metadata": ["labels": ["app": .string(name)]],
            "spec": ["containers": [["name": "main", "image": .string(image)]]],
        ],
    ]
    return object
}

/// A CRD for `widgets.example.com`, kind Widget, served at v1, namespaced, with status.
func widgetCRD() -> KubeObject {
    var object = KubeObject(apiVersion: "apiextensions.k8s.io/v1", kind: "CustomResourceDefinition", name: "widgets.example.com")
    object.body["spec"] = [
        "group": "example.com",
        "names": ["kind": "Widget", "plural": "widgets", "singular": "widget", "listKind": "WidgetList"],
        "scope": "Namespaced",
        "versions": [["name": "v1", "served": true, "storage": true, "subresources": ["status": [:]],
                      "schema": ["openAPIV3Schema": ["type": "object", "x-kubernetes-preserve-unknown-fields": true]]]],
    ]
    return object
}

/// The object without what differs between two stores holding the same thing (uid, times,
/// resourceVersion), keys sorted.
func comparable(_ object: KubeObject?) -> JSONValue? {
    guard var body = object?.body else { return nil }
    for key in ["uid", "creationTimestamp", "resourceVersion"] { body.set(["metadata", key], nil) }
    if let entries = body[path: ["metadata", "managedFields"]]?.arrayValue {
        body.set(["metadata", "managedFields"], .array(entries.map { var e = $0; e["time"] = nil; return e }))
    }
    return body.sortedKeys()
}

/// The ClusterError a call threw, or nil.
func clusterError(_ body: () async throws -> Void) async -> ClusterError? {
    do { try await body() } catch let error as ClusterError { return error } catch { return nil }
    return nil
}
