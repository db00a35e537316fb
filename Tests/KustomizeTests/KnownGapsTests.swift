import Foundation
import GitOpsAPI
import Kustomize
import Testing
import YAML

/// Differences from `kubectl kustomize` in features the builder claims to implement, found by
/// the conformance corpus (case names given). Recorded as known issues.
@Suite("Builder: known differences from kubectl kustomize")
struct KnownGapsTests {
    @Test("non-string annotation values print as strings (corpus basic_io__TestBasicIO_1)")
    func annotationValuesBecomeStrings() throws {
        let fixture = try Fixture([
            "kustomization.yaml": "resources: [service.yaml]\n",
            "service.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  annotations:\n    port: 8080\n    happy: true\n  name: demo\nspec:\n  clusterIP: None\n",
        ])
        let printed = try fixture.build()
        withKnownIssue("Builder keeps int/bool annotation values; kustomize prints them as strings (\"8080\", \"true\"), which the API server requires") {
            #expect(printed == "apiVersion: v1\nkind: Service\nmetadata:\n  annotations:\n    happy: \"true\"\n    port: \"8080\"\n  name: demo\nspec:\n  clusterIP: None\n")
        }
    }

    @Test("a custom kind named Namespace in another group is namespaced (corpus namespaces__TestNameNotOveriddenForNonCoreApiVersionOnANamespaceKind)")
    func customNamespaceKindIsNamespaced() throws {
        let fixture = try Fixture([
            "kustomization.yaml": "namespace: podinfo\nresources: [sb.yaml]\n",
            "sb.yaml": "apiVersion: servicebus.azure.com/v1beta20210101preview\nkind: Namespace\nmetadata:\n  name: core-sb-99\n  namespace: without-podinfo\n",
        ])
        let objects = try Builder(root: fixture.root).build(".")
        withKnownIssue("Scope.swift:15 decides scope by kind alone, so servicebus.azure.com/Namespace is taken for the core Namespace") {
            #expect(objects.first?.namespace == "podinfo")
        }
    }
}
