import Cluster
import Foundation
import GitOpsAPI
import HelmStorage
import Testing
import TestSupport
import YAML

/// The example repository's Helm release: `clusters/staging` → Flux Kustomization `releases` →
/// `releases/overlays/staging` → HelmRelease `status-page` → the chart in `charts/status-page`
/// of the same GitRepository. The agent runs on a copy of the repository's committed layout.
@Suite("The example repository's HelmRelease", .serialized)
struct ExampleReleasesTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// `helm` on PATH (or in the usual places), if installed.
    static let helm: String? = {
        let environment = ProcessInfo.processInfo.environment
        let path = environment["PATH"] ?? ""
        // scripts/test puts the real helm 3.19 (scripts/get-helm) in $GITOPS_HELM3.
        let candidates = [environment["GITOPS_HELM3"] ?? ""].filter { !$0.isEmpty }
            + path.split(separator: ":").map { "\($0)/helm" } + ["/usr/local/bin/helm", "/usr/bin/helm"]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    @Test("clusters/staging installs the status-page chart with the staging values, and the release is Ready")
    func stagingRelease() async throws {
        let h = try await Self.runStaging()
        #expect(await h.eventually(.seconds(120)) { try Self.releaseReady(h)?.status == .true },
                "HelmRelease status-page/status-page: \(String(describing: try? Self.releaseReady(h)))")
        #expect(await h.eventually(.seconds(30)) { try h.ready("releases")?.status == .true },
                "Kustomization releases: \(String(describing: try? h.ready("releases")))")
        #expect(try h.get("v1", "Namespace", nil, "status-page") != nil)
        let deployment = try #require(try h.get("apps/v1", "Deployment", "status-page", "status-page"))
        #expect(deployment.body[path: ["spec", "replicas"]]?.intValue == 1)
        #expect(deployment.labels["environment"] == "staging")
        #expect(deployment.labels["app.kubernetes.io/managed-by"] == "Helm")
        let checksum = deployment.body[path: ["spec", "template", "metadata", "annotations", "checksum/config"]]?.stringValue ?? ""
        #expect(checksum.count == 64, "checksum/config: \(checksum)")
        #expect(try h.get("v1", "Service", "status-page", "status-page")?.body[path: ["spec", "ports"]]?.arrayValue?.first?["port"]?.intValue == 80)
        let page = try h.get("v1", "ConfigMap", "status-page", "status-page")?.body[path: ["data", "index.html"]]?.stringValue ?? ""
        #expect(page.contains("<title>Staging platform status (staging)</title>"), "\(page)")
        #expect(page.contains("content=\"15\""))
        #expect(page.contains("http://api-service.model-catalog.svc:8000/health"))
        let services = try h.get("v1", "ConfigMap", "status-page", "status-page")?.body[path: ["data", "services.txt"]]?.stringValue
        #expect(services?.hasPrefix("1. Model catalog API http://") == true, "\(services ?? "nil")")

        // Helm's own record, in the HelmRelease's namespace (Flux's default storageNamespace).
        let secret = try #require(try Self.releaseRecord(h, 1))
        #expect(secret.labels["status"] == "deployed")
        let record = try StoredRelease(secret: secret, customLabelsOnly: false)
        #expect(record.namespace == "status-page")
        #expect(record.chart?.metadata?.version == "0.1.0")
        #expect(record.info.notes.contains("lists 4 services"))
        #expect(record.manifest.contains("# Source: status-page/templates/deployment.yaml"))

        // A requested reconcile with nothing changed keeps the release as it is: no new revision.
        try h.kubectlApply(KubeObject(["apiVersion": .string(HelmRelease.apiVersion), "kind": .string(HelmRelease.kind),
                                       "metadata": ["name": "status-page", "namespace": "status-page",
                                                    "annotations": ["reconcile.fluxcd.io/requestedAt": "example-1"]]]))
        #expect(await h.eventually(.seconds(30)) { try Self.release(h)?.status?["lastHandledReconcileAt"] == "example-1" })
        #expect(try Self.releaseReady(h)?.status == .true, "\(String(describing: try? Self.releaseReady(h)))")
        #expect(try Self.releaseRecord(h, 2) == nil)

        // A values change committed to the overlay upgrades the release: v2 deployed, v1 superseded.
        let overlay = "releases/overlays/staging/status-page-values.yaml"
        let values = try String(contentsOfFile: Self.packageRoot + "/" + overlay, encoding: .utf8)
        try h.commit([overlay: values.replacingOccurrences(of: "title: Staging platform status", with: "title: Staging status, revised")])
        #expect(await h.eventually(.seconds(60)) {
            try h.get("v1", "ConfigMap", "status-page", "status-page")?.body[path: ["data", "index.html"]]?.stringValue?
                .contains("<title>Staging status, revised (staging)</title>") == true
        })
        #expect(await h.eventually(.seconds(30)) { try Self.releaseRecord(h, 2)?.labels["status"] == "deployed" })
        #expect(try Self.releaseRecord(h, 1)?.labels["status"] == "superseded")
        let rolled = try h.get("apps/v1", "Deployment", "status-page", "status-page")
        #expect(rolled?.body[path: ["spec", "template", "metadata", "annotations", "checksum/config"]]?.stringValue != checksum,
                "the config checksum changes with the page, so the pods roll")
        await h.stop()
    }

    @Test("clusters/production installs it with the production values: two replicas, a priority class, larger requests")
    func productionRelease() async throws {
        let h = try await Self.runStaging("production")
        #expect(await h.eventually(.seconds(120)) { try Self.releaseReady(h)?.status == .true },
                "HelmRelease status-page/status-page: \(String(describing: try? Self.releaseReady(h)))")
        let deployment = try #require(try h.get("apps/v1", "Deployment", "status-page", "status-page"))
        #expect(deployment.body[path: ["spec", "replicas"]]?.intValue == 2)
        #expect(deployment.body[path: ["spec", "template", "spec", "priorityClassName"]] == "interactive")
        let container = deployment.body[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first
        #expect(container?[path: ["resources", "requests", "memory"]] == "48Mi")
        #expect(container?["image"] == "nginxinc/nginx-unprivileged:1.27")
        let page = try h.get("v1", "ConfigMap", "status-page", "status-page")?.body[path: ["data", "index.html"]]?.stringValue ?? ""
        #expect(page.contains("<h1>Production platform status — PRODUCTION</h1>"), "\(page)")
        await h.stop()
    }

    @Test("the release's manifest is what helm template prints for the same values",
          .enabled(if: ExampleReleasesTests.helm != nil, "helm is not installed: the comparison with helm template is skipped"))
    func matchesHelmTemplate() async throws {
        let helm = try #require(Self.helm)
        let h = try await Self.runStaging()
        #expect(await h.eventually(.seconds(120)) { try Self.releaseRecord(h, 1)?.labels["status"] == "deployed" })
        let secret = try #require(try Self.releaseRecord(h, 1))
        let ours = try StoredRelease(secret: secret, customLabelsOnly: false).manifest
        let release = try #require(try Self.release(h))
        let valuesFile = try GitFixture.temporaryDirectory(prefix: "helm-values") + "/values.yaml"
        try YAML.emit(release.body[path: ["spec", "values"]] ?? .object([:])).write(toFile: valuesFile, atomically: true, encoding: .utf8)
        let theirs = try Self.run(helm, ["template", "status-page", Self.packageRoot + "/charts/status-page",
                                         "--namespace", "status-page", "--values", valuesFile])
        func trimmed(_ s: String) -> String { s.trimmingCharacters(in: .whitespacesAndNewlines) }
        #expect(trimmed(ours) == trimmed(theirs), "differs from helm template:\nours:\n\(ours)\nhelm:\n\(theirs)")
        await h.stop()
    }

    // MARK: - Helpers

    /// An agent on the embedded cluster reconciling `clusters/<cluster>` of a Git repository
    /// holding the example repository's `apps/`, `clusters/`, `charts/` and `releases/`.
    static func runStaging(_ cluster: String = "staging") async throws -> AgentHarness {
        var files: [String: String] = [:]
        let fm = FileManager.default
        for top in ["apps", "clusters", "charts", "releases"] {
            let root = packageRoot + "/" + top
            guard let walker = fm.enumerator(atPath: root) else { throw HarnessError("\(root) is missing") }
            while let relative = walker.nextObject() as? String {
                var isDirectory: ObjCBool = false
                guard fm.fileExists(atPath: root + "/" + relative, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
                files[top + "/" + relative] = try String(contentsOfFile: root + "/" + relative, encoding: .utf8)
            }
        }
        return try await AgentHarness.start(.embedded, files: files, path: "./clusters/\(cluster)", interval: "1s")
    }

    /// Helm's record of revision `version` (`sh.helm.release.v1.status-page.v<version>`).
    static func releaseRecord(_ h: AgentHarness, _ version: Int) throws -> KubeObject? {
        try h.get("v1", "Secret", "status-page", "sh.helm.release.v1.status-page.v\(version)")
    }

    static func release(_ h: AgentHarness) throws -> KubeObject? {
        try h.get(HelmRelease.apiVersion, HelmRelease.kind, "status-page", "status-page")
    }

    static func releaseReady(_ h: AgentHarness) throws -> Condition? {
        Conditions(json: try release(h)?.status?["conditions"])[ConditionType.ready]
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw HarnessError("\(executable) \(arguments.joined(separator: " ")) failed: \(String(decoding: errors, as: UTF8.self))")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
