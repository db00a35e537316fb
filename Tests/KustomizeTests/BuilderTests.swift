import Foundation
import GitOpsAPI
import Kustomize
import Testing
import YAML

/// Golden builds: every expected output here was printed by `kubectl kustomize` (kubectl
/// v1.32.4, Kustomize v5.5.0) for the same files, except where a test says it is Flux's behaviour.
@Suite("Builder: golden builds")
struct BuilderTests {
    static let deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          selector:
            matchLabels:
              app: web
          template:
            metadata:
              labels:
                app: web
            spec:
              containers:
              - name: web
                image: ghcr.io/acme/web:1.0
                ports:
                - containerPort: 8080
              - name: proxy
                image: localhost:5000/envoy
              initContainers:
              - name: init
                image: busybox@sha256:aaaa

        """
    static let service = """
        kind: Service
        apiVersion: v1
        metadata:
          name: web
        spec:
          selector:
            app: web
          ports:
          - port: 80
            targetPort: 8080

        """
    static let base: [String: String] = [
        "app/base/kustomization.yaml": "resources:\n- deployment.yaml\n- service.yaml\n- extra\n",
        "app/base/deployment.yaml": deployment,
        "app/base/service.yaml": service,
        "app/base/extra/kustomization.yaml": "resources:\n- namespace.yaml\n- config.yaml\n",
        "app/base/extra/namespace.yaml": "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n",
        "app/base/extra/config.yaml": """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
            data:
              zeta: "1"
              alpha: two
            ---
            apiVersion: v1
            kind: ServiceAccount
            metadata:
              name: runner

            """,
    ]

    @Test("a base of files, a nested kustomization and a directory prints in legacy order with sorted keys")
    func base() throws {
        let fixture = try Fixture(Self.base)
        #expect(try fixture.build("app/base") == """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: shop
            ---
            apiVersion: v1
            kind: ServiceAccount
            metadata:
              name: runner
            ---
            apiVersion: v1
            data:
              alpha: two
              zeta: "1"
            kind: ConfigMap
            metadata:
              name: settings
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: web
            spec:
              ports:
              - port: 80
                targetPort: 8080
              selector:
                app: web
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              selector:
                matchLabels:
                  app: web
              template:
                metadata:
                  labels:
                    app: web
                spec:
                  containers:
                  - image: ghcr.io/acme/web:1.0
                    name: web
                    ports:
                    - containerPort: 8080
                  - image: localhost:5000/envoy
                    name: proxy
                  initContainers:
                  - image: busybox@sha256:aaaa
                    name: init

            """)
    }

    @Test("an overlay applies namespace, prefix/suffix (not to the Namespace), labels, annotations, replicas and images")
    func overlay() throws {
        var files = Self.base
        files["app/overlay/kustomization.yaml"] = """
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            namespace: shop
            namePrefix: prod-
            nameSuffix: -v2
            resources:
            - ../base
            commonLabels:
              env: prod
            labels:
            - pairs:
                team: web
            - pairs:
                tier: frontend
              includeSelectors: true
            commonAnnotations:
              owner: platform
            replicas:
            - name: prod-web-v2
              count: 3
            images:
            - name: ghcr.io/acme/web
              newTag: "1.1"
            - name: localhost:5000/envoy
              newName: registry.example.com:5000/mirror/envoy
              newTag: v1.30
            - name: busybox
              digest: sha256:bbbb

            """
        let fixture = try Fixture(files)
        #expect(try fixture.build("app/overlay") == """
            apiVersion: v1
            kind: Namespace
            metadata:
              annotations:
                owner: platform
              labels:
                env: prod
                team: web
                tier: frontend
              name: shop
            ---
            apiVersion: v1
            kind: ServiceAccount
            metadata:
              annotations:
                owner: platform
              labels:
                env: prod
                team: web
                tier: frontend
              name: prod-runner-v2
              namespace: shop
            ---
            apiVersion: v1
            data:
              alpha: two
              zeta: "1"
            kind: ConfigMap
            metadata:
              annotations:
                owner: platform
              labels:
                env: prod
                team: web
                tier: frontend
              name: prod-settings-v2
              namespace: shop
            ---
            apiVersion: v1
            kind: Service
            metadata:
              annotations:
                owner: platform
              labels:
                env: prod
                team: web
                tier: frontend
              name: prod-web-v2
              namespace: shop
            spec:
              ports:
              - port: 80
                targetPort: 8080
              selector:
                app: web
                env: prod
                tier: frontend
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              annotations:
                owner: platform
              labels:
                env: prod
                team: web
                tier: frontend
              name: prod-web-v2
              namespace: shop
            spec:
              replicas: 3
              selector:
                matchLabels:
                  app: web
                  env: prod
                  tier: frontend
              template:
                metadata:
                  annotations:
                    owner: platform
                  labels:
                    app: web
                    env: prod
                    tier: frontend
                spec:
                  containers:
                  - image: ghcr.io/acme/web:1.1
                    name: web
                    ports:
                    - containerPort: 8080
                  - image: registry.example.com:5000/mirror/envoy:v1.30
                    name: proxy
                  initContainers:
                  - image: busybox@sha256:bbbb
                    name: init

            """)
    }

    @Test("labels with includeTemplates reach pod templates but not selectors")
    func labelsIncludeTemplates() throws {
        let fixture = try Fixture([
            "kustomization.yaml": """
                resources: [deployment.yaml]
                labels:
                - pairs: {version: v2}
                  includeTemplates: true

                """,
            "deployment.yaml": Self.deployment,
        ])
        let out = try YAML.parse(try fixture.build())
        #expect(out[path: ["metadata", "labels"]] == ["version": "v2"])
        #expect(out[path: ["spec", "template", "metadata", "labels"]] == ["app": "web", "version": "v2"])
        #expect(out[path: ["spec", "selector", "matchLabels"]] == ["app": "web"])
    }

    static let imageCases: [(String, String, String)] = [
        ("name: nginx\n  newTag: \"1.25\"", "nginx", "nginx:1.25"),
        ("name: nginx\n  newTag: \"1.25\"", "nginx:1.19", "nginx:1.25"),
        ("name: nginx\n  newName: mirror.io/nginx", "nginx:1.19", "mirror.io/nginx:1.19"),
        ("name: nginx\n  digest: sha256:cafe", "nginx:1.19", "nginx@sha256:cafe"),
        ("name: nginx\n  newName: mirror.io/nginx", "nginx@sha256:beef", "mirror.io/nginx@sha256:beef"),
        ("name: my.registry:5000/team/app\n  newTag: v2", "my.registry:5000/team/app:v1", "my.registry:5000/team/app:v2"),
        ("name: my.registry:5000/team/app\n  newTag: v2", "my.registry:5000/team/app", "my.registry:5000/team/app:v2"),
        ("name: nginx\n  newTag: \"1.25\"", "nginx-extra:1.0", "nginx-extra:1.0"),
        ("name: nginx\n  newTag: \"1.25\"", "docker.io/library/nginx:1.0", "docker.io/library/nginx:1.0"),
    ]

    @Test("images: tag, newName, digest, registries with ports, and no partial-name matches", arguments: imageCases)
    func images(override: String, image: String, expected: String) throws {
        let fixture = try Fixture([
            "kustomization.yaml": "resources: [pod.yaml]\nimages:\n- \(override)\n",
            "pod.yaml": "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: c, image: \"\(image)\"}\n",
        ])
        let out = try YAML.parse(try fixture.build())
        #expect(out[path: ["spec", "containers"]]?.arrayValue?.first?["image"] == .string(expected))
    }

    @Test("namespace moves namespaced objects, leaves cluster-scoped ones, and follows ServiceAccount subjects")
    func namespaceTransformer() throws {
        let fixture = try Fixture([
            "kustomization.yaml": "namespace: team\nresources: [all.yaml]\n",
            "all.yaml": """
                apiVersion: v1
                kind: ServiceAccount
                metadata: {name: bot, namespace: old}
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: reader}
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRoleBinding
                metadata: {name: reader-bot}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: reader}
                subjects:
                - {kind: ServiceAccount, name: bot, namespace: old}
                - {kind: ServiceAccount, name: other, namespace: elsewhere}
                ---
                apiVersion: example.com/v1
                kind: Widget
                metadata: {name: w}

                """,
        ])
        #expect(try fixture.build() == """
            apiVersion: v1
            kind: ServiceAccount
            metadata:
              name: bot
              namespace: team
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata:
              name: reader
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata:
              name: reader-bot
            roleRef:
              apiGroup: rbac.authorization.k8s.io
              kind: ClusterRole
              name: reader
            subjects:
            - kind: ServiceAccount
              name: bot
              namespace: team
            - kind: ServiceAccount
              name: other
              namespace: elsewhere
            ---
            apiVersion: example.com/v1
            kind: Widget
            metadata:
              name: w
              namespace: team

            """)
    }

    @Test("a List is flattened into its items")
    func listFlattened() throws {
        let fixture = try Fixture([
            "kustomization.yaml": "resources: [list.yaml]\n",
            "list.yaml": """
                apiVersion: v1
                kind: List
                items:
                - {apiVersion: v1, kind: ConfigMap, metadata: {name: b}}
                - {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}

                """,
        ])
        #expect(try fixture.build() == "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n")
    }

    @Test("legacy order: fixed kinds first, webhooks last, the rest by group/version/kind, then namespace and name")
    func legacyOrder() throws {
        let kinds: [(String, String, String?)] = [
            ("admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration", nil),
            ("example.com/v1", "Widget", "b"),
            ("apps/v1", "Deployment", "a"),
            ("example.com/v1", "Widget", "a"),
            ("v1", "Secret", "a"),
            ("apiextensions.k8s.io/v1", "CustomResourceDefinition", nil),
            ("admissionregistration.k8s.io/v1", "MutatingWebhookConfiguration", nil),
            ("networking.k8s.io/v1", "Ingress", "a"),
            ("v1", "Namespace", nil),
            ("batch/v1", "Job", "a"),
        ]
        let text = kinds.enumerated().map { i, k in
            "apiVersion: \(k.0)\nkind: \(k.1)\nmetadata:\n  name: o\(i)\n" + (k.2.map { "  namespace: \($0)\n" } ?? "")
        }.joined(separator: "---\n")
        let fixture = try Fixture(["kustomization.yaml": "resources: [all.yaml]\n", "all.yaml": text])
        let objects = try Builder(root: fixture.root).build(".")
        #expect(objects.map { "\($0.kind)/\($0.namespace ?? "")" } == [
            "Namespace/", "CustomResourceDefinition/", "Secret/a", "Deployment/a", "Job/a", "Widget/a", "Widget/b",
            "Ingress/a", "MutatingWebhookConfiguration/", "ValidatingWebhookConfiguration/",
        ])
    }

    @Test("a directory without a kustomization file is read recursively, as Flux generates one (not kubectl)")
    func plainDirectory() throws {
        let fixture = try Fixture([
            "deploy/b.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n",
            "deploy/sub/a.yml": "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n",
            "deploy/sub/deeper/c.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: a}\n",
            "deploy/notes.txt": "not yaml: [",
            "deploy/.hidden/x.yaml": "not: [valid",
            "deploy/app/kustomization.yaml": "namePrefix: k-\nresources: [cm.yaml]\n",
            "deploy/app/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: d}\n",
            "deploy/app/ignored.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: not-listed}\n",
        ])
        let objects = try Builder(root: fixture.root).build("deploy", plainDirectory: true)
        // kubectl puts a namespaced object before those without a namespace.
        #expect(objects.map(\.id.description) == ["Namespace/a", "ConfigMap/a/c", "ConfigMap/b", "ConfigMap/k-d"])
        #expect(throws: BuildError.self, "kubectl kustomize refuses a directory without a kustomization file") {
            try Builder(root: fixture.root).build("deploy")
        }
    }
}
