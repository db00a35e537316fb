import Foundation
import GitOpsAPI
import Kustomize
import Testing
import YAML

/// Details of `kubectl kustomize`'s behaviour found through the conformance corpus (case names given).
@Suite("Builder: details kubectl kustomize gets right")
struct CompatibilityTests {
    @Test("non-string annotation values print as strings (corpus basic_io__TestBasicIO_1)")
    func annotationValuesBecomeStrings() throws {
        let fixture = try Fixture([
            "kustomization.yaml": "resources: [service.yaml]\n",
            "service.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  annotations:\n    port: 8080\n    happy: true\n  name: demo\nspec:\n  clusterIP: None\n",
        ])
        let printed = try fixture.build()
        #expect(printed == "apiVersion: v1\nkind: Service\nmetadata:\n  annotations:\n    happy: \"true\"\n    port: \"8080\"\n  name: demo\nspec:\n  clusterIP: None\n")
    }

    @Test("a custom kind named Namespace in another group is namespaced (corpus namespaces__TestNameNotOveriddenForNonCoreApiVersionOnANamespaceKind)")
    func customNamespaceKindIsNamespaced() throws {
        let fixture = try Fixture([
            "kustomization.yaml": "namespace: podinfo\nresources: [sb.yaml]\n",
            "sb.yaml": "apiVersion: servicebus.azure.com/v1beta20210101preview\nkind: Namespace\nmetadata:\n  name: core-sb-99\n  namespace: without-podinfo\n",
        ])
        let objects = try Builder(root: fixture.root).build(".")
        #expect(objects.first?.namespace == "podinfo")
    }
}
