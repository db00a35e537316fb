import Cluster
import GitOpsAPI

extension KubeClient {
    /// `GET …/PLURAL/NAME`; nil on 404.
    public func get(_ ref: ObjectRef) async throws -> KubeObject? {
        let info = try await resource(apiVersion: ref.apiVersion, kind: ref.kind)
        let request = APIRequest(method: "GET", path: ResourcePath.path(info, namespace: namespace(of: ref, info), name: ref.name),
                                 kind: .read, object: ref.id)
        let response = try await perform(request)
        if response.status == 404 { return nil }
        return try decodeObject(response, request, apiVersion: ref.apiVersion, kind: ref.kind)
    }

    /// `GET …/PLURAL?labelSelector=…&limit=N`, following `metadata.continue` until the list is
    /// complete (api-concepts, "Retrieving large results sets in chunks"); when a token has
    /// expired (410 Gone) the list is read again in one piece. Items come back with
    /// `apiVersion` and `kind` set, in the server's order (namespace, then name).
    public func list(_ query: ListQuery) async throws -> [KubeObject] {
        let info = try await resource(apiVersion: query.apiVersion, kind: query.kind)
        let path = ResourcePath.path(info, namespace: info.namespaced ? query.namespace : nil)
        var items: [KubeObject] = []
        var token: String?
        var paged = true
        while true {
            var parameters: [(String, String)] = []
            if let selector = query.labelSelector, !selector.isEmpty { parameters.append(("labelSelector", selector)) }
            if paged { parameters.append(("limit", String(pageSize))) }
            if let token { parameters.append(("continue", token)) }
            let request = APIRequest(method: "GET", path: path, query: parameters, kind: .read)
            let response = try await perform(request)
            if response.status == 410, token != nil {
                // The continue token expired (compaction): start over with one full list, as
                // client-go's pager does.
                items.removeAll()
                token = nil
                paged = false
                continue
            }
            guard response.isSuccess else { throw StatusError.clusterError(response, request) }
            let page = try decodeJSON(response, request)
            for item in page["items"]?.arrayValue ?? [] {
                items.append(Self.withTypeMeta(item, apiVersion: query.apiVersion, kind: query.kind))
            }
            token = page[path: ["metadata", "continue"]]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
            if token == nil { return items }
        }
    }
}
