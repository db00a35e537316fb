import Cluster
import GitOpsAPI

extension KubeClient {
    /// `DELETE …/PLURAL/NAME?propagationPolicy=Background` (or `Foreground`, `Orphan`), with
    /// `dryRun=All` when asked. The options go as query parameters, which the API server reads
    /// when the request has no `DeleteOptions` body. False when the object did not exist (404).
    @discardableResult
    public func delete(_ ref: ObjectRef, options: DeleteOptions) async throws -> Bool {
        let info = try await resource(apiVersion: ref.apiVersion, kind: ref.kind)
        var query = [("propagationPolicy", options.propagationPolicy.rawValue)]
        if options.dryRun { query.append(("dryRun", "All")) }
        let request = APIRequest(method: "DELETE", path: ResourcePath.path(info, namespace: namespace(of: ref, info), name: ref.name),
                                 query: query, kind: options.dryRun ? .dryRun : .write, object: ref.id)
        let response = try await perform(request)
        if response.status == 404 {
            // A 404 also answers a missing namespace or kind; only "this object" means absent.
            return false
        }
        guard response.isSuccess else { throw StatusError.clusterError(response, request) }
        if Self.isCRD(info), !options.dryRun { invalidateDiscovery() }
        return true
    }
}
