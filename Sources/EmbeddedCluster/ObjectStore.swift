import Cluster
import Foundation
import GitOpsAPI
import SQLite

/// The embedded cluster's storage: one SQLite table of objects plus an in-memory copy of every
/// object, parsed.
///
/// Why a copy: a no-change apply must cost microseconds, and parsing each stored JSON body again
/// would dominate it. The copy is kept honest across processes with `PRAGMA data_version`, which
/// changes when another connection (say, a `gitops` CLI process) commits: before every read and
/// inside every write transaction the store checks it and reloads when it moved.
///
/// Not thread-safe: `EmbeddedCluster` keeps it inside a `Mutex`.
final class ObjectStore {
    let db: Database
    /// Objects by kind, then by namespace and name.
    private(set) var objects: [GroupKind: [NamespacedName: KubeObject]] = [:]
    /// Owner uid → objects whose `metadata.ownerReferences` name it (for cascading deletes).
    private(set) var dependents: [String: Set<ObjectID>] = [:]
    /// Kinds declared by stored CustomResourceDefinitions.
    private(set) var customKinds: [GroupKind: KindInfo] = [:]
    /// The last resourceVersion handed out; stored, so it only ever grows.
    private(set) var resourceVersion = 0
    private var dataVersion = -1

    static let schema = """
        CREATE TABLE IF NOT EXISTS objects (
            api_group TEXT NOT NULL,
            kind TEXT NOT NULL,
            namespace TEXT NOT NULL,
            name TEXT NOT NULL,
            uid TEXT NOT NULL,
            resource_version INTEGER NOT NULL,
            body TEXT NOT NULL,
            PRIMARY KEY (api_group, kind, namespace, name)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
        INSERT OR IGNORE INTO counters VALUES ('resourceVersion', 0);
        """

    init(db: Database) throws {
        self.db = db
        try db.transaction { try db.execute(Self.schema) }
        try reload()
    }

    // MARK: Reading

    func object(_ id: ObjectID) -> KubeObject? {
        objects[GroupKind(group: id.group, kind: id.kind)]?[NamespacedName(id.namespace, id.name)]
    }

    func objects(of kind: GroupKind) -> [NamespacedName: KubeObject] { objects[kind] ?? [:] }

    func namespaceExists(_ name: String) -> Bool {
        objects[GroupKind(group: "", kind: "Namespace")]?[NamespacedName("", name)] != nil
    }

    /// Reloads the copy when another connection committed since we last looked.
    func refreshIfChanged() throws {
        if try db.dataVersion() != dataVersion { try reload() }
    }

    /// The stored counter, read from the file so a poller in another process sees other writers.
    func storedResourceVersion() throws -> Int {
        try db.scalar("SELECT value FROM counters WHERE name = 'resourceVersion'")?.intValue ?? 0
    }

    private func reload() throws {
        dataVersion = try db.dataVersion()
        objects = [:]
        dependents = [:]
        customKinds = [:]
        resourceVersion = try storedResourceVersion()
        try db.forEachRow("SELECT body FROM objects") { row in
            guard let text = row.string(0) else { return }
            index(KubeObject(try JSONValue.parse(json: text)))
        }
    }

    // MARK: Writing

    /// Runs `body` in one SQLite transaction holding the write lock. When it fails, the copy is
    /// reloaded from the file, so a half-done cascade never lingers in memory.
    func write<T>(_ body: () throws -> T) throws -> T {
        do {
            return try db.transaction {
                // Under the write lock: whatever another process committed is visible now.
                try refreshIfChanged()
                let result = try body()
                try db.run("UPDATE counters SET value = ? WHERE name = 'resourceVersion'", resourceVersion)
                return result
            }
        } catch {
            try? reload()
            throw error
        }
    }

    /// The next resourceVersion; each write takes one.
    func nextResourceVersion() -> Int {
        resourceVersion += 1
        return resourceVersion
    }

    /// Stores an object (insert or replace). Call inside `write`.
    func put(_ object: KubeObject) throws {
        let id = object.id
        if let old = self.object(id) { unindex(old) }
        try db.run(
            "INSERT OR REPLACE INTO objects (api_group, kind, namespace, name, uid, resource_version, body) VALUES (?, ?, ?, ?, ?, ?, ?)",
            id.group, id.kind, id.namespace, id.name, object.uid ?? "", Int(object.resourceVersion ?? "") ?? 0,
            object.body.jsonString())
        index(object)
    }

    /// Removes an object. Call inside `write`.
    func remove(_ id: ObjectID) throws {
        guard let old = object(id) else { return }
        try db.run("DELETE FROM objects WHERE api_group = ? AND kind = ? AND namespace = ? AND name = ?",
            id.group, id.kind, id.namespace, id.name)
        unindex(old)
    }

    private func index(_ object: KubeObject) {
        let id = object.id
        objects[GroupKind(group: id.group, kind: id.kind), default: [:]][NamespacedName(id.namespace, id.name)] = object
        for owner in object.ownerUIDs { dependents[owner, default: []].insert(id) }
        if id.group == "apiextensions.k8s.io", id.kind == "CustomResourceDefinition", let info = KindInfo.declared(by: object) {
            customKinds[GroupKind(group: info.group, kind: info.kind)] = info
        }
    }

    private func unindex(_ object: KubeObject) {
        let id = object.id
        objects[GroupKind(group: id.group, kind: id.kind)]?[NamespacedName(id.namespace, id.name)] = nil
        for owner in object.ownerUIDs {
            dependents[owner]?.remove(id)
            if dependents[owner]?.isEmpty == true { dependents[owner] = nil }
        }
        if id.group == "apiextensions.k8s.io", id.kind == "CustomResourceDefinition", let info = KindInfo.declared(by: object) {
            customKinds[GroupKind(group: info.group, kind: info.kind)] = nil
        }
    }
}

/// A namespace and name within one kind ("" namespace for cluster-scoped objects).
struct NamespacedName: Hashable, Comparable, Sendable {
    var namespace: String
    var name: String

    init(_ namespace: String, _ name: String) {
        self.namespace = namespace
        self.name = name
    }

    static func < (a: NamespacedName, b: NamespacedName) -> Bool { (a.namespace, a.name) < (b.namespace, b.name) }
}

extension KubeObject {
    /// The uids in `metadata.ownerReferences`.
    var ownerUIDs: [String] {
        (body[path: ["metadata", "ownerReferences"]]?.arrayValue ?? []).compactMap { $0["uid"]?.stringValue }
    }
}
