import Cluster
import Foundation
import GitOpsAPI
import Testing
import TestSupport

/// `spec.chart.spec.valuesFiles`: files of the GitRepository merged in order replace the chart's
/// default values, as source-controller builds the chart; a missing file fails the chart unless
/// `ignoreMissingValuesFiles`.
@Suite("HelmRelease valuesFiles", .serialized)
struct ReleaseValuesFilesTests {
    static let chart: [String: String] = [
        "charts/vf/Chart.yaml": "apiVersion: v2\nname: vf\nversion: 1.0.0\n",
        "charts/vf/values.yaml": "message: default\nlevel: {a: 1, b: 1}\n",
        "charts/vf/values-prod.yaml": "message: prod\nlevel: {b: 2}\n",
        "charts/vf/templates/cm.yaml": """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: {{ .Release.Name }}
            data:
              message: {{ .Values.message | quote }}
              a: {{ .Values.level.a | quote }}
              b: {{ .Values.level.b | quote }}

            """,
    ]

    static func release(_ name: String, files: [String], ignoreMissing: Bool = false) -> String {
        Manifests.helmRelease(name, chart: "vf", releaseName: name,
                              chartSpec: "      valuesFiles: [\(files.joined(separator: ", "))]\n      ignoreMissingValuesFiles: \(ignoreMissing)\n")
    }

    @Test("the listed files merge in order; a missing one fails the chart unless ignored")
    func valuesFiles() async throws {
        var files = Self.chart
        files["deploy/ns.yaml"] = Manifests.namespace
        files["deploy/prod.yaml"] = Self.release("prod", files: ["charts/vf/values.yaml", "charts/vf/values-prod.yaml", "charts/vf/nope.yaml"], ignoreMissing: true)
        files["deploy/broken.yaml"] = Self.release("broken", files: ["charts/vf/values.yaml", "charts/vf/nope.yaml"])
        let h = try await AgentHarness.start(.embedded, files: files)
        #expect(await h.eventually(.seconds(30)) { try h.get("v1", "ConfigMap", "apps", "prod")?.body[path: ["data", "message"]] == "prod" })
        let data = try h.get("v1", "ConfigMap", "apps", "prod")?.body["data"]
        #expect(data?["a"] == "1" && data?["b"] == "2")
        #expect(await h.eventually(.seconds(30)) {
            Conditions(json: try h.get(HelmRelease.apiVersion, HelmRelease.kind, "flux-system", "broken")?.status?["conditions"])[ConditionType.ready]?.reason == Reason.chartLoadFailed
        })
        let ready = Conditions(json: try h.get(HelmRelease.apiVersion, HelmRelease.kind, "flux-system", "broken")?.status?["conditions"])[ConditionType.ready]
        #expect(ready?.message.contains("no values file found at path 'charts/vf/nope.yaml'") == true, "\(ready?.message ?? "")")
        #expect(try h.get("v1", "ConfigMap", "apps", "broken") == nil)
        await h.stop()
    }
}
