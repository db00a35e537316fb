import ChartRepository
import Cluster
import Foundation
import GoTemplate
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
            var chart: Chart
            do {
                chart = try ChartLoader.load(path: path)
            } catch {
                throw ReleaseError(reason: Reason.chartLoadFailed, message: "chart \(spec.chart) in revision \(artifact.revision): \(error)")
            }
            try Self.applyValuesFiles(&chart, spec: spec, artifactRoot: base)
            return chart
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
            var chart: Chart
            do {
                chart = try ChartLoader.loadArchive(archive.bytes)
            } catch {
                throw ReleaseError(reason: Reason.chartLoadFailed, message: "chart \(spec.chart) \(archive.entry.version) from \(archive.url): \(error)")
            }
            try Self.applyValuesFiles(&chart, spec: spec, artifactRoot: nil)
            return chart
        }
    }
}

extension ReleaseController {
    /// `spec.chart.spec.valuesFiles`, as source-controller builds the chart: the files merged in
    /// order (maps deep-merged, later files winning) replace the chart's default values. For a
    /// chart in a GitRepository the paths are relative to the artifact's root and may not leave
    /// it; for a HelmRepository chart they name files of the chart, `values.yaml` being its own
    /// values. A missing file fails the chart unless `ignoreMissingValuesFiles`.
    static func applyValuesFiles(_ chart: inout Chart, spec: HelmRelease.ChartTemplate, artifactRoot: String?) throws {
        guard !spec.valuesFiles.isEmpty else { return }
        var merged = GoMap()
        for path in spec.valuesFiles {
            let bytes: [UInt8]?
            if let artifactRoot {
                let base = URL(fileURLWithPath: artifactRoot).standardizedFileURL.resolvingSymlinksInPath().path
                let full = URL(fileURLWithPath: base + "/" + path).standardizedFileURL.resolvingSymlinksInPath().path
                guard full.hasPrefix(base + "/") else {
                    throw ReleaseError(reason: Reason.chartLoadFailed, message: "values file '\(path)' points outside the source artifact; use a path inside the repository")
                }
                var isDirectory: ObjCBool = false
                let exists = FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory) && !isDirectory.boolValue
                bytes = exists ? FileManager.default.contents(atPath: full).map { [UInt8]($0) } : nil
            } else if (path as NSString).standardizingPath == "values.yaml" {
                merged = ValueOptions.mergeMaps(merged, chart.values)
                continue
            } else {
                let name = (path as NSString).standardizingPath
                bytes = chart.files.first { $0.name == name }?.data
            }
            guard let bytes else {
                if spec.ignoreMissingValuesFiles { continue }
                throw ReleaseError(reason: Reason.chartLoadFailed, message: "no values file found at path '\(path)'; fix spec.chart.spec.valuesFiles or set ignoreMissingValuesFiles")
            }
            do {
                merged = ValueOptions.mergeMaps(merged, try ValueOptions.values(yaml: bytes, file: path))
            } catch {
                throw ReleaseError(reason: Reason.chartLoadFailed, message: "unmarshaling values from '\(path)' failed: \(error)")
            }
        }
        chart.values = merged
    }
}
