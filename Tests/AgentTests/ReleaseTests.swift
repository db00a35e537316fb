import Cluster
import Foundation
import GitOpsAPI
import HelmStorage
import Testing
import TestSupport

/// HelmReleases end to end: a chart kept in the Git repository, installed, upgraded, a failed
/// upgrade rolled back automatically, each step's Helm record checked.
@Suite("HelmRelease", .serialized)
struct ReleaseTests {
    static let chart: [String: String] = [
        "charts/web/Chart.yaml": """
            apiVersion: v2
            name: web
            version: 1.0.0
            appVersion: "1.0"

            """,
        "charts/web/values.yaml": """
            replicas: 1
            image: ghcr.io/acme/web:1.0.0
            # Set to a pod waiting reason to make the simulated pods fail that way.
            failReason: ""
            # Set to make the test hook's Pod fail.
            testFailReason: ""
            message: hello

            """,
        "charts/web/templates/_helpers.tpl": """
            {{- define "web.labels" -}}
            app.kubernetes.io/name: {{ .Chart.Name }}
            app.kubernetes.io/instance: {{ .Release.Name }}
            {{- end }}

            """,
        "charts/web/templates/deployment.yaml": """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: {{ .Release.Name }}
              labels:
                {{- include "web.labels" . | nindent 4 }}
            spec:
              replicas: {{ .Values.replicas }}
              selector:
                matchLabels:
                  {{- include "web.labels" . | nindent 6 }}
              template:
                metadata:
                  labels:
                    {{- include "web.labels" . | nindent 8 }}
                  {{- with .Values.failReason }}
                  annotations:
                    simulator.gitops.dev/fail: {{ . | quote }}
                  {{- end }}
                spec:
                  containers:
                  - name: web
                    image: {{ .Values.image }}

            """,
        "charts/web/templates/tests/test-connection.yaml": """
            apiVersion: v1
            kind: Pod
            metadata:
              name: {{ .Release.Name }}-test-connection
              annotations:
                "helm.sh/hook": test
                {{- with .Values.testFailReason }}
                simulator.gitops.dev/fail: {{ . | quote }}
                {{- end }}
            spec:
              restartPolicy: Never
              containers:
              - name: wget
                image: busybox
                args: ["wget", "{{ .Release.Name }}:80"]

            """,
        "charts/web/templates/configmap.yaml": """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: {{ .Release.Name }}-settings
            data:
              message: {{ .Values.message | quote }}
              revision: {{ .Release.Revision | quote }}
              lookedUp: {{ dig "data" "greeting" "none" (lookup "v1" "ConfigMap" .Release.Namespace "preexisting") | quote }}

            """,
    ]

    static func release(values: String = "{}") -> String {
        """
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata:
          name: web
          namespace: flux-system
        spec:
          interval: 1m
          timeout: 3s
          targetNamespace: apps
          releaseName: web
          chart:
            spec:
              chart: ./charts/web
              reconcileStrategy: ChartVersion
              sourceRef:
                kind: GitRepository
                name: flux-system
          upgrade:
            remediation:
              remediateLastFailure: true
          values: \(values)

        """
    }

    static func condition(_ h: AgentHarness, _ type: String) throws -> Condition? {
        Conditions(json: try h.get(HelmRelease.apiVersion, HelmRelease.kind, "flux-system", "web")?.status?["conditions"])[type]
    }

    static func records(_ h: AgentHarness) async throws -> [StoredRelease] {
        // Flux's default storage namespace: the HelmRelease's own (the release's is `apps`).
        try await ReleaseStore(cluster: h.cluster, namespace: "flux-system").history(name: "web")
    }

    @Test("install, upgrade, a failed upgrade rolled back automatically; every revision's record as Helm writes it")
    func lifecycle() async throws {
        var files = Self.chart
        files["deploy/ns.yaml"] = Manifests.namespace
        files["deploy/release.yaml"] = Self.release()
        let h = try await AgentHarness.start(.embedded, files: files)

        // Install: revision 1 deployed, the chart's objects in the target namespace.
        #expect(await h.eventually(.seconds(30)) { try Self.condition(h, ConditionType.ready)?.status == .true })
        let installed = try Self.condition(h, ConditionType.ready)
        #expect(installed?.reason == Reason.installSucceeded)
        #expect(installed?.message == "Helm install succeeded for release apps/web.v1 with chart web@1.0.0")
        #expect(try h.get("v1", "ConfigMap", "apps", "web-settings")?.body[path: ["data", "revision"]] == "1")
        #expect(try h.get("v1", "ConfigMap", "apps", "web-settings")?.body[path: ["data", "lookedUp"]] == "none")
        var preexisting = KubeObject(apiVersion: "v1", kind: "ConfigMap", name: "preexisting", namespace: "apps")
        preexisting.body["data"] = ["greeting": "hi"]
        try h.kubectlApply(preexisting)
        var records = try await Self.records(h)
        #expect(records.map(\.info.status.rawValue) == ["deployed"])
        #expect(records.first?.info.description == "Install complete")
        #expect(records.first?.chart?.metadata?.name == "web")
        #expect(records.first?.manifest.contains("# Source: web/templates/deployment.yaml") == true)
        #expect(records.first?.namespace == "apps")
        #expect(try h.get("v1", "Secret", "flux-system", "sh.helm.release.v1.web.v1")?.labels["status"] == "deployed")

        // Upgrade with new values: revision 2 deployed, 1 superseded.
        try h.commit(["deploy/release.yaml": Self.release(values: "{replicas: 2, message: upgraded}")])
        #expect(await h.eventually(.seconds(30)) { try Self.condition(h, ConditionType.ready)?.reason == Reason.upgradeSucceeded })
        #expect(try h.get("v1", "ConfigMap", "apps", "web-settings")?.body[path: ["data", "message"]] == "upgraded")
        #expect(try h.get("apps/v1", "Deployment", "apps", "web")?.body[path: ["spec", "replicas"]] == 2)
        // `lookup` reads the live cluster during a release.
        #expect(try h.get("v1", "ConfigMap", "apps", "web-settings")?.body[path: ["data", "lookedUp"]] == "hi")
        records = try await Self.records(h)
        #expect(records.map(\.info.status.rawValue) == ["superseded", "deployed"])
        #expect(records.last?.info.description == "Upgrade complete")
        #expect(records.last?.config["message"] == "upgraded")

        // A broken image: the upgrade fails its health check and is rolled back to revision 2.
        try h.commit(["deploy/release.yaml": Self.release(values: "{replicas: 2, message: broken, image: 'ghcr.io/acme/web:nope', failReason: ImagePullBackOff}")])
        #expect(await h.eventually(.seconds(40)) { try Self.condition(h, ConditionType.remediated)?.status == .true })
        records = try await Self.records(h)
        #expect(records.map(\.info.status.rawValue) == ["superseded", "superseded", "failed", "deployed"])
        #expect(records[2].info.description.hasPrefix("Upgrade \"web\" failed: health check failed"))
        #expect(records[2].info.description.contains("ImagePullBackOff"))
        #expect(records[3].info.description == "Rollback to 2")
        #expect(records[3].config["message"] == "upgraded")
        let ready = try #require(try Self.condition(h, ConditionType.ready))
        #expect(ready.status == .false)
        #expect(ready.message.contains("ImagePullBackOff"), "\(ready.message)")
        #expect(ready.message.contains("ghcr.io/acme/web:nope"), "\(ready.message)")
        #expect(try Self.condition(h, ConditionType.remediated)?.message.contains("apps/web.v4") == true)
        // The cluster is back on revision 2's objects.
        #expect(try h.get("v1", "ConfigMap", "apps", "web-settings")?.body[path: ["data", "message"]] == "upgraded")
        let image = try h.get("apps/v1", "Deployment", "apps", "web")?.body[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first?["image"]
        #expect(image == "ghcr.io/acme/web:1.0.0")
        // Retries exhausted (0 retries, the last failure remediated): stalled until something changes.
        #expect(await h.eventually(.seconds(10)) { try Self.condition(h, ConditionType.stalled)?.reason == Reason.retriesExceeded })
        let status = HelmReleaseStatus(json: try h.get(HelmRelease.apiVersion, HelmRelease.kind, "flux-system", "web")?.status)
        #expect(status.history.first?.version == 4)
        #expect(status.upgradeFailures == 1)
        let events = try h.agent.events.recent(kind: HelmRelease.kind, name: "web").map(\.reason)
        #expect(events.contains(Reason.installSucceeded) && events.contains(Reason.upgradeFailed) && events.contains(Reason.rollbackSucceeded))

        // A fixed revision is a fresh attempt: upgraded to revision 5.
        try h.commit(["deploy/release.yaml": Self.release(values: "{replicas: 2, message: fixed}")])
        #expect(await h.eventually(.seconds(30)) { try Self.condition(h, ConditionType.ready)?.message.contains("apps/web.v5") == true })
        #expect(try Self.condition(h, ConditionType.stalled) == nil)

        // Deleting the HelmRelease uninstalls the release.
        try h.commit(["deploy/release.yaml": nil])
        #expect(await h.eventually(.seconds(20)) { try h.get("v1", "ConfigMap", "apps", "web-settings") == nil })
        // The records go last, after the objects.
        let deadline = ContinuousClock.now + .seconds(5)
        while try await !Self.records(h).isEmpty, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        #expect(try await Self.records(h).isEmpty)
        await h.stop()
    }

    @Test("gitops history and rollback release: revisions as helm history shows them; a rollback suspends and restores")
    func historyAndRollback() async throws {
        var files = Self.chart
        files["deploy/ns.yaml"] = Manifests.namespace
        files["deploy/release.yaml"] = Self.release()
        let h = try await AgentHarness.start(.embedded, files: files)
        #expect(await h.eventually(.seconds(30)) { try Self.condition(h, ConditionType.ready)?.reason == Reason.installSucceeded })
        try h.commit(["deploy/release.yaml": Self.release(values: "{message: second}")])
        #expect(await h.eventually(.seconds(30)) { try Self.condition(h, ConditionType.ready)?.reason == Reason.upgradeSucceeded })

        let history = try CLI.run(["history", "release", "web", "--state-dir", h.state])
        #expect(history.code == 0, "\(history.stderr)")
        let lines = history.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("REVISION") == true)
        #expect(lines.count == 3)
        #expect(lines[1].contains("superseded") && lines[1].contains("web-1.0.0") && lines[1].contains("Install complete"))
        #expect(lines[2].contains("deployed") && lines[2].contains("Upgrade complete"))

        let rollback = try CLI.run(["rollback", "release", "web", "--to", "1", "--state-dir", h.state])
        #expect(rollback.code == 0, "\(rollback.stdout)\(rollback.stderr)")
        #expect(rollback.stdout.contains("Rollback to 1"), "\(rollback.stdout)")
        #expect(try h.get(HelmRelease.apiVersion, HelmRelease.kind, "flux-system", "web")?.body[path: ["spec", "suspend"]] == true)
        #expect(try h.get("v1", "ConfigMap", "apps", "web-settings")?.body[path: ["data", "message"]] == "hello")
        let records = try await Self.records(h)
        #expect(records.map(\.info.status.rawValue) == ["superseded", "superseded", "deployed"])
        #expect(records.last?.info.description == "Rollback to 1")
        // Suspended: the agent leaves the rollback in place.
        try await Task.sleep(for: .seconds(1.5))
        #expect(try await Self.records(h).count == 3)

        let missing = try CLI.run(["history", "release", "nope", "--state-dir", h.state])
        #expect(missing.code == 2)
        #expect(missing.stderr.contains("gitops get releases -A"))
        await h.stop()
    }

    @Test("an install that fails its health check is uninstalled (install remediation) and the HelmRelease stalls")
    func failedInstall() async throws {
        var files = Self.chart
        files["deploy/ns.yaml"] = Manifests.namespace
        files["deploy/release.yaml"] = Self.release(values: "{failReason: CrashLoopBackOff}")
            .replacingOccurrences(of: "  upgrade:\n    remediation:\n      remediateLastFailure: true\n",
                                  with: "  install:\n    remediation:\n      remediateLastFailure: true\n")
        let h = try await AgentHarness.start(.embedded, files: files)
        #expect(await h.eventually(.seconds(30)) { try Self.condition(h, ConditionType.stalled)?.status == .true })
        #expect(try Self.condition(h, ConditionType.stalled)?.message == "Failed to install after 1 attempt(s)")
        #expect(try Self.condition(h, ConditionType.ready)?.message.contains("CrashLoopBackOff") == true)
        #expect(try Self.condition(h, ConditionType.remediated)?.reason == Reason.uninstallSucceeded)
        // Uninstalled: no objects, no records (uninstall.keepHistory is false).
        #expect(try h.get("v1", "ConfigMap", "apps", "web-settings") == nil)
        #expect(try await Self.records(h).isEmpty)
        await h.stop()
    }

    @Test("test.enable runs the chart's test hooks: TestSuccess when they pass; a failing test fails the release")
    func helmTests() async throws {
        var files = Self.chart
        files["deploy/ns.yaml"] = Manifests.namespace
        files["deploy/release.yaml"] = Self.release() + "  test:\n    enable: true\n"
        let h = try await AgentHarness.start(.embedded, files: files)
        #expect(await h.eventually(.seconds(30)) { try Self.condition(h, ConditionType.testSuccess)?.status == .true })
        #expect(try Self.condition(h, ConditionType.testSuccess)?.message == "Helm test succeeded for release apps/web.v1 with chart web@1.0.0")
        #expect(try Self.condition(h, ConditionType.ready)?.status == .true)
        let hooks = try await Self.records(h).last?.hooks ?? []
        #expect(hooks.first { $0.events == ["test"] }?.lastRun.phase == "Succeeded")

        try h.commit(["deploy/release.yaml": Self.release(values: "{testFailReason: Error}") + "  test:\n    enable: true\n"])
        #expect(await h.eventually(.seconds(30)) { try Self.condition(h, ConditionType.testSuccess)?.status == .false })
        #expect(try Self.condition(h, ConditionType.testSuccess)?.reason == Reason.testFailed)
        #expect(await h.eventually(.seconds(10)) { try Self.condition(h, ConditionType.ready)?.status == .false })
        #expect(try Self.condition(h, ConditionType.ready)?.message.contains("test hook") == true)
        await h.stop()
    }

    @Test("valuesFrom (a ConfigMap's values.yaml, a Secret's key at a targetPath), createNamespace, and drift corrected")
    func valuesFromAndDrift() async throws {
        var files = Self.chart
        files["deploy/ns.yaml"] = Manifests.namespace
        files["deploy/values.yaml"] = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: web-values
              namespace: flux-system
            data:
              values.yaml: |
                replicas: 3
                message: from-configmap
            ---
            apiVersion: v1
            kind: Secret
            metadata:
              name: web-secret
              namespace: flux-system
            stringData:
              image: ghcr.io/acme/web:2.0.0

            """
        files["deploy/release.yaml"] = Self.release(values: "{message: inline-wins}")
            .replacingOccurrences(of: "targetNamespace: apps", with: "targetNamespace: web-created")
            .replacingOccurrences(of: "  upgrade:", with: """
                  install:
                    createNamespace: true
                  driftDetection:
                    mode: enabled
                  valuesFrom:
                  - kind: ConfigMap
                    name: web-values
                  - kind: Secret
                    name: web-secret
                    valuesKey: image
                    targetPath: image
                  - kind: ConfigMap
                    name: not-there
                    optional: true
                  upgrade:
                """)
        let h = try await AgentHarness.start(.embedded, files: files)
        #expect(await h.eventually(.seconds(30)) { try Self.condition(h, ConditionType.ready)?.status == .true },
                "\(String(describing: try? Self.condition(h, ConditionType.ready)))")
        #expect(try h.get("v1", "Namespace", nil, "web-created") != nil)
        let deployment = try h.get("apps/v1", "Deployment", "web-created", "web")
        #expect(deployment?.body[path: ["spec", "replicas"]] == 3)
        #expect(deployment?.body[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first?["image"] == "ghcr.io/acme/web:2.0.0")
        // Inline values win over valuesFrom.
        #expect(try h.get("v1", "ConfigMap", "web-created", "web-settings")?.body[path: ["data", "message"]] == "inline-wins")

        // A change by hand is drift: put back on the next reconcile, with an event.
        var settings = try #require(try h.get("v1", "ConfigMap", "web-created", "web-settings"))
        settings.body.set(["data", "message"], "by-hand")
        _ = try h.cluster.update(settings, options: WriteOptions(fieldManager: "kubectl-edit"))
        _ = try CLI.run(["reconcile", "release", "web", "--state-dir", h.state])
        #expect(await h.eventually(.seconds(10)) { try h.get("v1", "ConfigMap", "web-created", "web-settings")?.body[path: ["data", "message"]] == "inline-wins" })
        #expect(try h.agent.events.recent(kind: HelmRelease.kind, name: "web").contains { $0.reason == "DriftCorrected" && $0.message.contains("ConfigMap/web-created/web-settings") })
        // Still one revision: drift is corrected without a Helm upgrade.
        #expect(try await Self.records(h).count == 1)
        await h.stop()
    }

    @Test("a chart path that leaves the repository is refused, naming the path")
    func chartPathOutsideArtifact() async throws {
        var files = Self.chart
        files["deploy/ns.yaml"] = Manifests.namespace
        files["deploy/release.yaml"] = Self.release().replacingOccurrences(of: "chart: ./charts/web", with: "chart: ../../../../etc")
        let h = try await AgentHarness.start(.embedded, files: files)
        #expect(await h.eventually(.seconds(20)) { try Self.condition(h, ConditionType.ready)?.reason == Reason.chartLoadFailed })
        #expect(try Self.condition(h, ConditionType.ready)?.message.contains("points outside the artifact") == true)
        #expect(try await Self.records(h).isEmpty)
        await h.stop()
    }
}
