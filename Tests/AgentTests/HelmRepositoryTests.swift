import Cluster
import Foundation
import GitOpsAPI
import Hashing
import HelmStorage
import Testing
import TestSupport
import YAML

/// HelmRepositories end to end: a real chart repository on loopback (index.yaml and `.tgz`
/// archives built here with tar), the Source component fetching its index, and HelmReleases
/// installed and upgraded from it by the Release component.
@Suite("HelmRepository sources, end to end", .serialized)
struct HelmRepositoryTests {
    @Test("a HelmRepository becomes Ready with the index digest; a 1.x release installs, then upgrades when 1.2.0 is published")
    func installAndUpgrade() async throws {
        let repo = try ChartServer()
        try repo.publish("1.0.0")
        try repo.publish("1.1.0")
        try repo.publish("2.0.0")
        let h = try await AgentHarness.start(.embedded, files: ["deploy/ns.yaml": Manifests.namespace])
        // The agent installs its CRDs when it starts: wait for the root sync to be done.
        #expect(await h.eventually { try h.ready()?.status == .true })
        try h.kubectlApply(try object(Self.helmRepository("charts", url: repo.url)))
        // The release is reconciled on its own interval only once an hour: the upgrade below
        // can only come from the repository's new revision waking it.
        try h.kubectlApply(try object(Self.helmRelease("demo", repository: "charts", version: "1.x")))

        #expect(await h.eventually { try Self.ready(h, "charts")?.status == .true })
        let status = try #require(try h.get(HelmRepository.apiVersion, HelmRepository.kind, "apps", "charts")?.status)
        let revision = "sha256:" + Hex.encode(SHA256.hash(repo.index))
        #expect(status[path: ["artifact", "revision"]]?.stringValue == revision)
        #expect(status[path: ["artifact", "digest"]]?.stringValue == revision)
        #expect(status[path: ["artifact", "lastUpdateTime"]]?.stringValue?.isEmpty == false)
        #expect(status["observedGeneration"]?.intValue == 1)
        let artifactURL = try #require(status[path: ["artifact", "url"]]?.stringValue)
        #expect(artifactURL.hasPrefix("file://") && artifactURL.hasSuffix("/index-\(revision.dropFirst(7)).yaml"))
        // The stored artifact is the index as served, byte for byte.
        #expect(FileManager.default.contents(atPath: String(artifactURL.dropFirst(7))).map { [UInt8]($0) } == repo.index)
        let message = try Self.ready(h, "charts")?.message ?? ""
        #expect(message.hasPrefix("stored fetched index of size ") && message.hasSuffix(" from '\(repo.url)'"), "\(message)")
        let events = try h.cluster.list(ListQuery(apiVersion: "v1", kind: "Event", namespace: "apps"))
        #expect(events.contains { $0.body["reason"] == "NewArtifact" && $0.body[path: ["involvedObject", "kind"]] == "HelmRepository" })

        // 1.x: the newest 1.x (1.1.0), not 2.0.0.
        #expect(await h.eventually(.seconds(30)) { try h.get("v1", "ConfigMap", "apps", "demo-settings")?.body[path: ["data", "version"]] == "1.1.0" })
        #expect(try h.get("v1", "ConfigMap", "apps", "demo-settings")?.body[path: ["data", "greeting"]] == "hello from values")
        #expect(try h.get("apps/v1", "Deployment", "apps", "demo-web") != nil)
        #expect(await h.eventually { try Self.record(h, "demo", 1)?.labels["status"] == "deployed" })
        let first = try #require(try Self.record(h, "demo", 1))
        #expect(try StoredRelease(secret: first, customLabelsOnly: false).chart?.metadata?.version == "1.1.0")

        // Publishing 1.2.0 changes the index digest; the release follows within seconds.
        try repo.publish("1.2.0")
        #expect(await h.eventually(.seconds(30)) {
            try h.get(HelmRepository.apiVersion, HelmRepository.kind, "apps", "charts")?.status?[path: ["artifact", "revision"]]?.stringValue
                == "sha256:" + Hex.encode(SHA256.hash(repo.index))
        })
        #expect(await h.eventually(.seconds(30)) { try h.get("v1", "ConfigMap", "apps", "demo-settings")?.body[path: ["data", "version"]] == "1.2.0" })
        #expect(await h.eventually { try Self.record(h, "demo", 2)?.labels["status"] == "deployed" })
        #expect(try Self.record(h, "demo", 1)?.labels["status"] == "superseded")
        #expect(await h.eventually {
            let hr = try h.get(HelmRelease.apiVersion, HelmRelease.kind, "apps", "demo")
            return Conditions(json: hr?.status?["conditions"])[ConditionType.ready]?.status == .true
        })

        // The server goes down: Ready=False FetchFailed, and the last artifact stays.
        let last = try h.get(HelmRepository.apiVersion, HelmRepository.kind, "apps", "charts")?.status?["artifact"]
        repo.recorder.respond { _, _ in .status(503, "maintenance") }
        #expect(await h.eventually { try Self.ready(h, "charts")?.reason == "FetchFailed" })
        let failed = try h.get(HelmRepository.apiVersion, HelmRepository.kind, "apps", "charts")?.status
        #expect(Conditions(json: failed?["conditions"])[ConditionType.ready]?.message.contains("HTTP 503") == true)
        #expect(Conditions(json: failed?["conditions"])[ConditionType.fetchFailed]?.status == .true)
        #expect(failed?["artifact"] == last)
        await h.stop()
    }

    @Test("a repository answering 401 is AuthenticationFailed until a Secret with the right basic-auth credentials is named")
    func basicAuthentication() async throws {
        let repo = try ChartServer(credentials: ("chart-reader", "s3cr3t-pa55"))
        try repo.publish("1.0.0")
        let h = try await AgentHarness.start(.embedded, files: ["deploy/ns.yaml": Manifests.namespace])
        // The agent installs its CRDs when it starts: wait for the root sync to be done.
        #expect(await h.eventually { try h.ready()?.status == .true })
        try h.kubectlApply(try object(Self.helmRepository("private", url: repo.url)))

        #expect(await h.eventually { try Self.ready(h, "private")?.reason == "AuthenticationFailed" })
        let refused = try #require(try Self.ready(h, "private"))
        #expect(refused.status == .false)
        #expect(refused.message.contains("401") && refused.message.contains(repo.url), "\(refused.message)")

        var secret = KubeObject(apiVersion: "v1", kind: "Secret", name: "chart-auth", namespace: "apps")
        secret.body["data"] = ["username": .string(Data("chart-reader".utf8).base64EncodedString()),
                               "password": .string(Data("s3cr3t-pa55".utf8).base64EncodedString())]
        try h.kubectlApply(secret)
        try h.kubectlApply(try object(Self.helmRepository("private", url: repo.url, secret: "chart-auth")))

        #expect(await h.eventually { try Self.ready(h, "private")?.status == .true })
        let status = try h.get(HelmRepository.apiVersion, HelmRepository.kind, "apps", "private")?.status
        #expect(status?[path: ["artifact", "revision"]]?.stringValue == "sha256:" + Hex.encode(SHA256.hash(repo.index)))
        #expect(status?["observedGeneration"]?.intValue == 2)
        #expect(Conditions(json: status?["conditions"])[ConditionType.fetchFailed] == nil)
        let expected = "Basic " + Data("chart-reader:s3cr3t-pa55".utf8).base64EncodedString()
        #expect(repo.recorder.requests.contains { $0.path == "/index.yaml" && $0.header("Authorization") == expected })
        // The password appears in no condition and no event.
        let events = try h.cluster.list(ListQuery(apiVersion: "v1", kind: "Event", namespace: "apps"))
        #expect(!events.contains { $0.body["message"]?.stringValue?.contains("s3cr3t") == true })
        #expect(!YAML.emit(status ?? .null).contains("s3cr3t"))
        await h.stop()
    }

    @Test("an OCI HelmRepository is refused with a Ready=False condition that says so")
    func ociRefused() async throws {
        let h = try await AgentHarness.start(.embedded, files: ["deploy/ns.yaml": Manifests.namespace])
        // The agent installs its CRDs when it starts: wait for the root sync to be done.
        #expect(await h.eventually { try h.ready()?.status == .true })
        try h.kubectlApply(try object(Self.helmRepository("oci-charts", url: "oci://ghcr.io/stefanprodan/charts", type: "oci")))
        #expect(await h.eventually { try Self.ready(h, "oci-charts")?.status == .false })
        let ready = try #require(try Self.ready(h, "oci-charts"))
        #expect(ready.message.contains("type oci"), "\(ready.message)")
        let status = try h.get(HelmRepository.apiVersion, HelmRepository.kind, "apps", "oci-charts")?.status
        #expect(Conditions(json: status?["conditions"])[ConditionType.stalled]?.status == .true)
        #expect(status?["artifact"] == nil)
        await h.stop()
    }

    // MARK: - Helpers

    static func ready(_ h: AgentHarness, _ name: String) throws -> Condition? {
        let object = try h.get(HelmRepository.apiVersion, HelmRepository.kind, "apps", name)
        return Conditions(json: object?.status?["conditions"])[ConditionType.ready]
    }

    /// Helm's release record Secret `sh.helm.release.v1.<name>.v<version>` (storage: the
    /// HelmRelease's namespace).
    static func record(_ h: AgentHarness, _ name: String, _ version: Int) throws -> KubeObject? {
        try h.get("v1", "Secret", "apps", "sh.helm.release.v1.\(name).v\(version)")
    }

    static func helmRepository(_ name: String, url: String, secret: String? = nil, type: String = "default") -> String {
        """
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: HelmRepository
        metadata:
          name: \(name)
          namespace: apps
        spec:
          type: \(type)
          interval: 1s
          timeout: 5s
          url: \(url)\(secret.map { "\n  secretRef:\n    name: \($0)" } ?? "")

        """
    }

    static func helmRelease(_ name: String, repository: String, version: String) -> String {
        """
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata:
          name: \(name)
          namespace: apps
        spec:
          interval: 1h
          timeout: 20s
          chart:
            spec:
              chart: demo
              version: "\(version)"
              sourceRef:
                kind: HelmRepository
                name: \(repository)
          values:
            greeting: hello from values

        """
    }

    func object(_ yaml: String) throws -> KubeObject { KubeObject(try YAML.parse(yaml)) }
}

/// A Helm chart repository on loopback: `/index.yaml` and `/demo-<version>.tgz`, each archive
/// packed with tar from a small chart (a ConfigMap naming the chart version and a Deployment),
/// listed in the index with its sha256 digest. With `credentials`, every request without that
/// basic-auth header gets 401.
final class ChartServer: Sendable {
    let recorder: HTTPRecorder
    private let files = LockedFiles()
    private let directory: String

    init(credentials: (String, String)? = nil) throws {
        directory = try GitFixture.temporaryDirectory(prefix: "chart-repo")
        let files = self.files
        let expected = credentials.map { "Basic " + Data("\($0.0):\($0.1)".utf8).base64EncodedString() }
        recorder = try HTTPRecorder { request, _ in
            if let expected, request.header("Authorization") != expected {
                return RecordedResponse(status: 401, headers: [("WWW-Authenticate", "Basic realm=\"charts\"")], body: Array("unauthorized".utf8))
            }
            guard let body = files.get(request.path) else { return .status(404, "not found") }
            return RecordedResponse(status: 200, body: body)
        }
    }

    var url: String { recorder.url }

    /// The index as served now.
    var index: [UInt8] { files.get("/index.yaml") ?? [] }

    /// Packs version `version` of the chart `demo` and lists it in the index.
    func publish(_ version: String) throws {
        let build = directory + "/build-\(version)"
        let chart = build + "/demo"
        let fm = FileManager.default
        try fm.createDirectory(atPath: chart + "/templates", withIntermediateDirectories: true)
        try "apiVersion: v2\nname: demo\ndescription: a test chart\nversion: \(version)\nappVersion: \"\(version)\"\n"
            .write(toFile: chart + "/Chart.yaml", atomically: true, encoding: .utf8)
        try "greeting: hello\nreplicas: 1\n".write(toFile: chart + "/values.yaml", atomically: true, encoding: .utf8)
        try """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: {{ .Release.Name }}-settings
              labels:
                app.kubernetes.io/instance: {{ .Release.Name }}
            data:
              version: {{ .Chart.Version | quote }}
              greeting: {{ .Values.greeting | quote }}

            """.write(toFile: chart + "/templates/configmap.yaml", atomically: true, encoding: .utf8)
        try """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: {{ .Release.Name }}-web
            spec:
              replicas: {{ .Values.replicas }}
              selector:
                matchLabels:
                  app: {{ .Release.Name }}-web
              template:
                metadata:
                  labels:
                    app: {{ .Release.Name }}-web
                spec:
                  containers:
                    - name: web
                      image: "nginxinc/nginx-unprivileged:{{ .Chart.AppVersion }}"

            """.write(toFile: chart + "/templates/deployment.yaml", atomically: true, encoding: .utf8)
        let archive = build + "/demo-\(version).tgz"
        let tar = Process()
        tar.executableURL = URL(fileURLWithPath: "/usr/bin/tar")
        tar.arguments = ["--format=ustar", "-czf", archive, "-C", build, "demo"]
        try tar.run()
        tar.waitUntilExit()
        guard tar.terminationStatus == 0, let bytes = fm.contents(atPath: archive) else {
            throw HarnessError("tar could not pack the chart \(chart)")
        }
        files.publish(version: version, archive: [UInt8](bytes))
    }
}

/// The repository's files and index entries behind a lock (the recorder answers on its threads).
private final class LockedFiles: @unchecked Sendable {
    private let lock = NSLock()
    private var byPath: [String: [UInt8]] = [:]
    private var versions: [(version: String, digest: String)] = []

    func get(_ path: String) -> [UInt8]? {
        lock.lock()
        defer { lock.unlock() }
        return byPath[path]
    }

    /// Adds the archive and rewrites index.yaml as `helm repo index` lays it out.
    func publish(version: String, archive: [UInt8]) {
        lock.lock()
        defer { lock.unlock() }
        byPath["/demo-\(version).tgz"] = archive
        versions.append((version, Hex.encode(SHA256.hash(archive))))
        var index = "apiVersion: v1\nentries:\n  demo:\n"
        for entry in versions.reversed() {
            index += """
                  - apiVersion: v2
                    appVersion: "\(entry.version)"
                    created: "2026-11-26T04:00:00.000000000Z"
                    description: a test chart
                    digest: \(entry.digest)
                    name: demo
                    urls:
                    - demo-\(entry.version).tgz
                    version: \(entry.version)

                """
        }
        index += "generated: \"2026-11-26T04:00:00.000000000Z\"\n"
        byPath["/index.yaml"] = Array(index.utf8)
    }
}
