import Cluster
import EmbeddedCluster
import Foundation
import GitOpsAPI
import Runtime
import Testing

/// Leader election over a Lease in the embedded cluster, with short durations.
@Suite("LeaderElection")
struct LeaderElectionTests {
    static func settings(_ identity: String, lease: Duration = .milliseconds(1500)) -> LeaderElection.Settings {
        var s = LeaderElection.Settings(namespace: "gitops-system", name: "gitops-leader", identity: identity)
        s.leaseDuration = .seconds(1)
        s.renewDeadline = .milliseconds(800)
        s.retryPeriod = .milliseconds(100)
        return s
    }

    static func lease(_ cluster: EmbeddedCluster) async throws -> JSONValue? {
        try await cluster.get(ObjectRef(apiVersion: "coordination.k8s.io/v1", kind: "Lease", namespace: "gitops-system", name: "gitops-leader"))?.body["spec"]
    }

    static func cluster() throws -> EmbeddedCluster {
        let c = try EmbeddedCluster.inMemory()
        return c
    }

    @Test("only one candidate leads; the standby takes over at once when the leader releases")
    func standbyTakesOverOnRelease() async throws {
        let cluster = try Self.cluster()
        _ = try await cluster.apply(KubeObject(apiVersion: "v1", kind: "Namespace", name: "gitops-system"), options: ApplyOptions())
        let a = LeaderElection(cluster: cluster, settings: Self.settings("agent-a"))
        let b = LeaderElection(cluster: cluster, settings: Self.settings("agent-b"))
        let leading = Leading()
        let taskA = Task { await a.lead { await leading.run("a") } }
        try await waitFor { await leading.current == ["a"] }
        let taskB = Task { await b.lead { await leading.run("b") } }
        // Three lease durations: A renews, so B never leads.
        try await Task.sleep(for: .seconds(3))
        #expect(await leading.current == ["a"])
        #expect(try await Self.lease(cluster)?["holderIdentity"]?.stringValue == "agent-a")

        taskA.cancel()
        #expect(await taskA.value == .finished)
        let released = ContinuousClock.now
        try await waitFor { await leading.current == ["b"] }
        // Released, not expired: B needs about one retry period, far less than the lease duration.
        #expect(ContinuousClock.now - released < .milliseconds(900))
        #expect(try await Self.lease(cluster)?["leaseTransitions"]?.intValue == 0)
        taskB.cancel()
        _ = await taskB.value
        #expect(await leading.history == ["a", "b"])
    }

    @Test("a holder that stopped renewing is replaced only after the lease duration")
    func expiredHolderReplaced() async throws {
        let cluster = try Self.cluster()
        _ = try await cluster.apply(KubeObject(apiVersion: "v1", kind: "Namespace", name: "gitops-system"), options: ApplyOptions())
        var lease = KubeObject(apiVersion: "coordination.k8s.io/v1", kind: "Lease", name: "gitops-leader", namespace: "gitops-system")
        lease.body["spec"] = ["holderIdentity": "crashed-agent", "leaseDurationSeconds": 1,
                              "renewTime": "2026-01-01T00:00:00.000000Z", "acquireTime": "2026-01-01T00:00:00.000000Z", "leaseTransitions": 3]
        _ = try await cluster.create(lease, options: WriteOptions())
        let b = LeaderElection(cluster: cluster, settings: Self.settings("agent-b"))
        let leading = Leading()
        let start = ContinuousClock.now
        let task = Task { await b.lead { await leading.run("b") } }
        try await waitFor { await leading.current == ["b"] }
        // Its clock starts when it first sees the record, whatever renewTime says.
        #expect(ContinuousClock.now - start >= .seconds(1))
        let spec = try #require(try await Self.lease(cluster))
        #expect(spec["holderIdentity"]?.stringValue == "agent-b")
        #expect(spec["leaseTransitions"]?.intValue == 4)
        #expect(spec["renewTime"]?.stringValue?.count == "2026-01-01T00:00:00.000000Z".count)
        task.cancel()
        _ = await task.value
    }

    @Test("a leader whose Lease is taken stops its work and says who holds it")
    func lostLeadership() async throws {
        let cluster = try Self.cluster()
        _ = try await cluster.apply(KubeObject(apiVersion: "v1", kind: "Namespace", name: "gitops-system"), options: ApplyOptions())
        let a = LeaderElection(cluster: cluster, settings: Self.settings("agent-a"))
        let leading = Leading()
        let task = Task { await a.lead { await leading.run("a") } }
        try await waitFor { await leading.current == ["a"] }
        var lease = try #require(try await cluster.get(ObjectRef(apiVersion: "coordination.k8s.io/v1", kind: "Lease", namespace: "gitops-system", name: "gitops-leader")))
        lease.body.set(["spec", "holderIdentity"], "intruder")
        lease.body.set(["spec", "renewTime"], .string("2030-01-01T00:00:00.000000Z"))
        _ = try await cluster.update(lease, options: WriteOptions())
        let ending = await task.value
        guard case .lost(let message) = ending else { Issue.record("expected lost, got \(ending)"); return }
        #expect(message.contains("intruder"))
        #expect(await leading.current.isEmpty)
    }
}

/// Who is running their work now, and who ever did.
actor Leading {
    var current: [String] = []
    var history: [String] = []

    func run(_ name: String) async {
        current.append(name)
        history.append(name)
        while !Task.isCancelled { try? await Task.sleep(for: .milliseconds(20)) }
        current.removeAll { $0 == name }
    }
}

func waitFor(timeout: Duration = .seconds(10), _ condition: @Sendable () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(20))
    }
    Issue.record("condition not met within \(timeout)")
}
