import Cluster
import GitOpsAPI
import Helm

extension ReleaseController {
    /// `.Capabilities` of a release, as Helm's `getCapabilities` builds them from the cluster (and
    /// so helm-controller): the server's version, and `APIVersions` from discovery — every served
    /// group version and `group/version/Kind` (CRDs included), so a chart that renders a
    /// ServiceMonitor only where `monitoring.coreos.com/v1` is served sees the real cluster.
    /// Discovery that found nothing gives Helm's default list, as Helm does; group versions whose
    /// discovery failed are left out, as Helm tolerates a partial failure.
    static func capabilities(_ cluster: any ClusterClient) async throws -> Capabilities {
        let version: ServerVersion
        do {
            version = try await cluster.serverVersion()
        } catch {
            throw ReleaseError(reason: Reason.installFailed, message: "could not get server version from Kubernetes: \(error)")
        }
        let served: ServedResources
        do {
            served = try await cluster.servedResources()
        } catch {
            throw ReleaseError(reason: Reason.installFailed, message: "could not get apiVersions from Kubernetes: \(error)")
        }
        var capabilities = Capabilities(kubeVersion: KubeVersion(version: version.gitVersion, major: version.major, minor: version.minor))
        let discovered = served.groupVersionsAndKinds
        if !discovered.isEmpty { capabilities.apiVersions = VersionSet(discovered) }
        return capabilities
    }
}
