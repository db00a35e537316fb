import Cluster
import Foundation
import GitOpsAPI
import Testing
import TestSupport

/// Objects changed by hand: put back by default, reported and left with `driftDetection.mode: warn`.
@Suite("Drift", .serialized)
struct DriftTests {
    static func kustomization(mode: String?) -> String {
        Manifests.appsKustomization() + (mode.map { "  driftDetection:\n    mode: \($0)\n" } ?? "")
    }

    /// A change to `data.value` made with `kubectl edit` (an Update by manager kubectl-edit).
    static func editByHand(_ h: AgentHarness, value: String) throws {
        var cm = try #require(try h.get("v1", "ConfigMap", "apps", "settings"))
        cm.body["data"] = ["value": .string(value)]
        _ = try h.cluster.update(cm, options: WriteOptions(fieldManager: "kubectl-edit"))
    }

    static func appsCondition(_ h: AgentHarness, _ type: String) throws -> Condition? {
        Conditions(json: try h.kustomization("apps")?.status?["conditions"])[type]
    }

    @Test("an object changed by hand is put back on the next reconcile", arguments: AgentHarness.Backend.allCases)
    func driftCorrected(backend: AgentHarness.Backend) async throws {
        let h = try await AgentHarness.start(backend, files: ["deploy/ns.yaml": Manifests.namespace, "deploy/apps.yaml": Self.kustomization(mode: nil),
                                         "apps/cm.yaml": Manifests.configMap("settings", data: "from-git")])
        #expect(await h.eventually { try Self.appsCondition(h, ConditionType.ready)?.status == .true })
        try Self.editByHand(h, value: "by-hand")
        #expect(await h.eventually(.seconds(5)) { try h.get("v1", "ConfigMap", "apps", "settings")?.body[path: ["data", "value"]] == "from-git" })
        #expect(try Self.appsCondition(h, ConditionType.drifted) == nil)
        await h.stop()
    }

    @Test("driftDetection.mode warn reports the object and field, corrects nothing, until a new revision", arguments: AgentHarness.Backend.allCases)
    func driftReported(backend: AgentHarness.Backend) async throws {
        let h = try await AgentHarness.start(backend, files: ["deploy/ns.yaml": Manifests.namespace, "deploy/apps.yaml": Self.kustomization(mode: "warn"),
                                         "apps/cm.yaml": Manifests.configMap("settings", data: "from-git")])
        #expect(await h.eventually { try Self.appsCondition(h, ConditionType.drifted)?.reason == Reason.noDriftDetected })
        try Self.editByHand(h, value: "by-hand")
        #expect(await h.eventually(.seconds(5)) { try Self.appsCondition(h, ConditionType.drifted)?.status == .true })
        let drifted = try #require(try Self.appsCondition(h, ConditionType.drifted))
        #expect(drifted.reason == Reason.driftDetected)
        #expect(drifted.message.contains("ConfigMap/apps/settings: data.value"), "\(drifted.message)")
        #expect(try Self.appsCondition(h, ConditionType.ready)?.status == .true)
        // Several reconciles later the hand-made value is still there, and one warning event says so.
        try await Task.sleep(for: .seconds(2.5))
        #expect(try h.get("v1", "ConfigMap", "apps", "settings")?.body[path: ["data", "value"]] == "by-hand")
        let warnings = try h.agent.events.recent(kind: Kustomization.kind, name: "apps").filter { $0.reason == Reason.driftDetected }
        #expect(warnings.count == 1)
        #expect(warnings.first?.severity == .error)
        #expect(warnings.first?.message.contains("data.value") == true)

        // A new revision from Git is applied as usual, and so corrects the drift.
        try h.commit(["apps/cm.yaml": Manifests.configMap("settings", data: "from-git-2")])
        #expect(await h.eventually(.seconds(5)) { try h.get("v1", "ConfigMap", "apps", "settings")?.body[path: ["data", "value"]] == "from-git-2" })
        #expect(await h.eventually(.seconds(5)) { try Self.appsCondition(h, ConditionType.drifted)?.status == .false })
        await h.stop()
    }

    @Test("a field another manager applies is a conflict naming the field and the manager, not drift", arguments: AgentHarness.Backend.allCases)
    func applyConflictReported(backend: AgentHarness.Backend) async throws {
        let h = try await AgentHarness.start(backend, files: ["deploy/ns.yaml": Manifests.namespace, "deploy/apps.yaml": Self.kustomization(mode: nil),
                                         "apps/cm.yaml": Manifests.configMap("settings", data: "from-git")])
        #expect(await h.eventually { try Self.appsCondition(h, ConditionType.ready)?.status == .true })
        var cm = KubeObject(apiVersion: "v1", kind: "ConfigMap", name: "settings", namespace: "apps")
        cm.body["data"] = ["value": "from-another-tool"]
        try h.kubectlApply(cm)
        #expect(await h.eventually(.seconds(5)) { try Self.appsCondition(h, ConditionType.ready)?.reason == Reason.validationFailed })
        let message = try Self.appsCondition(h, ConditionType.ready)?.message ?? ""
        #expect(message.contains("ConfigMap/apps/settings"), "\(message)")
        #expect(message.contains("conflict with \"kubectl\""), "\(message)")
        #expect(message.contains(".data.value"), "\(message)")
        #expect(try h.get("v1", "ConfigMap", "apps", "settings")?.body[path: ["data", "value"]] == "from-another-tool")
        await h.stop()
    }

    @Test("an unknown driftDetection mode is refused naming the field", arguments: AgentHarness.Backend.allCases)
    func unknownMode(backend: AgentHarness.Backend) async throws {
        let h = try await AgentHarness.start(backend, files: ["deploy/ns.yaml": Manifests.namespace, "deploy/apps.yaml": Self.kustomization(mode: "ignore"),
                                         "apps/cm.yaml": Manifests.configMap("settings", data: "from-git")])
        #expect(await h.eventually { try Self.appsCondition(h, ConditionType.stalled)?.status == .true })
        #expect(try Self.appsCondition(h, ConditionType.ready)?.message.contains("spec.driftDetection.mode") == true)
        await h.stop()
    }
}
