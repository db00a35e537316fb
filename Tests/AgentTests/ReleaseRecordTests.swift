import Cluster
import Foundation
import GitOpsAPI
import HelmStorage
import Testing
import TestSupport

/// The chart a release record holds is the chart as Helm processed it for the release:
/// Chart.yaml's dependencies with `enabled` set, those the values disable dropped (Helm's
/// processDependencyEnabled: "don't keep disabled charts in metadata"), imported values merged.
@Suite("HelmRelease records", .serialized)
struct ReleaseRecordTests {
    static let chart: [String: String] = [
        "charts/parent/Chart.yaml": """
            apiVersion: v2
            name: parent
            version: 1.0.0
            dependencies:
            - name: alpha
              version: 0.1.0
              condition: alpha.enabled
              import-values: [{child: exported, parent: fromChild}]
            - name: beta
              version: 0.1.0
              condition: beta.enabled

            """,
        "charts/parent/values.yaml": "alpha: {enabled: true}\nbeta: {enabled: false}\n",
        "charts/parent/templates/cm.yaml": """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: parent
            data:
              imported: {{ .Values.fromChild.greeting | quote }}

            """,
        "charts/parent/charts/alpha/Chart.yaml": "apiVersion: v2\nname: alpha\nversion: 0.1.0\n",
        "charts/parent/charts/alpha/values.yaml": "exported: {greeting: hello}\n",
        "charts/parent/charts/beta/Chart.yaml": "apiVersion: v2\nname: beta\nversion: 0.1.0\n",
    ]

    static let release = Manifests.helmRelease("parent", chart: "parent", releaseName: "parent")

    @Test("the record's chart keeps Chart.yaml's enabled dependencies, flagged so, and the imported values")
    func processedChartInTheRecord() async throws {
        var files = Self.chart
        files["deploy/ns.yaml"] = Manifests.namespace
        files["deploy/release.yaml"] = Self.release
        let h = try await AgentHarness.start(.embedded, files: files)
        #expect(await h.eventually(.seconds(30)) { try h.get("v1", "ConfigMap", "apps", "parent")?.body[path: ["data", "imported"]] == "hello" })
        let record = try #require(try await ReleaseStore(cluster: h.cluster, namespace: "flux-system").history(name: "parent").last)
        let dependencies = try #require(record.chart?.metadata?.dependencies)
        #expect(dependencies.map(\.name) == ["alpha"])
        #expect(dependencies.map(\.enabled) == [true])
        #expect(dependencies.first?.condition == "alpha.enabled")
        #expect(record.chart?.values?["fromChild"] == ["greeting": "hello"])
        await h.stop()
    }
}
