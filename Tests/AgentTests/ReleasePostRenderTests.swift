import Cluster
import Foundation
import GitOpsAPI
import HelmStorage
import Testing
import TestSupport
import YAML

/// `spec.postRenderers[].kustomize` (patches and images, built as kustomize builds them) and
/// `spec.commonMetadata` change the rendered manifests before they are applied and recorded;
/// changing either upgrades the release.
@Suite("HelmRelease post-renderers", .serialized)
struct ReleasePostRenderTests {
    static let chart: [String: String] = [
        "charts/app/Chart.yaml": "apiVersion: v2\nname: app\nversion: 1.0.0\n",
        "charts/app/templates/deployment.yaml": """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: app
            spec:
              replicas: 1
              selector:
                matchLabels: {app: app}
              template:
                metadata:
                  labels: {app: app}
                spec:
                  containers:
                  - name: app
                    image: ghcr.io/acme/app:1.0.0

            """,
        "charts/app/templates/configmap.yaml": """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: app-settings
            data:
              mode: plain

            """,
    ]

    static func release(team: String) -> String {
        Manifests.helmRelease("app", chart: "app", releaseName: "app", spec: """
              postRenderers:
              - kustomize:
                  patches:
                  - target: {kind: Deployment}
                    patch: |
                      apiVersion: apps/v1
                      kind: Deployment
                      metadata:
                        name: not-used
                      spec:
                        replicas: 3
                  - target: {kind: ConfigMap, name: app-settings}
                    patch: |
                      - op: add
                        path: /data/extra
                        value: patched
                  images:
                  - name: ghcr.io/acme/app
                    newTag: 2.0.0
              commonMetadata:
                labels: {team: \(team)}
                annotations: {owner: platform}


            """)
    }

    @Test("patches, images and common metadata reach the cluster and the record; a change upgrades")
    func postRenderers() async throws {
        var files = Self.chart
        files["deploy/ns.yaml"] = Manifests.namespace
        files["deploy/release.yaml"] = Self.release(team: "a")
        let h = try await AgentHarness.start(.embedded, files: files)
        #expect(await h.eventually(.seconds(30)) { try h.get("apps/v1", "Deployment", "apps", "app") != nil })
        let deployment = try #require(try h.get("apps/v1", "Deployment", "apps", "app"))
        #expect(deployment.body[path: ["spec", "replicas"]] == 3)
        #expect(deployment.body[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first?["image"] == "ghcr.io/acme/app:2.0.0")
        #expect(deployment.labels["team"] == "a")
        #expect(deployment.labels["helm.toolkit.fluxcd.io/name"] == "app")
        #expect(deployment.annotations["owner"] == "platform")
        #expect(deployment.annotations["post-render.gitops.dev/source"] == nil)
        // Metadata only: the pod template keeps its own labels.
        #expect(deployment.body[path: ["spec", "template", "metadata", "labels", "team"]] == nil)
        let settings = try #require(try h.get("v1", "ConfigMap", "apps", "app-settings"))
        #expect(settings.body[path: ["data", "extra"]] == "patched")
        #expect(settings.labels["team"] == "a")

        let store = ReleaseStore(cluster: h.cluster, namespace: "flux-system")
        let first = try #require(try await store.history(name: "app").last)
        #expect(first.manifest.contains("# Source: app/templates/deployment.yaml\n"))
        #expect(first.manifest.contains("replicas: 3"))
        #expect(first.manifest.contains("team: a"))

        // Only commonMetadata changes: same chart and values, yet an upgrade (revision 2).
        try h.commit(["deploy/release.yaml": Self.release(team: "b")])
        #expect(await h.eventually(.seconds(30)) { try h.get("apps/v1", "Deployment", "apps", "app")?.labels["team"] == "b" })
        #expect(try await store.history(name: "app").map(\.version) == [1, 2])
        let status = HelmReleaseStatus(json: try h.get(HelmRelease.apiVersion, HelmRelease.kind, "flux-system", "app")?.status)
        #expect(status.observedCommonMetadataDigest?.hasPrefix("sha256:") == true)
        #expect(status.observedPostRenderersDigest?.hasPrefix("sha256:") == true)
        // Settled: no further upgrades.
        try await Task.sleep(for: .seconds(1.5))
        #expect(try await store.history(name: "app").count == 2)
        await h.stop()
    }

    @Test("a post-renderer field this agent does not know is refused by name")
    func unknownField() throws {
        let text = Self.release(team: "a").replacingOccurrences(of: "      images:", with: "      patchesStrategicMerge: []\n      images:")
        let object = KubeObject(try YAML.parse(text, file: "release.yaml"))
        #expect(throws: APIError.self) { try HelmRelease(object) }
        do { _ = try HelmRelease(object) } catch {
            #expect("\(error)".contains("spec.postRenderers[0].kustomize.patchesStrategicMerge"), "\(error)")
        }
    }
}
