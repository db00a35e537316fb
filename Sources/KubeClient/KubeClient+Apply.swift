import Cluster
import GitOpsAPI

extension KubeClient {
    /// Server-side apply: `PATCH …/PLURAL/NAME?fieldManager=M[&force=true][&dryRun=All]` with
    /// `Content-Type: application/apply-patch+yaml` and the object as JSON (JSON is YAML).
    /// `force` is sent only when asked; without it a field another manager owns with another
    /// value is a 409 `Conflict` whose message lists the fields and the manager.
    ///
    /// The action is read as Flux's `ssa` manager reads it, against the live object: no live
    /// object means `created`; a write that kept the resourceVersion, or a dry run whose result
    /// equals the live object (managedFields timestamps and resourceVersion aside), means
    /// `unchanged`; anything else `configured`. The live object is `options.live` when the
    /// caller read it already (in bulk, with a LIST per kind), else it is fetched first (one
    /// `GET`): so a caller that lists can validate N objects with N requests, not 2N.
    ///
    /// Applying a CustomResourceDefinition for real invalidates the discovery cache.
    public func apply(_ object: KubeObject, options: ApplyOptions) async throws -> ApplyResult {
        let info = try await resource(apiVersion: object.apiVersion, kind: object.kind)
        var object = placed(object, info)
        guard !object.name.isEmpty else {
            throw ClusterError(.invalid, "\(object.kind) \"\" is invalid: metadata.name: Required value: name is required", object: object.id)
        }
        // The server refuses an applied configuration that carries managedFields.
        object.body.set(["metadata", "managedFields"], nil)
        let live: KubeObject?
        switch options.live {
        case .unknown: live = try await get(object.ref)
        case .absent: live = nil
        case .present(let known): live = known
        }

        var query = [("fieldManager", options.fieldManager)]
        if options.force { query.append(("force", "true")) }
        if options.dryRun { query.append(("dryRun", "All")) }
        let request = APIRequest(method: "PATCH", path: ResourcePath.path(info, namespace: object.namespace, name: object.name),
                                 query: query, body: Array(object.body.jsonString().utf8),
                                 contentType: "application/apply-patch+yaml",
                                 kind: options.dryRun ? .dryRun : .write, object: object.id)
        let result = try decodeObject(try await perform(request), request, apiVersion: object.apiVersion, kind: object.kind)
        if Self.isCRD(info), !options.dryRun { invalidateDiscovery() }

        guard let live else { return ApplyResult(object: result, action: .created) }
        let unchanged = options.dryRun
            ? Self.comparable(result) == Self.comparable(live)
            : result.resourceVersion == live.resourceVersion
        return ApplyResult(object: unchanged ? live : result, action: unchanged ? .unchanged : .configured)
    }

    /// The object without what a no-op write may still change: the resourceVersion and the
    /// managedFields timestamps; keys sorted so the order of fields does not matter.
    static func comparable(_ object: KubeObject) -> JSONValue {
        var body = object.body
        body.set(["metadata", "resourceVersion"], nil)
        if let entries = body[path: ["metadata", "managedFields"]]?.arrayValue {
            body.set(["metadata", "managedFields"], .array(entries.map { entry in
                var entry = entry
                entry["time"] = nil
                return entry
            }))
        }
        return body.sortedKeys()
    }
}
