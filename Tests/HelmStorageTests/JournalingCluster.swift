import Cluster
import Foundation
import GitOpsAPI
import Synchronization

/// A ClusterClient in front of another that records every write to a Secret the way the
/// fixtures' journal does: method, name, labels, and the release status label.
final class JournalingCluster: ClusterClient {
    let inner: any ClusterClient
    let entries = Mutex<[HelmFixtures.JournalEntry]>([])

    init(_ inner: any ClusterClient) { self.inner = inner }

    var journal: [HelmFixtures.JournalEntry] { entries.withLock { $0 } }

    private func record(_ method: String, _ object: KubeObject) {
        guard object.kind == "Secret" else { return }
        let entry = HelmFixtures.JournalEntry(method: method, name: object.name, labels: object.labels, status: object.labels["status"] ?? "")
        entries.withLock { $0.append(entry) }
    }

    func get(_ ref: ObjectRef) async throws -> KubeObject? { try await inner.get(ref) }
    func list(_ query: ListQuery) async throws -> [KubeObject] { try await inner.list(query) }
    func apply(_ object: KubeObject, options: ApplyOptions) async throws -> ApplyResult { try await inner.apply(object, options: options) }
    func updateStatus(_ object: KubeObject, options: WriteOptions) async throws -> KubeObject { try await inner.updateStatus(object, options: options) }
    func resource(apiVersion: String, kind: String) async throws -> ResourceInfo { try await inner.resource(apiVersion: apiVersion, kind: kind) }
    func servedResources() async throws -> ServedResources { try await inner.servedResources() }
    func serverVersion() async throws -> ServerVersion { try await inner.serverVersion() }
    func impersonating(serviceAccount name: String, namespace: String) -> any ClusterClient {
        JournalingCluster(inner.impersonating(serviceAccount: name, namespace: namespace))
    }

    func create(_ object: KubeObject, options: WriteOptions) async throws -> KubeObject {
        let created = try await inner.create(object, options: options)
        record("POST", object)
        return created
    }

    func update(_ object: KubeObject, options: WriteOptions) async throws -> KubeObject {
        let updated = try await inner.update(object, options: options)
        record("PUT", object)
        return updated
    }

    func delete(_ ref: ObjectRef, options: DeleteOptions) async throws -> Bool {
        let existing = try await inner.get(ref)
        let deleted = try await inner.delete(ref, options: options)
        if deleted, let existing { record("DELETE", existing) }
        return deleted
    }
}

/// A clock that answers from a script, one value per call (the journal's createdAt/modifiedAt).
final class ScriptedClock: Sendable {
    let values: Mutex<[Int64]>
    let reads = Mutex(0)

    init(_ values: [Int64]) { self.values = Mutex(values) }

    func now() -> Date {
        reads.withLock { $0 += 1 }
        let next = values.withLock { $0.isEmpty ? -1 : $0.removeFirst() }
        return Date(timeIntervalSince1970: TimeInterval(next))
    }

    var remaining: Int { values.withLock { $0.count } }
    var readCount: Int { reads.withLock { $0 } }
}
