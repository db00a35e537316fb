import Foundation
import GitOpsAPI
import Kustomize
import Testing
import YAML

/// Golden builds for composition: components, accumulation conflicts, vars and replacements.
/// Expected outputs follow kustomize v5.5's rules (`kusttarget.go`, `resaccumulator.go`,
/// `filters/replacement`, `filters/refvar`).
@Suite("Composition: components, accumulation, vars, replacements")
struct CompositionTests {
    static let configMap = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: app
        data:
          host: db.example.com:5432

        """
    static let deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          template:
            spec:
              containers:
              - name: app
                image: app:1
                args: ["--db=$(DB_HOST)", "$$(LITERAL)"]
                env:
                - name: PORT
                  value: "$(PORT)"

        """

    @Test("a component's resources join the includer's, and its transformers run over both")
    func componentRunsOverIncluderResources() throws {
        let fixture = try Fixture([
            "base/kustomization.yaml": "resources: [cm.yaml]\n",
            "base/cm.yaml": Self.configMap,
            "comp/kustomization.yaml": """
                apiVersion: kustomize.config.k8s.io/v1alpha1
                kind: Component
                resources: [deploy.yaml]
                namePrefix: c-

                """,
            "comp/deploy.yaml": Self.deployment,
            "overlay/kustomization.yaml": "resources: [../base]\ncomponents: [../comp]\n",
        ])
        let out = try fixture.build("overlay")
        #expect(out.contains("name: c-app"))
        #expect(out.contains("name: c-web"))
    }

    @Test("a kustomization listed under components, or a component under resources, is refused")
    func componentKindsChecked() throws {
        let fixture = try Fixture([
            "base/kustomization.yaml": "resources: [cm.yaml]\n",
            "base/cm.yaml": Self.configMap,
            "comp/kustomization.yaml": "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n",
            "a/kustomization.yaml": "components: [../base]\n",
            "b/kustomization.yaml": "resources: [../comp]\n",
        ])
        #expect(fixture.buildError("a")?.contains("expected kind 'Component' for path") == true)
        #expect(fixture.buildError("b")?.contains("expected kind != 'Component' for path") == true)
    }

    @Test("the same base reached twice without renaming is an id conflict")
    func diamondConflict() throws {
        let fixture = try Fixture([
            "base/kustomization.yaml": "resources: [cm.yaml]\n",
            "base/cm.yaml": Self.configMap,
            "a/kustomization.yaml": "resources: [../base]\n",
            "b/kustomization.yaml": "resources: [../base]\nnamespace: other\n",
            "c/kustomization.yaml": "resources: [../base]\n",
            "ok/kustomization.yaml": "resources: [../a, ../b]\n",
            "clash/kustomization.yaml": "resources: [../a, ../c]\n",
        ])
        #expect(try fixture.build("ok").components(separatedBy: "name: app").count == 3)
        #expect(fixture.buildError("clash")?.contains("may not add resource with an already registered id: ConfigMap.v1.[noGrp]/app.[noNs]") == true)
    }

    @Test("vars are replaced in var-reference fields, keep their type, and find prefixed objects")
    func varsResolve() throws {
        let fixture = try Fixture([
            "base/kustomization.yaml": """
                resources: [cm.yaml, deploy.yaml, svc.yaml]
                vars:
                - name: DB_HOST
                  objref: {apiVersion: v1, kind: ConfigMap, name: app}
                  fieldref:
                    fieldpath: data.host
                - name: PORT
                  objref: {apiVersion: v1, kind: Service, name: svc}
                  fieldref:
                    fieldpath: spec.ports[0].port

                """,
            "base/cm.yaml": Self.configMap,
            "base/deploy.yaml": Self.deployment,
            "base/svc.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: svc\nspec:\n  ports:\n  - port: 80\n",
            "overlay/kustomization.yaml": "resources: [../base]\nnamePrefix: p-\n",
        ])
        let out = try fixture.build("overlay")
        #expect(out.contains("- --db=db.example.com:5432"))
        #expect(out.contains("- $(LITERAL)"))
        #expect(out.contains("value: 80\n"))
    }

    @Test("a var declared twice, or naming no object, fails")
    func varErrors() throws {
        let fixture = try Fixture([
            "a/kustomization.yaml": """
                resources: [cm.yaml]
                vars:
                - {name: X, objref: {apiVersion: v1, kind: ConfigMap, name: app}}
                - {name: X, objref: {apiVersion: v1, kind: ConfigMap, name: app}}

                """,
            "a/cm.yaml": Self.configMap,
            "b/kustomization.yaml": """
                resources: [cm.yaml]
                vars:
                - {name: ZED, objref: {apiVersion: v1, kind: ConfigMap, name: missing}}

                """,
            "b/cm.yaml": Self.configMap,
        ])
        #expect(fixture.buildError("a")?.contains("var 'X' already encountered") == true)
        #expect(fixture.buildError("b")?.contains("cannot be mapped to a field in the set of known resources") == true)
    }

    @Test("replacements copy a source field into selected targets, with delimiters and create")
    func replacements() throws {
        let fixture = try Fixture([
            "kustomization.yaml": """
                resources: [cm.yaml, deploy.yaml]
                replacements:
                - source: {kind: ConfigMap, name: app, fieldPath: data.host, options: {delimiter: ":", index: 0}}
                  targets:
                  - select: {kind: Deployment}
                    fieldPaths: ["spec.template.spec.containers.[name=app].image"]
                    options: {delimiter: ":", index: 0}
                  - select: {kind: Deployment}
                    fieldPaths: [metadata.annotations.db]
                    options: {create: true}

                """,
            "cm.yaml": Self.configMap,
            "deploy.yaml": Self.deployment,
        ])
        let out = try fixture.build()
        #expect(out.contains("image: db.example.com:1"))
        #expect(out.contains("db: db.example.com"))
    }

    @Test("a replacement whose source selects several objects, or whose target field is missing, fails")
    func replacementErrors() throws {
        let fixture = try Fixture([
            "a/kustomization.yaml": """
                resources: [cm.yaml, deploy.yaml]
                replacements:
                - source: {kind: ConfigMap}
                  targets: [{select: {kind: Deployment}, fieldPaths: [metadata.name]}]
                - source: {kind: Deployment}
                  targets: [{select: {kind: ConfigMap}, fieldPaths: [data.nothere]}]

                """,
            "a/cm.yaml": Self.configMap + "---\n" + Self.configMap.replacingOccurrences(of: "name: app", with: "name: other"),
            "a/deploy.yaml": Self.deployment,
            "b/kustomization.yaml": """
                resources: [cm.yaml, deploy.yaml]
                replacements:
                - source: {kind: Deployment}
                  targets: [{select: {kind: ConfigMap}, fieldPaths: [data.nothere.deeper]}]

                """,
            "b/cm.yaml": Self.configMap,
            "b/deploy.yaml": Self.deployment,
        ])
        #expect(fixture.buildError("a")?.contains("multiple matches for selector") == true)
        #expect(fixture.buildError("b")?.contains("unable to find field \"data.nothere.deeper\" in replacement target") == true)
    }
}
