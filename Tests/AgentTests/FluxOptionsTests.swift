import Cluster
import Foundation
import GitOpsAPI
import Testing
import TestSupport

/// Flux's Kustomization-level options, written into the build the way kustomize-controller
/// writes them into kustomization.yaml.
@Suite("Flux Kustomization options", .serialized)
struct FluxOptionsTests {
    @Test("targetNamespace, namePrefix, patches, images and substituteFrom shape what is applied, with name references fixed")
    func optionsApplied() async throws {
        let apps = """
            apiVersion: kustomize.toolkit.fluxcd.io/v1
            kind: Kustomization
            metadata:
              name: apps
              namespace: flux-system
            spec:
              interval: 1s
              path: ./app
              prune: true
              targetNamespace: apps
              namePrefix: p-
              images:
              - name: ghcr.io/acme/web
                newTag: 2.0.0
              patches:
              - target:
                  kind: Deployment
                  name: web
                patch: |-
                  - op: replace
                    path: /spec/replicas
                    value: 3
              postBuild:
                substitute:
                  COLOR: blue
                substituteFrom:
                - kind: ConfigMap
                  name: cluster-vars
                - kind: Secret
                  name: missing-vars
                  optional: true
              sourceRef:
                kind: GitRepository
                name: flux-system

            """
        let settings = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
            data:
              greeting: "${GREETING}"
              color: "${COLOR}"
              region: "${REGION:=eu-west-1}"

            """
        var deployment = Manifests.deployment("web")
        deployment = deployment.replacingOccurrences(of: "      namespace: apps\n", with: "")
            .replacingOccurrences(of: "    image: ghcr.io/acme/web:1.0.0\n", with: "    image: ghcr.io/acme/web:1.0.0\n        envFrom:\n        - configMapRef:\n            name: settings\n")
        let h = try AgentHarness(files: [
            "deploy/ns.yaml": Manifests.namespace,
            "deploy/apps.yaml": apps,
            "app/kustomization.yaml": "resources: [deployment.yaml, settings.yaml]\n",
            "app/deployment.yaml": deployment,
            "app/settings.yaml": settings,
        ])
        var vars = KubeObject(apiVersion: "v1", kind: "ConfigMap", name: "cluster-vars", namespace: "flux-system")
        vars.body["data"] = ["GREETING": "hello", "COLOR": "red"]
        h.start()
        // The variables' ConfigMap arrives after the first attempt: the build waits for it.
        #expect(await h.eventually { try h.ready("apps")?.reason == "BuildFailed" })
        #expect(try h.ready("apps")?.message.contains("ConfigMap 'flux-system/cluster-vars' not found") == true)
        try h.kubectlApply(vars)
        #expect(await h.eventually(.seconds(30)) { try h.ready("apps")?.status == .true })

        let web = try #require(try h.get("apps/v1", "Deployment", "apps", "p-web"))
        #expect(web.body[path: ["spec", "replicas"]] == 3, "the patch applied")
        let container = web.body[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first
        #expect(container?["image"] == "ghcr.io/acme/web:2.0.0", "the image override applied")
        #expect(container?["envFrom"]?.arrayValue?.first?[path: ["configMapRef", "name"]] == "p-settings", "the reference follows the prefix")
        let data = try h.get("v1", "ConfigMap", "apps", "p-settings")?.body["data"]
        #expect(data?["greeting"] == "hello", "substituteFrom")
        #expect(data?["color"] == "blue", "substitute wins over substituteFrom")
        #expect(data?["region"] == "eu-west-1", "defaults")
        await h.stop()
    }
}
