import Cluster
import Foundation
import GitOpsAPI
import Testing
import TestSupport

/// A HelmRelease's values are checked against the chart's values.schema.json as Helm checks
/// them (the release fails with Helm's message and nothing is applied), unless
/// `install.disableSchemaValidation` (or `upgrade.…`) says not to.
@Suite("HelmRelease values schema", .serialized)
struct ReleaseSchemaTests {
    static let chart: [String: String] = [
        "charts/sized/Chart.yaml": "apiVersion: v2\nname: sized\nversion: 1.0.0\n",
        "charts/sized/values.yaml": "replicas: 1\n",
        "charts/sized/values.schema.json": #"{"type": "object", "properties": {"replicas": {"type": "integer", "minimum": 1}}}"#,
        "charts/sized/templates/cm.yaml": """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: sized
            data:
              replicas: {{ .Values.replicas | quote }}

            """,
    ]

    static func release(values: String, disableSchemaValidation: Bool = false) -> String {
        Manifests.helmRelease("sized", chart: "sized",
                              spec: "  install:\n    disableSchemaValidation: \(disableSchemaValidation)\n  values: \(values)\n")
    }

    @Test("values the schema refuses fail the install with Helm's message; disableSchemaValidation installs them")
    func schemaValidation() async throws {
        var files = Self.chart
        files["deploy/ns.yaml"] = Manifests.namespace
        files["deploy/release.yaml"] = Self.release(values: "{replicas: two}")
        let h = try await AgentHarness.start(.embedded, files: files)
        func released() throws -> Condition? {
            Conditions(json: try h.get(HelmRelease.apiVersion, HelmRelease.kind, "flux-system", "sized")?.status?["conditions"])[ConditionType.released]
        }
        #expect(await h.eventually(.seconds(30)) { try released()?.reason == Reason.installFailed })
        let message = try #require(try released()?.message)
        #expect(message.contains("values don't meet the specifications of the schema(s) in the following chart(s):\nsized:\n- at '/replicas': got string, want integer"), "\(message)")
        #expect(try h.get("v1", "ConfigMap", "apps", "sized") == nil)

        // New values (a fresh attempt, as Flux resets its failure counters on new values) with the check off.
        try h.commit(["deploy/release.yaml": Self.release(values: "{replicas: two, attempt: 2}", disableSchemaValidation: true)])
        #expect(await h.eventually(.seconds(30)) { try h.get("v1", "ConfigMap", "apps", "sized")?.body[path: ["data", "replicas"]] == "two" })
        await h.stop()
    }
}
