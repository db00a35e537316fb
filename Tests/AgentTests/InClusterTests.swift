import Agent
import ArgumentParser
import Cluster
import EmbeddedCluster
import Foundation
import GitOpsAPI
import GitOpsCLI
import Runtime
import Testing
import TestSupport
import YAML

/// Running in a cluster: two replicas electing a leader, `gitops install`, `gitops check`.
@Suite("Running in a cluster", .serialized)
struct InClusterTests {
    static func election(_ identity: String) -> LeaderElection.Settings {
        var s = LeaderElection.Settings(namespace: "flux-system", name: "gitops-leader", identity: identity)
        s.leaseDuration = .seconds(2)
        s.renewDeadline = .milliseconds(1500)
        s.retryPeriod = .milliseconds(200)
        return s
    }

    @Test("two agents on one cluster: only the leader reconciles; the other takes over when it goes")
    func twoReplicas() async throws {
        let h = try await AgentHarness.prepare(.kubeAPI, files: ["deploy/ns.yaml": Manifests.namespace,
                                                                  "deploy/cm.yaml": Manifests.configMap("settings", data: "one")],
                                                leaderElection: Self.election("agent-a"))
        h.start()
        #expect(await h.eventually { try h.ready()?.status == .true })
        let lease = ObjectRef(apiVersion: "coordination.k8s.io/v1", kind: "Lease", namespace: "flux-system", name: "gitops-leader")
        #expect(try h.cluster.get(lease)?.body[path: ["spec", "holderIdentity"]] == "agent-a")

        let standby = try h.standby(leaderElection: Self.election("agent-b"))
        let standbyTask = Task { try? await standby.run() }
        try await Task.sleep(for: .seconds(1))
        // The standby does not reconcile: its components record no event while A leads.
        try await Task.sleep(for: .seconds(1.5))
        #expect(try h.cluster.get(lease)?.body[path: ["spec", "holderIdentity"]] == "agent-a")
        #expect(try standby.events.recent().isEmpty)

        // The leader stops (a rolling update): it releases the Lease; the standby leads and applies the next commit.
        await h.stop(keepingServer: true)
        #expect(await h.eventually(.seconds(5)) { try h.cluster.get(lease)?.body[path: ["spec", "holderIdentity"]] == "agent-b" })
        let commit = try h.commit(["deploy/cm.yaml": Manifests.configMap("settings", data: "two")])
        #expect(await h.eventually(.seconds(10)) { try h.get("v1", "ConfigMap", "apps", "settings")?.body[path: ["data", "value"]] == "two" })
        #expect(await h.eventually { try h.ready()?.message == "Applied revision: main@sha1:\(commit)" })
        #expect(try standby.events.recent().contains { $0.reason == "ReconciliationSucceeded" })
        standbyTask.cancel()
        _ = await standbyTask.value
        await h.stop()
    }

    @Test("gitops install prints manifests an API server accepts, whose agent arguments the CLI parses")
    func installManifests() async throws {
        let result = try CLI.run(["install"])
        #expect(result.code == 0, "\(result.stderr)")
        let objects = try YAML.parseDocuments(result.stdout).map { KubeObject($0.value) }
        let kinds = objects.map(\.kind)
        #expect(kinds.filter { $0 == "CustomResourceDefinition" }.count == 7)
        for kind in ["Namespace", "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding", "Deployment", "Service"] {
            #expect(kinds.contains(kind), "missing \(kind)")
        }
        // An API server takes every object (namespace first, as kubectl apply -f would order it).
        let cluster = try EmbeddedCluster.inMemory()
        for object in objects {
            _ = try await cluster.apply(object, options: ApplyOptions(fieldManager: "kubectl"))
        }
        let deployment = try #require(objects.first { $0.kind == "Deployment" })
        let container = try #require(deployment.body[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first)
        #expect(container["livenessProbe"]?["httpGet"]?["path"] == "/healthz")
        #expect(container["readinessProbe"]?["httpGet"]?["path"] == "/readyz")
        #expect(deployment.body[path: ["spec", "replicas"]] == 2)
        // The container's arguments are ones `gitops` accepts.
        let args = (container["args"]?.arrayValue ?? []).compactMap { $0.stringValue }
        #expect(args.contains("--in-cluster") && args.contains("--leader-elect"))
        _ = try GitOpsCommand.parseAsRoot(args)

        let crds = try CLI.run(["install", "--crds-only"])
        #expect(try YAML.parseDocuments(crds.stdout).allSatisfy { $0.value["kind"] == "CustomResourceDefinition" })
        let restricted = try CLI.run(["install", "--no-cluster-admin"])
        #expect(!restricted.stdout.contains("name: cluster-admin"))
        #expect(result.stdout.contains("name: cluster-admin"))
    }

    @Test("gitops check and status against a real cluster: reachable, CRDs, a kind missing, a server gone")
    func checkRealCluster() async throws {
        let h = try await AgentHarness.start(.kubeAPI, files: ["deploy/ns.yaml": Manifests.namespace])
        #expect(await h.eventually { try h.ready()?.status == .true })
        let url = try #require(h.apiServer?.url)
        let kubeconfig = try GitFixture.temporaryDirectory(prefix: "kubeconfig") + "/config"
        try """
            apiVersion: v1
            kind: Config
            clusters:
            - name: loopback
              cluster: {server: "\(url)"}
            users:
            - name: me
              user: {}
            contexts:
            - name: test
              context: {cluster: loopback, user: me}
            current-context: test
            """.write(toFile: kubeconfig, atomically: true, encoding: .utf8)
        let ok = try CLI.run(["check", "--kubeconfig", kubeconfig])
        #expect(ok.stdout.contains("API server \(url) reachable"), "\(ok.stdout)\(ok.stderr)")
        #expect(ok.stdout.contains("CRDs installed: GitRepository"), "\(ok.stdout)")
        let status = try CLI.run(["status", "--kubeconfig", kubeconfig])
        #expect(status.stdout.contains("flux-system/flux-system"), "\(status.stdout)\(status.stderr)")

        // Without the CRDs, check says how to install them.
        for crd in CRDs.all where crd.name.hasPrefix("helmreleases") {
            _ = try h.cluster.delete(crd.ref, options: DeleteOptions())
        }
        let missing = try CLI.run(["check", "--kubeconfig", kubeconfig])
        #expect(missing.code == 1)
        #expect(missing.stdout.contains("kinds not served: HelmRelease"), "\(missing.stdout)")
        #expect(missing.stdout.contains("gitops install --crds-only | kubectl apply -f -"))
        await h.stop()

        // A server that is not there.
        let gone = try CLI.run(["check", "--kubeconfig", kubeconfig])
        #expect(gone.code == 1)
        #expect(gone.stdout.contains("not reachable"), "\(gone.stdout)")
    }

    @Test("--watch-label-selector: an agent reconciles only the objects of its shard")
    func sharding() async throws {
        let h = try await AgentHarness.prepare(.kubeAPI, files: ["deploy/ns.yaml": Manifests.namespace,
                                                                  "deploy/cm.yaml": Manifests.configMap("settings", data: "one")],
                                                watchLabelSelector: "sharding.fluxcd.io/key=shard1")
        h.start()
        // The root objects carry no shard label: this agent leaves them alone.
        try await Task.sleep(for: .seconds(2))
        #expect(try h.get(GitRepository.apiVersion, GitRepository.kind, "flux-system", "flux-system")?.status?["conditions"] == nil)
        #expect(try h.get("v1", "ConfigMap", "apps", "settings") == nil)
        // Labelled into shard1, they are reconciled.
        for (apiVersion, kind) in [(GitRepository.apiVersion, GitRepository.kind), (Kustomization.apiVersion, Kustomization.kind)] {
            var object = try #require(try h.get(apiVersion, kind, "flux-system", "flux-system"))
            object.setLabel("sharding.fluxcd.io/key", "shard1")
            _ = try h.cluster.update(object, options: WriteOptions(fieldManager: "kubectl-label"))
        }
        #expect(await h.eventually(.seconds(10)) { try h.get("v1", "ConfigMap", "apps", "settings") != nil })
        #expect(await h.eventually { try h.ready()?.status == .true })
        await h.stop()
    }
}
