import Cluster
import GitOpsAPI

/// REST paths of the Kubernetes API (api-concepts, "Resource URIs"):
/// `/api/v1/namespaces/NS/configmaps/NAME`, `/apis/apps/v1/namespaces/NS/deployments/NAME/status`,
/// `/apis/rbac.authorization.k8s.io/v1/clusterroles/NAME`, and collections without the name;
/// a namespaced collection without a namespace lists across all namespaces.
enum ResourcePath {
    static func path(_ info: ResourceInfo, namespace: String?, name: String? = nil, subresource: String? = nil) -> String {
        var path = info.group.isEmpty ? "/api/\(info.version)" : "/apis/\(info.group)/\(info.version)"
        if info.namespaced, let namespace { path += "/namespaces/\(segment(namespace))" }
        path += "/\(info.plural)"
        if let name { path += "/\(segment(name))" }
        if let subresource { path += "/\(subresource)" }
        return path
    }

    /// A path segment: names are DNS subdomains in practice, but RBAC names may hold `:` and
    /// anything else is escaped rather than trusted.
    static func segment(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-._~:@".unicodeScalars.contains(scalar) {
                out.unicodeScalars.append(scalar)
            } else {
                for byte in String(scalar).utf8 { out += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true) }
            }
        }
        return out
    }
}

extension KubeClient {
    /// The object with its namespace settled as the server settles it: a namespaced kind
    /// without one goes to the connection's namespace (`default` unless the kubeconfig context
    /// says otherwise); a cluster-scoped kind loses it.
    func placed(_ object: KubeObject, _ info: ResourceInfo) -> KubeObject {
        var object = object
        if info.namespaced {
            if object.namespace == nil { object.namespace = connection.namespace }
        } else if object.body[path: ["metadata", "namespace"]] != nil {
            object.namespace = nil
        }
        return object
    }

    /// The namespace a reference resolves to for a kind.
    func namespace(of ref: ObjectRef, _ info: ResourceInfo) -> String? {
        info.namespaced ? (ref.namespace ?? connection.namespace) : nil
    }

    /// `?fieldManager=…&dryRun=All` as a write sends them.
    static func writeQuery(fieldManager: String, dryRun: Bool) -> [(String, String)] {
        var query = [("fieldManager", fieldManager)]
        if dryRun { query.append(("dryRun", "All")) }
        return query
    }

    static func isCRD(_ info: ResourceInfo) -> Bool {
        info.group == "apiextensions.k8s.io" && info.kind == "CustomResourceDefinition"
    }
}
