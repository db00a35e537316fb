import Cluster
import EmbeddedCluster
import Foundation
import GitOpsAPI
import HelmStorage
import Testing

@Suite("ReleaseStore: lookups, pruning, uninstall and errors")
struct ReleaseStoreTests {
    func store(maxHistory: Int = 0) async throws -> (EmbeddedCluster, ReleaseStore) {
        let cluster = try EmbeddedCluster.inMemory()
        _ = try await cluster.create(KubeObject(apiVersion: "v1", kind: "Namespace", name: "apps"), options: WriteOptions())
        return (cluster, ReleaseStore(cluster: cluster, namespace: "apps", maxHistory: maxHistory))
    }

    func release(_ version: Int, _ status: StoredRelease.Status, name: String = "web") -> StoredRelease {
        StoredRelease(name: name, info: .init(status: status, notes: "v\(version)"), manifest: "kind: ConfigMap\n", version: version, namespace: "apps")
    }

    @Test("history is sorted by revision, last and deployed pick the newest, other releases stay apart")
    func lookups() async throws {
        let (_, store) = try await store()
        for (version, status) in [(10, StoredRelease.Status.deployed), (2, .superseded), (9, .failed)] {
            try await store.create(release(version, status))
        }
        try await store.create(release(1, .deployed, name: "other"))
        #expect(try await store.history(name: "web").map(\.version) == [2, 9, 10])
        #expect(try await store.last(name: "web")?.version == 10)
        #expect(try await store.deployed(name: "web").version == 10)
        #expect(try await store.lastDeployed(name: "web")?.version == 10)
        #expect(try await store.lastDeployed(name: "missing") == nil)
        #expect(try await store.history(name: "missing").isEmpty)
        #expect(try await store.last(name: "missing") == nil)
        #expect(try await store.all().map { "\($0.name).v\($0.version)" } == ["other.v1", "web.v2", "web.v9", "web.v10"])
        let got = try await store.get(name: "web", version: 9)
        #expect(got.info.notes == "v9" && got.labels.isEmpty)
    }

    @Test("maxHistory prunes the oldest revisions before create but keeps the last deployed")
    func pruningKeepsDeployed() async throws {
        let (_, initial) = try await store()
        try await initial.create(release(1, .deployed))
        for version in 2...4 { try await initial.create(release(version, .failed)) }
        var store = initial
        store.maxHistory = 2
        try await store.create(release(5, .pendingUpgrade))
        // Revision 1 is the deployed one: kept; 2, 3, 4 go so that one other remains plus the new one.
        #expect(try await store.history(name: "web").map(\.version) == [1, 5])
    }

    @Test("maxHistory without any deployed revision prunes the oldest")
    func pruningWithoutDeployed() async throws {
        let (_, store) = try await store(maxHistory: 3)
        for version in 1...6 { try await store.create(release(version, .failed)) }
        #expect(try await store.history(name: "web").map(\.version) == [4, 5, 6])
    }

    @Test("uninstall without keep-history deletes every record; a second uninstall is refused with keep-history")
    func uninstall() async throws {
        let (cluster, store) = try await store()
        try await store.create(release(1, .superseded))
        try await store.create(release(2, .deployed))
        let begun = try await store.beginUninstall(name: "web")
        #expect(try await store.get(name: "web", version: 2).info.status == .uninstalling)
        let done = try await store.finishUninstall(begun, keepHistory: false)
        #expect(done.info.status == .uninstalled && done.info.description == "Uninstallation complete")
        #expect(try await cluster.list(ListQuery(apiVersion: "v1", kind: "Secret", namespace: "apps")).isEmpty)

        try await store.create(release(1, .deployed, name: "kept"))
        try await store.finishUninstall(try await store.beginUninstall(name: "kept"), keepHistory: true)
        let again = await #expect(throws: HelmStorageError.self) { try await store.beginUninstall(name: "kept") }
        #expect(again?.message == "the release named \"kept\" is already deleted")
    }

    @Test("errors say which release and revision, and what to do")
    func errors() async throws {
        let (_, store) = try await store()
        try await store.create(release(1, .deployed))
        let exists = await #expect(throws: HelmStorageError.self) { try await store.create(release(1, .deployed)) }
        #expect(exists?.reason == .alreadyExists)
        let missing = await #expect(throws: HelmStorageError.self) { try await store.get(name: "web", version: 7) }
        #expect(missing?.message == "release \"web\" revision 7 not found in namespace apps (no Secret sh.helm.release.v1.web.v7)")
        let update = await #expect(throws: HelmStorageError.self) { try await store.update(release(8, .failed)) }
        #expect(update?.reason == .notFound)
        let invalid = await #expect(throws: HelmStorageError.self) { try await store.create(release(1, .deployed, name: "Web_1")) }
        #expect(invalid?.reason == .invalid)
        let long = await #expect(throws: HelmStorageError.self) { try await store.history(name: String(repeating: "a", count: 54)) }
        #expect(long?.reason == .invalid)
        let none = await #expect(throws: HelmStorageError.self) { try await store.deployed(name: "absent") }
        #expect(none?.reason == .noDeployedReleases)
    }

    @Test("custom labels survive a write; get hides the system labels, history shows them")
    func customLabels() async throws {
        let (cluster, store) = try await store()
        var labelled = release(1, .deployed)
        labelled.labels = ["team": "payments"]
        try await store.create(labelled)
        let secret = try #require(try await cluster.get(ObjectRef(apiVersion: "v1", kind: "Secret", namespace: "apps", name: "sh.helm.release.v1.web.v1")))
        #expect(Set(secret.labels.keys) == ["team", "name", "owner", "status", "version", "createdAt"])
        #expect(try await store.get(name: "web", version: 1).labels == ["team": "payments"])
        #expect(try await store.history(name: "web").first?.labels["owner"] == "helm")
    }
}
