import Cluster
import Foundation
import GitOpsAPI
import KubeAPIServer
import Testing
import TestSupport

/// `serviceAccountName` on Kustomizations and HelmReleases against a Kubernetes API server:
/// every request for the tenant's objects is made as `system:serviceaccount:NS:NAME`
/// (`Impersonate-User`), so RBAC decides what it may do; the agent itself must be allowed to
/// impersonate the account.
@Suite("serviceAccountName (impersonation)", .serialized)
struct ServiceAccountTests {
    static let deployer = "system:serviceaccount:apps:deployer"

    /// RBAC as a cluster would set it up: the agent may impersonate `apps/deployer` (not
    /// `apps/intruder`); the deployer may act in namespace `apps` only.
    static func authorize(_ a: RequestAttributes) -> Bool {
        if a.verb == "impersonate" { return a.resource == "serviceaccounts" && a.namespace == "apps" && a.name == "deployer" }
        if a.user == deployer { return a.namespace == "apps" }
        return true
    }

    static func kustomization(_ name: String, account: String, path: String) -> String {
        """
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata:
          name: \(name)
          namespace: apps
        spec:
          interval: 1m
          path: \(path)
          prune: true
          serviceAccountName: \(account)
          sourceRef:
            kind: GitRepository
            name: flux-system
            namespace: flux-system

        """
    }

    static func condition(_ h: AgentHarness, _ name: String) throws -> Condition? {
        Conditions(json: try h.get("kustomize.toolkit.fluxcd.io/v1", "Kustomization", "apps", name)?.status?["conditions"])[ConditionType.ready]
    }

    @Test("a Kustomization applies as its service account: allowed where RBAC allows, refused by name elsewhere")
    func kustomization() async throws {
        var files = ["deploy/ns.yaml": Manifests.namespace + "---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: other\n"]
        files["deploy/tenant.yaml"] = Self.kustomization("tenant", account: "deployer", path: "./tenant")
        files["deploy/intruder.yaml"] = Self.kustomization("intruder", account: "intruder", path: "./intruder")
        files["tenant/cm.yaml"] = Manifests.configMap("tenant-settings", data: "a: b")
        files["intruder/cm.yaml"] = Manifests.configMap("intruder-settings", data: "a: b")
        let h = try await AgentHarness.prepare(.kubeAPI, files: files)
        h.apiServer?.setAuthorizer(Self.authorize)
        h.start()
        #expect(await h.eventually(.seconds(30)) { try Self.condition(h, "tenant")?.status == .true })
        #expect(try h.get("v1", "ConfigMap", "apps", "tenant-settings") != nil)
        let requests = h.apiServer?.requests ?? []
        #expect(requests.contains { $0.method == "PATCH" && $0.path.hasSuffix("/configmaps/tenant-settings") && $0.user == Self.deployer })

        // The agent may not impersonate this account: nothing is applied, and the message says why.
        #expect(await h.eventually(.seconds(30)) { try Self.condition(h, "intruder")?.status == .false })
        let refused = try #require(try Self.condition(h, "intruder")).message
        #expect(refused.contains("cannot impersonate resource \"serviceaccounts\""), "\(refused)")
        #expect(try h.get("v1", "ConfigMap", "apps", "intruder-settings") == nil)

        // The tenant reaches into another namespace: RBAC refuses the service account.
        try h.commit(["tenant/other.yaml": Manifests.configMap("escape", namespace: "other", data: "a: b")])
        #expect(await h.eventually(.seconds(30)) { try Self.condition(h, "tenant")?.status == .false })
        let forbidden = try #require(try Self.condition(h, "tenant")).message
        #expect(forbidden.contains("User \"\(Self.deployer)\" cannot"), "\(forbidden)")
        #expect(try h.get("v1", "ConfigMap", "other", "escape") == nil)
        await h.stop()
    }

    @Test("--default-service-account: a Kustomization without serviceAccountName acts as that account of its namespace")
    func defaultServiceAccount() async throws {
        var files = ["deploy/ns.yaml": Manifests.namespace + "---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: other\n"]
        files["deploy/tenant.yaml"] = Self.kustomization("tenant", account: "deployer", path: "./tenant")
            .replacingOccurrences(of: "  serviceAccountName: deployer\n", with: "")
        files["tenant/cm.yaml"] = Manifests.configMap("tenant-settings", data: "a: b")
        files["tenant/other.yaml"] = Manifests.configMap("escape", namespace: "other", data: "a: b")
        let h = try await AgentHarness.prepare(.kubeAPI, files: files, defaultServiceAccount: "deployer")
        // As Flux's lockdown docs set it up: the platform's own account (flux-system/deployer
        // here) may do anything; tenants' accounts are bounded by RBAC.
        h.apiServer?.setAuthorizer { a in
            if a.verb == "impersonate" { return a.resource == "serviceaccounts" && a.name == "deployer" }
            return a.user == "system:serviceaccount:flux-system:deployer" || Self.authorize(a)
        }
        h.start()
        // The tenant (no serviceAccountName) acts as apps/deployer, which RBAC keeps out of namespace other.
        #expect(await h.eventually(.seconds(30)) { try Self.condition(h, "tenant")?.status == .false })
        let message = try #require(try Self.condition(h, "tenant")).message
        #expect(message.contains("User \"\(Self.deployer)\" cannot"), "\(message)")
        #expect(try h.get("v1", "ConfigMap", "other", "escape") == nil)
        await h.stop()
    }

    @Test("a HelmRelease installs and records its release as its service account")
    func helmRelease() async throws {
        var files = ReleaseTests.chart
        files["deploy/ns.yaml"] = Manifests.namespace
        files["deploy/release.yaml"] = ReleaseTests.release()
            .replacingOccurrences(of: "  namespace: flux-system\nspec:\n", with: "  namespace: apps\nspec:\n  serviceAccountName: deployer\n")
            .replacingOccurrences(of: "        name: flux-system\n", with: "        name: flux-system\n        namespace: flux-system\n")
        let h = try await AgentHarness.prepare(.kubeAPI, files: files)
        h.apiServer?.setAuthorizer(Self.authorize)
        h.start()
        #expect(await h.eventually(.seconds(30)) { try h.get("apps/v1", "Deployment", "apps", "web") != nil })
        let requests = h.apiServer?.requests ?? []
        // The release record (storage namespace: the HelmRelease's, apps) is written by the account too.
        #expect(requests.contains { $0.method == "POST" && $0.path.hasSuffix("/namespaces/apps/secrets") && $0.user == Self.deployer })
        #expect(requests.contains { $0.method == "PATCH" && $0.path.hasSuffix("/deployments/web") && $0.user == Self.deployer })
        await h.stop()
    }
}
