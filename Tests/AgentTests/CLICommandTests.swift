import Cluster
import Foundation
import GitOpsAPI
import Testing

/// Every read command of the `gitops` binary against a state directory an in-process agent
/// left behind, compared with golden files after masking what changes between runs.
@Suite("The gitops commands print what the agent left, as the golden files show", .serialized)
struct CLICommandTests {
    func state() async throws -> [String] {
        ["--state-dir", try await CLIState.shared.harness().state]
    }

    @Test("status lists the failing Kustomization first, with the objects that failed under it, and exits 1")
    func status() async throws {
        let dir = try await state()
        let table = try CLI.run(["status"] + dir)
        #expect(table.code == 1, "\(table.stderr)")
        #expect(table.stdout.hasPrefix("KIND"))
        #expect(table.stdout.contains("Deployment/apps/web"), "the failing object is named: \(table.stdout)")
        try CLI.expectGolden(table.stdout, "status.txt")
        let json = try CLI.run(["status", "-o", "json"] + dir)
        #expect(json.code == 1)
        try CLI.expectGolden(json.stdout, "status.json", table: false)
        let yaml = try CLI.run(["status", "-o", "yaml", "-n", "flux-system"] + dir)
        #expect(yaml.stdout.contains("reason: HealthCheckFailed"), "\(yaml.stdout)")
    }

    @Test("get kustomizations, sources git, alerts and providers print Flux's columns, NAMESPACE with -A")
    func get() async throws {
        let dir = try await state()
        let ks = try CLI.run(["get", "kustomizations"] + dir)
        #expect(ks.code == 0, "\(ks.stderr)")
        try CLI.expectGolden(ks.stdout, "get-kustomizations.txt")
        try CLI.expectGolden(try CLI.run(["get", "ks", "-o", "json"] + dir).stdout, "get-kustomizations.json", table: false)
        try CLI.expectGolden(try CLI.run(["get", "sources", "git", "-A"] + dir).stdout, "get-sources-git-all.txt")
        try CLI.expectGolden(try CLI.run(["get", "alerts"] + dir).stdout, "get-alerts.txt")
        try CLI.expectGolden(try CLI.run(["get", "providers"] + dir).stdout, "get-providers.txt")
        try CLI.expectGolden(try CLI.run(["get", "releases"] + dir).stdout, "get-releases.txt")
        let receivers = try CLI.run(["get", "receivers"] + dir)
        #expect(receivers.code == 0 && receivers.stdout.isEmpty && receivers.stderr.contains("no Receiver objects found in flux-system namespace"))
    }

    @Test("reconcile release without a running agent times out and asks whether the agent runs")
    func reconcileRelease() async throws {
        let dir = try await state()
        let result = try CLI.run(["reconcile", "release", "podinfo", "--timeout", "1s"] + dir)
        #expect(result.code == 1)
        #expect(result.stderr.contains("is the agent running (`gitops run`)?"), "\(result.stderr)")
    }

    @Test("tree expands the nested Kustomization's inventory, as text and JSON")
    func tree() async throws {
        let dir = try await state()
        let text = try CLI.run(["tree", "kustomization", "flux-system"] + dir)
        #expect(text.code == 0, "\(text.stderr)")
        try CLI.expectGolden(text.stdout, "tree.txt", table: false)
        try CLI.expectGolden(try CLI.run(["tree", "ks", "flux-system", "-o", "json"] + dir).stdout, "tree.json", table: false)
    }

    @Test("build kustomization prints what would be applied; build DIR still builds a directory")
    func build() async throws {
        let harness = try await CLIState.shared.harness()
        let built = try CLI.run(["build", "kustomization", "apps", "--state-dir", harness.state])
        #expect(built.code == 0, "\(built.stderr)")
        try CLI.expectGolden(built.stdout, "build-kustomization-apps.yaml", table: false)
        let directory = try CLI.run(["build", harness.repo.workTree + "/apps"])
        #expect(directory.code == 0, "\(directory.stderr)")
        #expect(directory.stdout.contains("name: settings") && !directory.stdout.contains("kustomize.toolkit.fluxcd.io/name"))
    }

    @Test("diff exits 0 when the cluster matches, and prints a unified diff and exits 1 after a manual change")
    func diff() async throws {
        let harness = try await CLIState.shared.harness()
        let clean = try CLI.run(["diff", "kustomization", "apps", "--state-dir", harness.state])
        #expect(clean.code == 0, "\(clean.stdout)\(clean.stderr)")
        #expect(clean.stdout.isEmpty)
        #expect(clean.stderr.contains("no drift"))
        // Someone deletes the ConfigMap by hand: drift, the diff shows it coming back.
        let ref = ObjectRef(apiVersion: "v1", kind: "ConfigMap", namespace: "apps", name: "settings")
        let original = try #require(try harness.cluster.get(ref))
        _ = try harness.cluster.delete(ref, options: DeleteOptions())
        defer { _ = try? harness.cluster.apply(original.withoutServerFields, options: ApplyOptions(fieldManager: "gitops")) }
        let drift = try CLI.run(["diff", "kustomization", "apps", "--state-dir", harness.state])
        #expect(drift.code == 1, "\(drift.stderr)")
        #expect(drift.stdout.contains("+  value: hello"), "\(drift.stdout)\(drift.stderr)")
        try CLI.expectGolden(drift.stdout, "diff-kustomization-apps.txt", table: false)
    }
}

private extension KubeObject {
    /// This object as a manifest: no uid, resourceVersion or managedFields.
    var withoutServerFields: KubeObject {
        var copy = self
        for field in ["uid", "resourceVersion", "managedFields", "creationTimestamp", "generation"] { copy.body.set(["metadata", field], nil) }
        return copy
    }
}
