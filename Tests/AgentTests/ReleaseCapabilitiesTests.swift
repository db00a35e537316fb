import Cluster
import EmbeddedCluster
import Foundation
import GitOpsAPI
import Testing
import TestSupport
import YAML

/// A release's `.Capabilities` come from the cluster, as Helm's `getCapabilities` (and so
/// helm-controller) builds them: the server's version and discovery's group versions and kinds,
/// CRDs included — on both backends (the embedded cluster, and a Kubernetes API server).
@Suite("HelmRelease capabilities", .serialized)
struct ReleaseCapabilitiesTests {
    static let chart: [String: String] = [
        "charts/caps/Chart.yaml": "apiVersion: v2\nname: caps\nversion: 1.0.0\n",
        "charts/caps/values.yaml": "round: 1\n",
        "charts/caps/templates/capabilities.yaml": """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: capabilities
            data:
              round: {{ .Values.round | quote }}
              kubeVersion: {{ .Capabilities.KubeVersion.Version | quote }}
              minor: {{ .Capabilities.KubeVersion.Minor | quote }}
              deployments: {{ .Capabilities.APIVersions.Has "apps/v1/Deployment" | quote }}
              core: {{ .Capabilities.APIVersions.Has "v1" | quote }}
              monitoring: {{ .Capabilities.APIVersions.Has "monitoring.coreos.com/v1" | quote }}
              serviceMonitors: {{ .Capabilities.APIVersions.Has "monitoring.coreos.com/v1/ServiceMonitor" | quote }}
              removed: {{ .Capabilities.APIVersions.Has "extensions/v1beta1" | quote }}
            {{- if .Capabilities.APIVersions.Has "monitoring.coreos.com/v1/ServiceMonitor" }}
            ---
            apiVersion: monitoring.coreos.com/v1
            kind: ServiceMonitor
            metadata:
              name: caps
            spec:
              endpoints: [{port: http}]
            {{- end }}

            """,
    ]

    static func release(round: Int) -> String {
        Manifests.helmRelease("caps", chart: "caps", spec: "  values: {round: \(round)}\n")
    }

    static let serviceMonitorCRD = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: servicemonitors.monitoring.coreos.com
        spec:
          group: monitoring.coreos.com
          scope: Namespaced
          names: {kind: ServiceMonitor, listKind: ServiceMonitorList, plural: servicemonitors, singular: servicemonitor}
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}

        """

    @Test("KubeVersion is the server's; APIVersions are what discovery serves, a CRD's API as soon as it exists",
          arguments: AgentHarness.Backend.allCases)
    func capabilitiesFromTheCluster(_ backend: AgentHarness.Backend) async throws {
        var files = Self.chart
        files["deploy/ns.yaml"] = Manifests.namespace
        files["deploy/release.yaml"] = Self.release(round: 1)
        let h = try await AgentHarness.start(backend, files: files)
        func data(_ key: String) throws -> JSONValue? { try h.get("v1", "ConfigMap", "apps", "capabilities")?.body[path: ["data", key]] }

        #expect(await h.eventually(.seconds(30)) { try data("round") == "1" })
        #expect(try data("kubeVersion") == .string(EmbeddedCluster.version.gitVersion))
        #expect(try data("minor") == .string(EmbeddedCluster.version.minor))
        #expect(try data("deployments") == "true")
        #expect(try data("core") == "true")
        #expect(try data("monitoring") == "false")
        #expect(try data("serviceMonitors") == "false")
        // Helm's default list has extensions/v1beta1; a cluster that does not serve it does not.
        #expect(try data("removed") == "false")

        // The CRD appears: the next upgrade sees its API and renders the ServiceMonitor.
        try h.kubectlApply(KubeObject(try YAML.parse(Self.serviceMonitorCRD, file: "crd.yaml")))
        try h.commit(["deploy/release.yaml": Self.release(round: 2)])
        #expect(await h.eventually(.seconds(30)) { try data("round") == "2" })
        #expect(try data("monitoring") == "true")
        #expect(try data("serviceMonitors") == "true")
        // Applied after the ConfigMap (Helm's install order puts custom kinds last).
        #expect(await h.eventually(.seconds(10)) { try h.get("monitoring.coreos.com/v1", "ServiceMonitor", "apps", "caps") != nil })
        await h.stop()
    }
}
