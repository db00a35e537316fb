import Foundation
import GitOpsAPI
import Kustomize
import Testing
import YAML

/// Golden builds for field-spec driven transformers: `configurations:`, `labels:` fields,
/// plugin configs in `transformers:`, `sortOptions` and `buildMetadata`. Expected outputs follow
/// kustomize v5.5's rules (builtinpluginconsts tables, kusttarget_configplugin.go).
@Suite("Transformer configuration")
struct TransformerConfigTests {
    static let custom = """
        apiVersion: example.org/v1
        kind: Widget
        metadata:
          name: w
        spec:
          template:
            containers:
            - name: a
              image: nginx:1.0

        """

    @Test("a configurations: file adds label and image field specs for a custom kind")
    func configurationsAddSpecs() throws {
        let fixture = try Fixture([
            "kustomization.yaml": """
                resources: [widget.yaml]
                configurations: [config.yaml]
                commonLabels: {team: a}
                images: [{name: nginx, newTag: "2.0"}]
                """,
            "config.yaml": """
                commonLabels:
                - path: spec/selector/matchLabels
                  kind: Widget
                  create: true
                images:
                - path: spec/template/image
                  kind: Widget
                """,
            "widget.yaml": Self.custom,
        ])
        #expect(try fixture.build() == """
            apiVersion: example.org/v1
            kind: Widget
            metadata:
              labels:
                team: a
              name: w
            spec:
              selector:
                matchLabels:
                  team: a
              template:
                containers:
                - image: nginx:2.0
                  name: a

            """)
    }

    @Test("labels: without includeSelectors writes only metadata, with its own fields too")
    func labelsWithFields() throws {
        let fixture = try Fixture([
            "kustomization.yaml": """
                resources: [widget.yaml]
                labels:
                - pairs: {tier: web}
                  fields:
                  - path: spec/template/labels
                    kind: Widget
                    create: true
                """,
            "widget.yaml": Self.custom,
        ])
        let out = try fixture.build()
        #expect(out.contains("  template:\n    containers:\n    - image: nginx:1.0\n      name: a\n    labels:\n      tier: web\n"))
        #expect(out.contains("metadata:\n  labels:\n    tier: web\n"))
    }

    @Test("selector tables reach into lists without [] (NetworkPolicy ingress peers)")
    func selectorsInLists() throws {
        let fixture = try Fixture([
            "kustomization.yaml": "resources: [np.yaml]\ncommonLabels: {app: x}\n",
            "np.yaml": """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata:
                  name: np
                spec:
                  podSelector: {}
                  ingress:
                  - from:
                    - podSelector:
                        matchLabels: {role: fe}

                """,
        ])
        #expect(try fixture.build().contains("matchLabels:\n          app: x\n          role: fe"))
    }

    @Test("an inline ImageTagTransformer in transformers: runs with its own field specs")
    func inlineImageTransformer() throws {
        let fixture = try Fixture([
            "kustomization.yaml": """
                resources: [widget.yaml]
                transformers:
                - |
                  apiVersion: builtin
                  kind: ImageTagTransformer
                  metadata:
                    name: img
                  imageTag:
                    name: nginx
                    digest: sha256:abc
                  fieldSpecs:
                  - path: spec/template/containers[]/image
                """,
            "widget.yaml": Self.custom,
        ])
        #expect(try fixture.build().contains("image: nginx@sha256:abc"))
    }

    @Test("an exec plugin in transformers: is refused, naming the kustomization")
    func execPluginRefused() throws {
        let fixture = try Fixture([
            "kustomization.yaml": "resources: [widget.yaml]\ntransformers: [plugin.yaml]\n",
            "plugin.yaml": "apiVersion: someteam.example.com/v1\nkind: ChartInflator\nmetadata:\n  name: x\n",
            "widget.yaml": Self.custom,
        ])
        let error = try #require(fixture.buildError())
        #expect(error.contains("kustomization.yaml") && error.contains("no exec or Go plugins"))
    }

    @Test("sortOptions: legacy with custom orderFirst, and fifo keeps the input order")
    func sortOptions() throws {
        let objects = """
            apiVersion: v1
            kind: Service
            metadata:
              name: s
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: c

            """
        let legacy = try Fixture([
            "kustomization.yaml": "resources: [o.yaml]\nsortOptions:\n  order: legacy\n  legacySortOptions:\n    orderFirst: [Service]\n    orderLast: [ConfigMap]\n",
            "o.yaml": objects,
        ])
        #expect(try legacy.build().hasPrefix("apiVersion: v1\nkind: Service"))
        let fifo = try Fixture(["kustomization.yaml": "resources: [o.yaml]\nsortOptions: {order: fifo}\n", "o.yaml": objects])
        #expect(try fifo.build().hasPrefix("apiVersion: v1\nkind: Service"))
        let plain = try Fixture(["kustomization.yaml": "resources: [o.yaml]\n", "o.yaml": objects])
        #expect(try plain.build().hasPrefix("apiVersion: v1\nkind: ConfigMap"))
    }

    @Test("legacy order puts named API groups before the core group within unlisted kinds")
    func legacyGroupOrder() throws {
        let fixture = try Fixture([
            "kustomization.yaml": "resources: [o.yaml]\n",
            "o.yaml": """
                apiVersion: v1
                kind: Zebra
                metadata:
                  name: z
                ---
                apiVersion: example.org/v1
                kind: Zebra
                metadata:
                  name: z

                """,
        ])
        #expect(try fixture.build().hasPrefix("apiVersion: example.org/v1"))
    }

    @Test("buildMetadata: [managedByLabel] labels every object as kubectl's kustomize does")
    func managedBy() throws {
        let fixture = try Fixture(["kustomization.yaml": "resources: [w.yaml]\nbuildMetadata: [managedByLabel]\n", "w.yaml": Self.custom])
        #expect(try fixture.build().contains("app.kubernetes.io/managed-by: kustomize-(devel)"))
    }

    @Test("replicas: an entry matching nothing fails, as in kustomize")
    func replicasUnmatched() throws {
        let fixture = try Fixture(["kustomization.yaml": "resources: [w.yaml]\nreplicas: [{name: nope, count: 2}]\n", "w.yaml": Self.custom])
        let error = try #require(fixture.buildError())
        #expect(error.contains("does not match"))
    }
}
