import Testing

/// `buildMetadata` origin and transformer annotations, and the IAMPolicyGenerator built-in.
@Suite("build metadata and IAMPolicyGenerator")
struct BuildMetadataTests {
    @Test("originAnnotations in the overlay record each resource's path from the overlay, through the base")
    func originThroughBase() throws {
        let fixture = try Fixture([
            "base/kustomization.yaml": "resources: [cm.yaml]\nconfigMapGenerator:\n- name: gen\n  literals: [a=b]\n",
            "base/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain\n",
            "overlay/kustomization.yaml": "resources: [../base]\nnamePrefix: p-\nbuildMetadata: [originAnnotations, transformerAnnotations]\n",
        ])
        #expect(try fixture.build("overlay") == """
            apiVersion: v1
            data:
              a: b
            kind: ConfigMap
            metadata:
              annotations:
                alpha.config.kubernetes.io/transformations: |
                  - configuredIn: kustomization.yaml
                    configuredBy:
                      apiVersion: builtin
                      kind: PrefixTransformer
                config.kubernetes.io/origin: |
                  configuredIn: ../base/kustomization.yaml
                  configuredBy:
                    apiVersion: builtin
                    kind: ConfigMapGenerator
              name: p-gen-4h2mbtbbt6
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              annotations:
                alpha.config.kubernetes.io/transformations: |
                  - configuredIn: kustomization.yaml
                    configuredBy:
                      apiVersion: builtin
                      kind: PrefixTransformer
                config.kubernetes.io/origin: |
                  path: ../base/cm.yaml
              name: p-plain

            """)
    }

    @Test("a base's own buildMetadata does not annotate when the top kustomization asks for none")
    func baseMetadataIgnored() throws {
        let fixture = try Fixture([
            "base/kustomization.yaml": "resources: [cm.yaml]\nbuildMetadata: [originAnnotations]\n",
            "base/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain\n",
            "overlay/kustomization.yaml": "resources: [../base]\n",
        ])
        #expect(try fixture.build("overlay") == "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain\n")
    }

    @Test("IAMPolicyGenerator generates the GKE workload-identity ServiceAccount")
    func iamPolicyGenerator() throws {
        let fixture = try Fixture([
            "kustomization.yaml": "generators: [iam.yaml]\n",
            "iam.yaml": "apiVersion: builtin\nkind: IAMPolicyGenerator\nmetadata:\n  name: g\ncloud: gke\nkubernetesService:\n  name: ksa\n  namespace: ns\nserviceAccount:\n  name: gsa\n  projectId: proj\n",
        ])
        #expect(try fixture.build() == """
            apiVersion: v1
            kind: ServiceAccount
            metadata:
              annotations:
                iam.gke.io/gcp-service-account: gsa@proj.iam.gserviceaccount.com
              name: ksa
              namespace: ns

            """)
    }

    @Test("IAMPolicyGenerator refuses a cloud other than gke")
    func iamPolicyGeneratorOtherCloud() throws {
        let fixture = try Fixture([
            "kustomization.yaml": "generators: [iam.yaml]\n",
            "iam.yaml": "apiVersion: builtin\nkind: IAMPolicyGenerator\nmetadata:\n  name: g\ncloud: aws\nkubernetesService:\n  name: ksa\n",
        ])
        #expect(fixture.buildError()?.contains("cloud provider aws not supported yet") == true)
    }
}
