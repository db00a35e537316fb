import Cluster
import Curl
import GitOpsAPI

extension KubeClient {
    /// What the server serves for `kind` at `apiVersion`, from discovery.
    ///
    /// Looks in the cached discovery document of the group version first; a kind missing there
    /// (or a group version the cache believes unserved) refreshes that document once, since a
    /// CustomResourceDefinition may have been created since. A kind still missing is `.notFound`
    /// with a message saying the cluster does not serve it and which versions of its group it
    /// does serve.
    public func resource(apiVersion: String, kind: String) async throws -> ResourceInfo {
        guard !apiVersion.isEmpty, !kind.isEmpty else {
            throw ClusterError(.badRequest, "Object 'Kind' and 'apiVersion' are required (kind \"\(kind)\", apiVersion \"\(apiVersion)\")")
        }
        if let info = try await groupVersion(apiVersion)?.info(kind: kind) { return info }
        discovery.invalidate(apiVersion)
        if let info = try await groupVersion(apiVersion)?.info(kind: kind) { return info }
        throw try await notServed(apiVersion: apiVersion, kind: kind)
    }

    /// Every resource the server serves (`kubectl api-resources`): `/api`, `/apis`, then each
    /// group version's document. Subresources are folded into their resource. A group version
    /// whose document fails (an aggregated API whose backend is down answers 503) is left out
    /// and named in `failedGroupVersions`, as client-go's discovery reports partial failures.
    public func servedResources() async throws -> ServedResources {
        var versions: [String] = []
        let core = try await discoveryJSON("/api")
        versions += (core?["versions"]?.arrayValue ?? []).compactMap(\.stringValue)
        for group in try await apiGroups() { versions += group.versions }
        var out: [ResourceInfo] = []
        var failed: [String] = []
        for apiVersion in versions {
            do {
                guard let document = try await groupVersion(apiVersion) else { continue }
                out += document.resources.compactMap { document.info(kind: $0.kind) }
            } catch is ClusterError {
                failed.append(apiVersion)
            }
        }
        return ServedResources(resources: out, failedGroupVersions: failed)
    }

    /// `GET /version`: the server's `gitVersion`, `major` and `minor`.
    public func serverVersion() async throws -> ServerVersion {
        guard let info = try await discoveryJSON("/version"), let gitVersion = info["gitVersion"]?.stringValue else {
            throw ClusterError(.notFound, "the API server at \(connection.server) does not answer GET /version with a version")
        }
        return ServerVersion(gitVersion: gitVersion, major: info["major"]?.stringValue ?? "", minor: info["minor"]?.stringValue ?? "")
    }

    /// The cached (or freshly fetched) discovery document of one group version.
    func groupVersion(_ apiVersion: String) async throws -> GroupVersionResources? {
        try await discovery.resources(apiVersion) { [self] in
            let path = apiVersion.contains("/") ? "/apis/\(apiVersion)" : "/api/\(apiVersion)"
            guard let document = try await discoveryJSON(path) else { return nil }
            var resources: [GroupVersionResources.Resource] = []
            var subresources = Set<String>()
            for entry in document["resources"]?.arrayValue ?? [] {
                guard let name = entry["name"]?.stringValue, let kind = entry["kind"]?.stringValue else { continue }
                if name.contains("/") {
                    subresources.insert(name)
                } else {
                    resources.append(.init(name: name, kind: kind, namespaced: entry["namespaced"]?.boolValue ?? false,
                                           verbs: (entry["verbs"]?.arrayValue ?? []).compactMap(\.stringValue)))
                }
            }
            return GroupVersionResources(apiVersion: apiVersion, resources: resources, subresources: subresources)
        }
    }

    /// The groups of `/apis` with their served versions (preferred first).
    func apiGroups() async throws -> [(name: String, versions: [String])] {
        let document = try await discoveryJSON("/apis")
        return (document?["groups"]?.arrayValue ?? []).compactMap { group in
            guard let name = group["name"]?.stringValue else { return nil }
            let preferred = group[path: ["preferredVersion", "groupVersion"]]?.stringValue
            var versions = (group["versions"]?.arrayValue ?? []).compactMap { $0["groupVersion"]?.stringValue }
            if let preferred, let index = versions.firstIndex(of: preferred) {
                versions.remove(at: index)
                versions.insert(preferred, at: 0)
            }
            return (name, versions)
        }
    }

    /// A discovery document; nil when the server answers 404 (not served).
    private func discoveryJSON(_ path: String) async throws -> JSONValue? {
        let request = APIRequest(method: "GET", path: path, kind: .discovery)
        let response = try await perform(request)
        if response.status == 404 { return nil }
        guard response.isSuccess else { throw StatusError.clusterError(response, request) }
        return try decodeJSON(response, request)
    }

    /// The error for a kind the server does not serve, naming what it serves instead.
    private func notServed(apiVersion: String, kind: String) async throws -> ClusterError {
        let (group, _) = splitAPIVersion(apiVersion)
        if let document = try await groupVersion(apiVersion) {
            let kinds = document.resources.map(\.kind).sorted()
            return ClusterError(.notFound,
                "the server \(connection.server) does not serve kind \"\(kind)\" in \(apiVersion) (it serves \(kinds.prefix(12).joined(separator: ", "))\(kinds.count > 12 ? ", …" : "")); check the kind, or apply its CustomResourceDefinition first")
        }
        let served = group.isEmpty ? ["v1"] : (try await apiGroups().first { $0.name == group }?.versions ?? [])
        let also = served.isEmpty
            ? "no version of group \"\(group)\" is served; is its CustomResourceDefinition applied?"
            : "served versions of the group: \(served.joined(separator: ", "))"
        return ClusterError(.notFound,
            "the server \(connection.server) does not serve kind \"\(kind)\" at apiVersion \"\(apiVersion)\": \(also)")
    }
}
