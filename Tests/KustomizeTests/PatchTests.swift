import Foundation
import Kustomize
import Testing

/// Golden builds for patches: every expected output here was printed by `kubectl kustomize`
/// (kubectl v1.32.4, Kustomize v5.5.0) for the same files.
@Suite("Patches: strategic merge and JSON 6902")
struct PatchTests {
    @Test("a strategic-merge patch merges containers, env and ports by key, deletes with $patch and null, and puts patch elements first")
    func strategicMerge() throws {
        let fixture = try Fixture([
            "deployment.yaml": """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                  annotations:
                    keep: "yes"
                spec:
                  template:
                    spec:
                      containers:
                      - name: web
                        image: web:1
                        env:
                        - name: A
                          value: "1"
                        - name: B
                          value: "2"
                        ports:
                        - containerPort: 8080
                        - containerPort: 9090
                          protocol: UDP
                      - name: old
                        image: old:1
                      volumes:
                      - name: cache
                        emptyDir: {}
                """,
            "kustomization.yaml": """
                resources:
                - deployment.yaml
                patchesStrategicMerge:
                - patch.yaml
                """,
            "patch.yaml": """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                  annotations:
                    keep: null
                spec:
                  template:
                    spec:
                      containers:
                      - name: sidecar
                        image: proxy:2
                      - name: web
                        env:
                        - name: B
                          value: "3"
                        - name: C
                          value: "4"
                        ports:
                        - containerPort: 8080
                          name: http
                      - name: old
                        $patch: delete
                      volumes:
                      - name: cache
                        emptyDir: null
                        persistentVolumeClaim:
                          claimName: cache
                """,
        ])
        #expect(try fixture.build() == """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              annotations:
                keep: "null"
              name: web
            spec:
              template:
                spec:
                  containers:
                  - image: proxy:2
                    name: sidecar
                  - env:
                    - name: B
                      value: "3"
                    - name: C
                      value: "4"
                    - name: A
                      value: "1"
                    image: web:1
                    name: web
                    ports:
                    - containerPort: 8080
                      name: http
                    - containerPort: 9090
                      protocol: UDP
                  volumes:
                  - name: cache
                    persistentVolumeClaim:
                      claimName: cache

            """)
    }

    @Test("patches select targets by regex and labels, rename with allowNameChange, delete with $patch, and JSON patches apply YAML and JSON operations")
    func targetedPatches() throws {
        let fixture = try Fixture([
            "kustomization.yaml": """
                resources:
                - resources.yaml
                patches:
                - target:
                    kind: Deployment
                    name: api-.*
                    labelSelector: tier in (frontend, backend)
                  patch: |-
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata:
                      name: any
                    spec:
                      replicas: 2
                - target:
                    kind: ConfigMap
                  patch: |-
                    $patch: delete
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      name: any
                - path: rename.yaml
                  options:
                    allowNameChange: true
                patchesJson6902:
                - target:
                    group: apps
                    version: v1
                    kind: Deployment
                    name: api-v1
                  path: ops.yaml
                - target:
                    group: apps
                    version: v1
                    kind: Deployment
                    name: api-v3
                  patch: '[{"op": "move", "from": "/spec/replicas", "path": "/spec/paused"}]'
                """,
            "ops.yaml": """
                - op: add
                  path: /spec/template/spec/containers/0/args/-
                  value: --y
                - op: replace
                  path: /spec/template/metadata/annotations/a~1b
                  value: z
                - op: copy
                  from: /spec/template/spec/containers/0/image
                  path: /metadata/annotations
                - op: test
                  path: /spec/template/spec/containers/0/image
                  value: api:1
                """,
            "rename.yaml": """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: api-v2
                spec:
                  template:
                    spec:
                      containers:
                      - name: api
                        image: api:3
                """,
            "resources.yaml": """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: api-v1
                  labels:
                    tier: backend
                spec:
                  template:
                    metadata:
                      annotations:
                        a/b: x
                    spec:
                      containers:
                      - name: api
                        image: api:1
                        args: ["--x"]
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: api-v2
                  labels:
                    tier: frontend
                spec:
                  template:
                    spec:
                      containers:
                      - name: api
                        image: api:2
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: gone
                data:
                  k: v
                """,
        ])
        #expect(try fixture.build() == """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              labels:
                tier: backend
              name: api-v1
            spec:
              replicas: 2
              template:
                metadata:
                  annotations:
                    a/b: z
                spec:
                  containers:
                  - args:
                    - --x
                    - --y
                    image: api:1
                    name: api
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              labels:
                tier: frontend
              name: api-v2
            spec:
              replicas: 2
              template:
                spec:
                  containers:
                  - image: api:3
                    name: api

            """)
    }

    @Test("a strategic-merge patch whose target is missing fails naming the patch file and the id")
    func missingTarget() throws {
        let fixture = try Fixture([
            "kustomization.yaml": "resources:\n- cm.yaml\npatchesStrategicMerge:\n- missing-target.yaml\n",
            "cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n",
            "missing-target.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\ndata:\n  k: v\n",
        ])
        let error = try #require(fixture.buildError())
        #expect(error.contains("missing-target.yaml"))
        #expect(error.contains("no matches for Id ConfigMap.v1.[noGrp]/b.[noNs]"))
    }

    @Test("a JSON patch replacing a missing path fails naming the patch file and the path")
    func badOperation() throws {
        let fixture = try Fixture([
            "kustomization.yaml": "resources:\n- cm.yaml\npatches:\n- target:\n    kind: ConfigMap\n  path: ops.yaml\n",
            "cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n",
            "ops.yaml": "- op: replace\n  path: /data/nothere\n  value: x\n",
        ])
        let error = try #require(fixture.buildError())
        #expect(error.contains("ops.yaml"))
        #expect(error.contains("/data/nothere"))
    }

    @Test("an openapi schema file gives a custom kind merge keys")
    func customSchema() throws {
        let fixture = try Fixture([
            "kustomization.yaml": "resources:\n- app.yaml\nopenapi:\n  path: schema.json\npatches:\n- path: patch.yaml\n",
            "app.yaml": "apiVersion: example.com/v1\nkind: App\nmetadata:\n  name: a\nspec:\n  parts:\n  - id: first\n    size: 1\n  - id: second\n    size: 2\n",
            "patch.yaml": "apiVersion: example.com/v1\nkind: App\nmetadata:\n  name: a\nspec:\n  parts:\n  - id: second\n    size: 3\n",
            "schema.json": """
                {"definitions": {"v1.App": {"type": "object",
                  "x-kubernetes-group-version-kind": [{"group": "example.com", "version": "v1", "kind": "App"}],
                  "properties": {"spec": {"type": "object", "properties": {"parts": {"type": "array",
                    "items": {"type": "object"}, "x-kubernetes-patch-merge-key": "id", "x-kubernetes-patch-strategy": "merge"}}}}}}}
                """,
        ])
        #expect(try fixture.build() == """
            apiVersion: example.com/v1
            kind: App
            metadata:
              name: a
            spec:
              parts:
              - id: second
                size: 3
              - id: first
                size: 1

            """)
    }
}
