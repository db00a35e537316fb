import Cluster
import EmbeddedCluster
import Foundation
import GitOpsAPI
import HelmStorage
import Testing

/// helm 3.19 itself reads the Secrets `ReleaseStore` writes: the records are served to the real
/// binary through a minimal fake API server. Runs when a helm 3 binary is available
/// (`GITOPS_HELM3=/path/to/helm3`, or `get_helm.sh` run in shared/conformance/helm).
@Suite("helm 3 reads the records ReleaseStore writes", .enabled(if: helm3Binary != nil, "no helm 3 binary: set GITOPS_HELM3 or run shared/conformance/helm/get_helm.sh"))
struct HelmReadsOurRecordsTests {
    func release(_ version: Int, status: StoredRelease.Status, description: String, config: JSONObject) -> StoredRelease {
        var metadata = StoredChart.Metadata(name: "web", version: "1.2.3", appVersion: "2.0 <beta>", description: "A web app & friends", type: "application")
        metadata.maintainers = [StoredChart.Maintainer(name: "ops", email: "ops@example.com")]
        metadata.annotations = ["category": "demo"]
        let chart = StoredChart(metadata: metadata, lock: StoredChart.Lock(generated: GoTime(seconds: 1_700_000_000), digest: "sha256:0"),
                                templates: [StoredChart.File(name: "templates/cm.yaml", data: Array("kind: ConfigMap\n".utf8))],
                                values: ["replicaCount": 1, "image": ["tag": "1.0"]],
                                files: [StoredChart.File(name: "README.md", data: Array("# web\n".utf8))])
        let hook = StoredRelease.Hook(name: "web-migrate", kind: "Job", path: "web/templates/job.yaml",
                                      manifest: "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: web-migrate\n",
                                      events: ["pre-upgrade", "pre-install"],
                                      lastRun: .init(startedAt: GoTime(seconds: 1_700_000_100, nanoseconds: 5), completedAt: GoTime(seconds: 1_700_000_160), phase: "Succeeded"),
                                      weight: 5, deletePolicies: ["before-hook-creation"])
        let info = StoredRelease.Info(firstDeployed: GoTime(seconds: 1_700_000_000, nanoseconds: 123_456_789),
                                      lastDeployed: GoTime(seconds: 1_700_000_000 + Int64(version) * 60, nanoseconds: 1000),
                                      description: description, status: status, notes: "Visit http://web\n")
        return StoredRelease(name: "web", info: info, chart: chart, config: config,
                             manifest: "---\n# Source: web/templates/cm.yaml\nkind: ConfigMap\nmetadata:\n  name: web-v\(version)\n",
                             hooks: [hook], version: version, namespace: "apps", labels: ["team": "payments"])
    }

    @Test("history, status, values and manifest as helm prints them")
    func helmReads() async throws {
        let helm = try #require(helm3Binary)
        let cluster = try EmbeddedCluster.inMemory()
        _ = try await cluster.create(KubeObject(apiVersion: "v1", kind: "Namespace", name: "apps"), options: WriteOptions())
        let store = ReleaseStore(cluster: cluster, namespace: "apps")
        var v1 = release(1, status: .deployed, description: "Install complete", config: ["replicaCount": 2])
        try await store.create(v1)
        let v2 = release(2, status: .deployed, description: "Upgrade complete", config: ["replicaCount": 3, "note": "a<b & c>d"])
        try await store.create(v2)
        v1.info.status = .superseded
        try await store.update(v1)

        let secrets = try await cluster.list(ListQuery(apiVersion: "v1", kind: "Secret", namespace: "apps"))
        let api = try FakeSecretsAPI(secretsJSON: JSONValue.array(secrets.map(\.body)).jsonString())

        let history = try JSONValue.parse(json: api.helm(helm, ["history", "web", "-n", "apps", "-o", "json"]))
        #expect(history.arrayValue?.map { $0["revision"] } == [1, 2])
        #expect(history.arrayValue?.map { $0["status"] } == ["superseded", "deployed"])
        #expect(history.arrayValue?.first?["chart"] == "web-1.2.3")
        #expect(history.arrayValue?.first?["app_version"] == "2.0 <beta>")
        #expect(history.arrayValue?.last?["updated"] == .string(v2.info.lastDeployed!.description))

        // `helm status -o json` prints the release without its chart: compare to ours, byte for byte.
        let status = try api.helm(helm, ["status", "web", "-n", "apps", "-o", "json", "--revision", "2"])
        var expected = v2
        expected.chart = nil
        #expect(status.trimmingCharacters(in: .newlines) == String(decoding: expected.jsonBytes(), as: UTF8.self))

        let values = try JSONValue.parse(json: api.helm(helm, ["get", "values", "web", "-n", "apps", "--revision", "1", "-o", "json"]))
        #expect(values == ["replicaCount": 2])
        let all = try JSONValue.parse(json: api.helm(helm, ["get", "values", "web", "-n", "apps", "--all", "-o", "json"]))
        #expect(all["image"] == ["tag": "1.0"] && all["replicaCount"] == 3 && all["note"] == "a<b & c>d")
        #expect(try api.helm(helm, ["get", "manifest", "web", "-n", "apps"]).contains("name: web-v2"))
        #expect(try api.helm(helm, ["get", "hooks", "web", "-n", "apps"]).contains("name: web-migrate"))
        #expect(try api.helm(helm, ["get", "notes", "web", "-n", "apps"]).contains("Visit http://web"))
    }
}
