import Cluster
import GitOpsAPI

/// Discovery documents built from what the embedded cluster serves now, CRDs included
/// (`APIVersions`, `APIGroupList`, `APIGroup`, `APIResourceList`, as in the API reference).
extension KubeAPIServer {
    func served() throws -> [ResourceInfo] { try cluster.servedResources().resources }

    /// What discovery lists: the cluster's kinds and the API's own virtual resources
    /// (SelfSubjectAccessReview), which the cluster does not store.
    func discoverable() throws -> [(info: ResourceInfo, verbs: [String])] {
        try served().map { ($0, ["create", "delete", "get", "list", "patch", "update"]) } + Self.virtualResources
    }

    /// `/version` (`version.Info`): the embedded cluster's Kubernetes version.
    func serverVersion() -> APIAnswer {
        let version = cluster.serverVersion()
        return .json(200, ["major": .string(version.major), "minor": .string(version.minor), "gitVersion": .string(version.gitVersion),
                           "gitCommit": "", "gitTreeState": "clean", "buildDate": "1970-01-01T00:00:00Z",
                           "goVersion": "", "compiler": "gc", "platform": "linux/amd64"])
    }

    func coreVersions() -> APIAnswer {
        .json(200, ["kind": "APIVersions", "versions": ["v1"],
                    "serverAddressByClientCIDRs": [["clientCIDR": "0.0.0.0/0", "serverAddress": .string("127.0.0.1:\(port ?? 0)")]]])
    }

    /// Groups in first-seen order, each with its versions (preferred first, as the embedded
    /// cluster lists them).
    func groupVersions() throws -> [(group: String, versions: [String])] {
        var order: [String] = []
        var versions: [String: [String]] = [:]
        for (info, _) in try discoverable() where !info.group.isEmpty {
            if versions[info.group] == nil { order.append(info.group) }
            if !(versions[info.group] ?? []).contains(info.version) { versions[info.group, default: []].append(info.version) }
        }
        return order.map { ($0, versions[$0]!) }
    }

    static func groupDocument(_ group: String, _ versions: [String]) -> JSONValue {
        let entries: [JSONValue] = versions.map { ["groupVersion": .string("\(group)/\($0)"), "version": .string($0)] }
        return ["name": .string(group), "versions": .array(entries), "preferredVersion": entries[0]]
    }

    func groupList() throws -> APIAnswer {
        let groups = try groupVersions().map { Self.groupDocument($0.group, $0.versions) }
        return .json(200, ["kind": "APIGroupList", "apiVersion": "v1", "groups": .array(groups)])
    }

    func group(_ name: String) throws -> APIAnswer {
        guard let entry = try groupVersions().first(where: { $0.group == name }) else { return Self.notFoundPath() }
        var document = Self.groupDocument(entry.group, entry.versions)
        document["kind"] = "APIGroup"
        document["apiVersion"] = "v1"
        return .json(200, document)
    }

    func resourceList(group: String, version: String) throws -> APIAnswer {
        let infos = try discoverable().filter { $0.info.group == group && $0.info.version == version }
        guard !infos.isEmpty || (group.isEmpty && version == "v1") else { return Self.notFoundPath() }
        var resources: [JSONValue] = []
        for (info, verbs) in infos {
            resources.append(["name": .string(info.plural), "singularName": .string(info.kind.lowercased()),
                              "namespaced": .bool(info.namespaced), "kind": .string(info.kind),
                              "verbs": .array(verbs.map { .string($0) })])
            if info.hasStatusSubresource {
                resources.append(["name": .string("\(info.plural)/status"), "singularName": "",
                                  "namespaced": .bool(info.namespaced), "kind": .string(info.kind),
                                  "verbs": ["get", "patch", "update"]])
            }
        }
        let apiVersion = group.isEmpty ? version : "\(group)/\(version)"
        return .json(200, ["kind": "APIResourceList", "apiVersion": "v1", "groupVersion": .string(apiVersion),
                           "resources": .array(resources)])
    }

    /// kube's answer for a path nothing serves.
    static func notFoundPath() -> APIAnswer {
        StatusBody.answer(404, reason: "NotFound", message: "the server could not find the requested resource",
                          details: ["causes": [["reason": "UnexpectedServerResponse", "message": "404 page not found"]]])
    }
}
