import ChartRepository
import Cluster
import Foundation
import GitOpsAPI
import Helm

extension ReleaseController {
    /// The chart of a HelmRelease: a directory in a GitRepository's artifact, or a version of a
    /// chart in a HelmRepository picked by the semver range `version`.
    /// - Throws: `ReleaseError` with reason `ArtifactFailed` (source missing or not ready:
    ///   waiting) or `ChartLoadFailed`.
    func loadChart(_ hr: HelmRelease) async throws -> Chart {
        let spec = hr.spec.chart
        let namespace = spec.sourceRef.namespace ?? hr.metadata.namespace
        switch spec.sourceRef.kind {
        case GitRepository.kind:
            let ref = ObjectRef(apiVersion: GitRepository.apiVersion, kind: GitRepository.kind, namespace: namespace, name: spec.sourceRef.name)
            guard let object = try await cluster.get(ref) else {
                throw ReleaseError(reason: Reason.artifactFailed, message: "Source \(ref) not found")
            }
            guard let artifact = try GitRepository(object).artifact, let root = artifact.localDirectory else {
                throw ReleaseError(reason: Reason.artifactFailed, message: "Source \(ref) is not ready, artifact not found")
            }
            let relative = spec.chart.hasPrefix("./") ? String(spec.chart.dropFirst(2)) : spec.chart
            // The chart must lie inside the artifact (as Flux's secure join ensures): no `..` out of it.
            let base = URL(fileURLWithPath: root).standardizedFileURL.resolvingSymlinksInPath().path
            let path = URL(fileURLWithPath: base + "/" + relative).standardizedFileURL.resolvingSymlinksInPath().path
            guard path == base || path.hasPrefix(base + "/") else {
                throw ReleaseError(reason: Reason.chartLoadFailed, message: "chart path \(spec.chart) points outside the artifact of \(ref); use a path inside the repository")
            }
            guard FileManager.default.fileExists(atPath: path) else {
                throw ReleaseError(reason: Reason.chartLoadFailed, message: "chart path \(spec.chart) not found in revision \(artifact.revision) of \(ref)")
            }
            do {
                return try ChartLoader.load(path: path)
            } catch {
                throw ReleaseError(reason: Reason.chartLoadFailed, message: "chart \(spec.chart) in revision \(artifact.revision): \(error)")
            }
        default:
            let ref = ObjectRef(apiVersion: HelmRepository.apiVersion, kind: HelmRepository.kind, namespace: namespace, name: spec.sourceRef.name)
            guard let object = try await cluster.get(ref) else {
                throw ReleaseError(reason: Reason.artifactFailed, message: "Source \(ref) not found")
            }
            let repository = try HelmRepository(object)
            guard repository.spec.type == "default" else {
                throw ReleaseError(reason: Reason.chartLoadFailed, message: "\(ref): OCI Helm repositories are not supported by this agent yet")
            }
            var credentials: RepositoryCredentials?
            if let secret = repository.spec.secretRef {
                let secretRef = ObjectRef(apiVersion: "v1", kind: "Secret", namespace: namespace, name: secret.name)
                guard let object = try await cluster.get(secretRef) else {
                    throw ReleaseError(reason: Reason.artifactFailed, message: "\(ref): Secret \(namespace)/\(secret.name) not found")
                }
                credentials = try RepositoryCredentials(secretData: SecretData(object).all, secretName: "\(namespace)/\(secret.name)")
            }
            let client = try ChartRepositoryClient(url: repository.spec.url, credentials: credentials,
                                                   cacheDirectory: settings.chartCacheDirectory,
                                                   timeout: repository.spec.timeout?.duration ?? .seconds(60), http: http)
            let archive: ChartArchive
            do {
                archive = try await client.fetchChart(spec.chart, range: spec.version)
            } catch {
                throw ReleaseError(reason: Reason.chartLoadFailed, message: "\(ref): \(error)")
            }
            do {
                return try ChartLoader.loadArchive(archive.bytes)
            } catch {
                throw ReleaseError(reason: Reason.chartLoadFailed, message: "chart \(spec.chart) \(archive.entry.version) from \(archive.url): \(error)")
            }
        }
    }
}
