import Foundation
import GitOpsAPI
import SQLite
import Synchronization

/// The durable log of every event the components emit. An event is on disk before `append`
/// returns, so an agent killed right after loses nothing; the Notification component reads the
/// log from its own cursor, and `gitops events` reads it too.
public final class EventLog: Sendable {
    private let db: Mutex<Database>
    private let appended: Mutex<[AsyncStream<Void>.Continuation]> = Mutex([])

    public init(path: String) throws {
        let db = try Database(path: path)
        try db.execute("""
            CREATE TABLE IF NOT EXISTS events (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              kind TEXT NOT NULL, namespace TEXT NOT NULL, name TEXT NOT NULL,
              severity TEXT NOT NULL, reason TEXT NOT NULL, timestamp TEXT NOT NULL,
              body TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS events_object ON events(kind, namespace, name);
            """)
        self.db = Mutex(db)
    }

    /// Appends an event and wakes the readers waiting for new ones.
    @discardableResult
    public func append(_ event: Event) throws -> Int {
        let id = try db.withLock { db in
            _ = try db.run("INSERT INTO events(kind, namespace, name, severity, reason, timestamp, body) VALUES (?,?,?,?,?,?,?)",
                           event.involvedObject.kind, event.involvedObject.namespace ?? "", event.involvedObject.name,
                           event.severity.rawValue, event.reason, event.timestamp, event.json.jsonString())
            return db.lastInsertRowID
        }
        for c in appended.withLock({ $0 }) { c.yield() }
        return id
    }

    /// The id of the newest event (0 when there is none).
    public func lastID() throws -> Int {
        try db.withLock { db in try db.query("SELECT COALESCE(MAX(id), 0) FROM events").first?.int(0) ?? 0 }
    }

    /// Events with an id greater than `id`, oldest first.
    public func events(after id: Int, limit: Int = 500) throws -> [(id: Int, event: Event)] {
        try db.withLock { db in
            try db.query("SELECT id, body FROM events WHERE id > ? ORDER BY id LIMIT ?", id, limit).compactMap { row in
                guard let id = row.int(0), let body = row.string(1), let json = try? JSONValue.parse(json: body),
                      let event = Event(json: json) else { return nil }
                return (id, event)
            }
        }
    }

    /// The most recent events, optionally for one object, newest last.
    public func recent(kind: String? = nil, namespace: String? = nil, name: String? = nil, limit: Int = 100) throws -> [Event] {
        try db.withLock { db in
            var sql = "SELECT body FROM events"
            var clauses: [String] = [], params: [SQLiteValue] = []
            if let kind { clauses.append("kind = ?"); params.append(.text(kind)) }
            if let namespace { clauses.append("namespace = ?"); params.append(.text(namespace)) }
            if let name { clauses.append("name = ?"); params.append(.text(name)) }
            if !clauses.isEmpty { sql += " WHERE " + clauses.joined(separator: " AND ") }
            sql += " ORDER BY id DESC LIMIT \(limit)"
            var out: [Event] = []
            try db.forEachRow(sql, parameters: params) { st in
                if let body = st.string(0), let json = try? JSONValue.parse(json: body), let e = Event(json: json) { out.append(e) }
            }
            return out.reversed()
        }
    }

    /// A stream that yields whenever an event is appended in this process.
    public func notifications() -> AsyncStream<Void> {
        let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        appended.withLock { $0.append(continuation) }
        return stream
    }
}
