import Cluster
import Synchronization

/// What one group version's discovery document (`APIResourceList`) says: its resources, and
/// which of them have subresources.
struct GroupVersionResources: Sendable {
    struct Resource: Sendable, Hashable {
        /// The plural, as in the path (`deployments`).
        var name: String
        var kind: String
        var namespaced: Bool
        var verbs: [String]
    }

    var apiVersion: String
    var resources: [Resource]
    /// `deployments/status`, `deployments/scale`, …
    var subresources: Set<String>

    /// The resource serving `kind`, as the cluster protocol describes it.
    func info(kind: String) -> ResourceInfo? {
        guard let resource = resources.first(where: { $0.kind == kind }) else { return nil }
        let gv = splitAPIVersion(apiVersion)
        return ResourceInfo(group: gv.group, version: gv.version, kind: kind, plural: resource.name,
                            namespaced: resource.namespaced,
                            hasStatusSubresource: subresources.contains("\(resource.name)/status"))
    }
}

/// `apps/v1` → (`apps`, `v1`); `v1` → (``, `v1`).
func splitAPIVersion(_ apiVersion: String) -> (group: String, version: String) {
    guard let slash = apiVersion.lastIndex(of: "/") else { return ("", apiVersion) }
    return (String(apiVersion[..<slash]), String(apiVersion[apiVersion.index(after: slash)...]))
}

/// Discovery documents by group version. Concurrent lookups of the same group version share
/// one request; a document stays until invalidated (a CRD was applied, a kind was missing, or
/// `KubeClient.invalidateDiscovery()`), as client-go's memory-cached discovery does.
final class DiscoveryCache: Sendable {
    /// nil: the server does not serve that group version (404).
    typealias Load = @Sendable () async throws -> GroupVersionResources?
    private let entries = Mutex<[String: Task<GroupVersionResources?, Error>]>([:])

    func resources(_ apiVersion: String, load: @escaping Load) async throws -> GroupVersionResources? {
        let task = entries.withLock { entries in
            if let existing = entries[apiVersion] { return existing }
            let task = Task { try await load() }
            entries[apiVersion] = task
            return task
        }
        do { return try await task.value } catch {
            // A failed load is not remembered: the next lookup asks again.
            entries.withLock { if $0[apiVersion] == task { $0[apiVersion] = nil } }
            throw error
        }
    }

    func invalidate(_ apiVersion: String) { _ = entries.withLock { $0.removeValue(forKey: apiVersion) } }

    func invalidateAll() { entries.withLock { $0.removeAll() } }
}
