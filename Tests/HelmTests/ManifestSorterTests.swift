import Testing
@testable import Helm

@Suite struct ManifestSorterTests {
    @Test func `documents split on --- lines, trimmed, empty ones dropped`() {
        #expect(ManifestSorter.split("---\na: 1\n---\n\nb: 2\n  \n") == ["a: 1", "b: 2"])
        // The separator's trailing `\s*` eats the newline a following `---` would need, so Go's
        // regexp leaves that second separator inside the next document; Helm prints it so.
        #expect(ManifestSorter.split("a: 1\n---\n---\nb: 2") == ["a: 1", "---\nb: 2"])
        #expect(ManifestSorter.split("a: 1\n---\n# only a comment\n") == ["a: 1", "# only a comment"])
    }

    @Test func `known kinds in install order, unknown kinds after them alphabetically, ties stable`() throws {
        let files = [
            "c/templates/a.yaml": "kind: Deployment\nmetadata: {name: d}\n---\nkind: Zebra\n---\nkind: Alpha\n",
            "c/templates/b.yaml": "kind: Service\nmetadata: {name: s2}\n---\nkind: Namespace\n",
            "c/templates/_helpers.tpl": "kind: Secret\n",
            "c/templates/c.yaml": "kind: Service\nmetadata: {name: s1}\n",
        ]
        let sorted = try ManifestSorter.sort(files: files)
        #expect(sorted.manifests.map(\.kind) == ["Namespace", "Service", "Service", "Deployment", "Alpha", "Zebra"])
        #expect(sorted.manifests.filter { $0.kind == "Service" }.map(\.name) == ["s2", "s1"])
    }

    @Test func `hooks carry events, weight and delete policies; unknown hooks are dropped`() throws {
        let files = [
            "c/templates/job.yaml": """
                kind: Job
                metadata:
                  name: migrate
                  annotations:
                    helm.sh/hook: pre-install, Post-Upgrade
                    helm.sh/hook-weight: "-5"
                    helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded
                """,
            "c/templates/odd.yaml": "kind: Pod\nmetadata:\n  annotations:\n    helm.sh/hook: sometime\n",
        ]
        let sorted = try ManifestSorter.sort(files: files)
        #expect(sorted.manifests.isEmpty)
        #expect(sorted.hooks.count == 1)
        let hook = try #require(sorted.hooks.first)
        #expect(hook.events == ["pre-install", "post-upgrade"])
        #expect(hook.weight == -5)
        #expect(hook.deletePolicies == ["before-hook-creation", "hook-succeeded"])
    }

    @Test func `helm template output puts hooks after manifests`() {
        let r = Rendering(
            manifests: [.init(sourcePath: "c/templates/a.yaml", content: "kind: A", apiVersion: "v1", kind: "A", name: "")],
            hooks: [.init(name: "t", kind: "Pod", sourcePath: "c/templates/t.yaml", manifest: "kind: Pod", events: ["test"],
                          weight: 0, deletePolicies: [], outputLogPolicies: [])],
            crds: [], notes: "")
        #expect(r.helmTemplateOutput() == "---\n# Source: c/templates/a.yaml\nkind: A\n---\n# Source: c/templates/t.yaml\nkind: Pod\n")
        #expect(r.helmTemplateOutput(skipTests: true) == "---\n# Source: c/templates/a.yaml\nkind: A\n")
    }
}
