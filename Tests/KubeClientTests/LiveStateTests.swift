import Cluster
import Foundation
import GitOpsAPI
import KubeAPIServer
import KubeClient
import Testing

@Suite("Apply with the live state known, and status updates with optimistic concurrency")
struct LiveStateTests {
    @Test("a dry run given the listed live object sends one PATCH and no GET, and still tells unchanged from drifted")
    func dryRunWithListedLiveState() async throws {
        let f = try await Fixture.start()
        defer { Task { await f.stop() } }
        for name in ["a", "b"] { _ = try await f.client.apply(configMap(name, labels: ["owner": "me"]), options: ApplyOptions()) }
        let listed = try await f.client.list(ListQuery(apiVersion: "v1", kind: "ConfigMap", namespace: "default", labelSelector: "owner=me"))
        let live = Dictionary(uniqueKeysWithValues: listed.map { ($0.name, $0) })
        f.server.clearRequests()
        let before = f.client.requestCounts

        let same = try await f.client.apply(configMap("a", labels: ["owner": "me"]),
                                            options: ApplyOptions(dryRun: true, live: .present(try #require(live["a"]))))
        #expect(same.action == .unchanged)
        let drifted = try await f.client.apply(configMap("b", data: ["k": "changed"], labels: ["owner": "me"]),
                                               options: ApplyOptions(dryRun: true, live: .present(try #require(live["b"]))))
        #expect(drifted.action == .configured)
        #expect(f.seen == ["PATCH /api/v1/namespaces/default/configmaps/a", "PATCH /api/v1/namespaces/default/configmaps/b"])
        #expect(f.client.requestCounts.since(before).reads == 0)
        #expect(f.client.requestCounts.since(before).dryRuns == 2)
    }

    @Test("an apply told the object is absent reads nothing and reports created; unknown reads first as before")
    func absentAndUnknown() async throws {
        let f = try await Fixture.start()
        defer { Task { await f.stop() } }
        _ = try await f.client.resource(apiVersion: "v1", kind: "ConfigMap")
        f.server.clearRequests()
        let created = try await f.client.apply(configMap("a"), options: ApplyOptions(live: .absent))
        #expect(created.action == .created)
        #expect(f.seen == ["PATCH /api/v1/namespaces/default/configmaps/a"])
        f.server.clearRequests()
        let again = try await f.client.apply(configMap("a"), options: ApplyOptions())
        #expect(again.action == .unchanged)
        #expect(f.seen == ["GET /api/v1/namespaces/default/configmaps/a", "PATCH /api/v1/namespaces/default/configmaps/a"])
    }

    @Test("a status update that meets a second writer gets 409, reads again and succeeds without losing either write")
    func conflictRetried() async throws {
        let f = try await Fixture.start()
        defer { Task { await f.stop() } }
        for crd in CRDs.all { _ = try f.cluster.apply(crd, options: ApplyOptions(fieldManager: "kubectl")) }
        var ks = KubeObject(apiVersion: Kustomization.apiVersion, kind: Kustomization.kind, name: "apps", namespace: "default")
        ks.body["spec"] = ["interval": "1m", "path": "./apps", "prune": true, "sourceRef": ["kind": "GitRepository", "name": "repo"]]
        _ = try f.cluster.apply(ks, options: ApplyOptions(fieldManager: "kubectl"))
        f.server.clearRequests()

        var calls = 0
        let stored = try await f.client.updateStatus(of: ks.ref) { object in
            calls += 1
            if calls == 1 {
                // Another writer stores the object between our read and our write.
                var other = try #require(try f.cluster.get(ks.ref))
                other.setAnnotation("example.com/by", "other")
                _ = try f.cluster.update(other, options: WriteOptions(fieldManager: "other"))
            }
            object.status = ["observedGeneration": .int(calls)]
        }
        #expect(calls == 2)
        #expect(stored?.status?["observedGeneration"] == 2)
        let puts = f.server.requests.filter { $0.method == "PUT" }
        #expect(puts.map(\.status) == [409, 200])
        #expect(puts.allSatisfy { $0.path == "/apis/kustomize.toolkit.fluxcd.io/v1/namespaces/default/kustomizations/apps/status" })
        let now = try #require(try f.cluster.get(ks.ref))
        #expect(now.annotations["example.com/by"] == "other")
        #expect(now.status?["observedGeneration"] == 2)

        // A change that changes nothing is not sent.
        f.server.clearRequests()
        _ = try await f.client.updateStatus(of: ks.ref) { _ in }
        #expect(f.server.requests.map(\.method) == ["GET"])
    }
}

@Suite("Unconditional updates of custom resources")
struct UnconditionalUpdateTests {
    @Test("a server that refuses them as kube-apiserver does: 422 without a resourceVersion; the optimistic helper is accepted")
    func refusedWithoutResourceVersion() async throws {
        let f = try await Fixture.start()
        defer { Task { await f.stop() } }
        for crd in CRDs.all { _ = try f.cluster.apply(crd, options: ApplyOptions(fieldManager: "kubectl")) }
        var ks = KubeObject(apiVersion: Kustomization.apiVersion, kind: Kustomization.kind, name: "apps", namespace: "default")
        ks.body["spec"] = ["interval": "1m", "path": "./apps", "prune": true, "sourceRef": ["kind": "GitRepository", "name": "repo"]]
        _ = try f.cluster.apply(ks, options: ApplyOptions(fieldManager: "kubectl"))
        f.server.refusesUnconditionalCustomResourceUpdates = true

        var blind = try #require(try f.cluster.get(ks.ref))
        blind.resourceVersion = nil
        blind.status = ["observedGeneration": 1]
        let error = try #require(await clusterError { _ = try await f.client.updateStatus(blind, options: WriteOptions()) })
        #expect(error.reason == .invalid && error.code == 422)
        #expect(error.message.contains("kustomizations.kustomize.toolkit.fluxcd.io \"apps\" is invalid: metadata.resourceVersion: Invalid value: 0x0: must be specified for an update"))
        // Built-in kinds such as ConfigMap still allow them.
        _ = try await f.client.create(configMap("cm"), options: WriteOptions())
        _ = try await f.client.update(configMap("cm", data: ["k": "w"]), options: WriteOptions())

        let stored = try await f.client.updateStatus(of: ks.ref) { $0.status = ["observedGeneration": 1] }
        #expect(stored?.status?["observedGeneration"] == 1)
    }
}
