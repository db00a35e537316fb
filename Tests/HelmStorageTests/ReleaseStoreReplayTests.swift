import Cluster
import EmbeddedCluster
import Foundation
import GitOpsAPI
import HelmStorage
import Testing

/// Replays helm 3.19's session (install, upgrade, failed upgrade, rollback, upgrade with
/// --history-max 3, uninstall --keep-history) through `ReleaseStore` on the embedded cluster,
/// making the storage calls Helm's actions make, and checks every write against helm's journal
/// and every step's Secrets against the records helm left.
@Suite("ReleaseStore replays helm's release history on the embedded cluster")
struct ReleaseStoreReplayTests {
    /// The release content helm wrote for a revision (status and labels get set by the replay).
    func content(_ step: String, _ version: Int) throws -> StoredRelease {
        let secret = try #require(try HelmFixtures.secrets(step: step)["sh.helm.release.v1.rel.v\(version)"])
        var release = try StoredRelease(secret: secret, customLabelsOnly: true)
        release.labels = [:]
        return release
    }

    /// The clock the journal implies: each create reads it once for createdAt, each update for modifiedAt.
    func clock(_ journal: [HelmFixtures.JournalEntry]) -> ScriptedClock {
        ScriptedClock(journal.compactMap { entry in
            switch entry.method {
            case "POST": return entry.labels["createdAt"].flatMap { Int64($0) }
            case "PUT": return entry.labels["modifiedAt"].flatMap { Int64($0) }
            default: return nil
            }
        })
    }

    func checkStep(_ step: String, _ cluster: EmbeddedCluster, _ store: ReleaseStore) async throws {
        let expected = try HelmFixtures.secrets(step: step)
        let ours = try await cluster.list(ListQuery(apiVersion: "v1", kind: "Secret", namespace: "corpus", labelSelector: "owner=helm"))
        #expect(Set(ours.map(\.name)) == Set(expected.keys), "\(step)")
        for secret in ours {
            let theirs = try #require(expected[secret.name], "\(step): \(secret.name)")
            #expect(secret.labels == theirs.labels, "\(step): \(secret.name)")
            #expect(secret.body["type"] == "helm.sh/release.v1")
            var mine = try StoredRelease(secret: secret, customLabelsOnly: false)
            let helm = try StoredRelease(secret: theirs, customLabelsOnly: false)
            // `deleted` is the uninstall's wall clock; everything else must be helm's to the byte.
            mine.info.deleted = helm.info.deleted
            #expect(mine.jsonBytes() == helm.jsonBytes(), "\(step): \(secret.name)")
        }
    }

    @Test("each step's writes, Secrets, labels and statuses match helm's")
    func replay() async throws {
        let journal = try HelmFixtures.journal()
        let clock = clock(journal)
        let cluster = try EmbeddedCluster.inMemory()
        _ = try await cluster.create(KubeObject(apiVersion: "v1", kind: "Namespace", name: "corpus"), options: WriteOptions())
        let journaling = JournalingCluster(cluster)
        var store = ReleaseStore(cluster: journaling, namespace: "corpus", now: { clock.now() })

        // 01 install: create pending-install, then deployed.
        var v1 = try content("01-install", 1)
        v1.setStatus(.pendingInstall, "Initial install underway")
        try await store.create(v1)
        v1.setStatus(.deployed, "Install complete")
        try await store.update(v1)
        try await checkStep("01-install", cluster, store)

        // 02 upgrade: the new revision carries the last one's labels (all of them: it came from a query).
        try await upgrade(store, step: "02-upgrade", version: 2, succeeds: true)
        try await checkStep("02-upgrade", cluster, store)

        // 03 failed upgrade: the original is recorded unchanged, the new revision fails.
        try await upgrade(store, step: "03-upgrade-failed", version: 3, succeeds: false)
        try await checkStep("03-upgrade-failed", cluster, store)

        // 04 rollback to 2: labels from `get` (custom only), deployed ones superseded.
        let current = try #require(try await store.last(name: "rel"))
        #expect(current.version == 3)
        let previous = try await store.get(name: "rel", version: 2)
        #expect(previous.labels.isEmpty)
        var v4 = try content("04-rollback", 4)
        v4.labels = previous.labels
        v4.setStatus(.pendingRollback, "Rollback to 2")
        try await store.create(v4)
        for var deployed in try await store.deployedAll(name: "rel") {
            deployed.info.status = .superseded
            try await store.update(deployed)
        }
        v4.setStatus(.deployed, "Rollback to 2")
        try await store.update(v4)
        try await checkStep("04-rollback", cluster, store)

        // 05 upgrade with --history-max 3: revisions 1 and 2 are pruned before 5 is created.
        store.maxHistory = 3
        try await upgrade(store, step: "05-upgrade-history-max", version: 5, succeeds: true)
        try await checkStep("05-upgrade-history-max", cluster, store)

        // 06 uninstall --keep-history.
        let uninstalling = try await store.beginUninstall(name: "rel")
        #expect(uninstalling.info.status == .uninstalling && uninstalling.info.deleted != nil)
        try await store.finishUninstall(uninstalling, keepHistory: true)
        try await checkStep("06-uninstall-keep-history", cluster, store)

        let ours = journaling.journal
        #expect(ours.count == journal.count)
        for (index, (mine, theirs)) in zip(ours, journal).enumerated() {
            #expect(mine == theirs, "journal line \(index + 1)")
        }
        // One clock reading per write, as helm's driver reads time.Now once per Create/Update.
        #expect(clock.remaining == 0)
        #expect(clock.readCount == journal.filter { $0.method != "DELETE" }.count)
        #expect(try await store.history(name: "rel").map(\.version) == [3, 4, 5])
        #expect(try await store.history(name: "rel").map(\.info.status) == [.failed, .superseded, .uninstalled])
    }

    /// `action.Upgrade`'s storage calls: Last, Create(pending-upgrade), then on success the old
    /// revision superseded and the new one deployed; on failure the old one recorded as it was and
    /// the new one failed.
    func upgrade(_ store: ReleaseStore, step: String, version: Int, succeeds: Bool) async throws {
        var current = try #require(try await store.last(name: "rel"))
        #expect(current.info.status == .deployed)
        let final = try content(step, version)
        var next = final
        next.labels = current.labels
        next.setStatus(.pendingUpgrade, "Preparing upgrade")
        try await store.create(next)
        if succeeds {
            current.info.status = .superseded
            try await store.update(current)
            next.setStatus(.deployed, "Upgrade complete")
        } else {
            try await store.update(current)
            next.setStatus(.failed, final.info.description)
        }
        try await store.update(next)
    }
}
