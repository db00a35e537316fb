/// The server's version (`GET /version`, `version.Info`): what Helm shows a chart as
/// `.Capabilities.KubeVersion` (`Version` is `gitVersion`).
public struct ServerVersion: Sendable, Equatable {
    public var gitVersion: String
    public var major: String
    public var minor: String

    public init(gitVersion: String, major: String, minor: String) {
        self.gitVersion = gitVersion
        self.major = major
        self.minor = minor
    }
}

/// What discovery found (`ServerGroupsAndResources`): every resource of every served group
/// version, and the group versions whose document could not be read (an aggregated API whose
/// backend is down), which client-go reports as a partial failure.
public struct ServedResources: Sendable {
    public var resources: [ResourceInfo]
    public var failedGroupVersions: [String]

    public init(resources: [ResourceInfo], failedGroupVersions: [String] = []) {
        self.resources = resources
        self.failedGroupVersions = failedGroupVersions
    }

    /// Helm's `GetVersionSet`: each served group version (`apps/v1`, `v1`) and each kind at it
    /// (`apps/v1/Deployment`), once each.
    public var groupVersionsAndKinds: [String] {
        var seen = Set<String>()
        var out: [String] = []
        for info in resources {
            let groupVersion = info.group.isEmpty ? info.version : info.group + "/" + info.version
            for entry in [groupVersion, groupVersion + "/" + info.kind] where seen.insert(entry).inserted { out.append(entry) }
        }
        return out
    }
}
