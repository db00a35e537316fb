import Cluster
import GitOpsAPI

extension KubeClient {
    /// `POST` to the collection. The server answers `AlreadyExists` (409) for a taken name and
    /// fills `metadata.name` from `generateName`.
    public func create(_ object: KubeObject, options: WriteOptions) async throws -> KubeObject {
        let info = try await resource(apiVersion: object.apiVersion, kind: object.kind)
        let object = placed(object, info)
        let request = APIRequest(method: "POST", path: ResourcePath.path(info, namespace: object.namespace),
                                 query: Self.writeQuery(fieldManager: options.fieldManager, dryRun: options.dryRun),
                                 body: Array(object.body.jsonString().utf8), contentType: "application/json",
                                 kind: options.dryRun ? .dryRun : .write, object: object.id)
        let created = try decodeObject(try await perform(request), request, apiVersion: object.apiVersion, kind: object.kind)
        if Self.isCRD(info), !options.dryRun { invalidateDiscovery() }
        return created
    }

    /// `PUT` of the object. A `metadata.resourceVersion` that is stale makes the server answer
    /// 409 `Conflict` ("the object has been modified"); it is reported, not retried: the
    /// caller must read again and redo its change.
    public func update(_ object: KubeObject, options: WriteOptions) async throws -> KubeObject {
        try await replace(object, options: options, subresource: nil)
    }

    /// `PUT …/status`: only the status changes.
    public func updateStatus(_ object: KubeObject, options: WriteOptions) async throws -> KubeObject {
        try await replace(object, options: options, subresource: "status")
    }

    private func replace(_ object: KubeObject, options: WriteOptions, subresource: String?) async throws -> KubeObject {
        let info = try await resource(apiVersion: object.apiVersion, kind: object.kind)
        let object = placed(object, info)
        let request = APIRequest(method: "PUT", path: ResourcePath.path(info, namespace: object.namespace, name: object.name, subresource: subresource),
                                 query: Self.writeQuery(fieldManager: options.fieldManager, dryRun: options.dryRun),
                                 body: Array(object.body.jsonString().utf8), contentType: "application/json",
                                 kind: options.dryRun ? .dryRun : .write, object: object.id)
        let stored = try decodeObject(try await perform(request), request, apiVersion: object.apiVersion, kind: object.kind)
        if Self.isCRD(info), !options.dryRun { invalidateDiscovery() }
        return stored
    }
}
