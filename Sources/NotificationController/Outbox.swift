import Foundation
import SQLite
import Synchronization

/// The durable outbox of notifications: one row per event and Alert that selected it, kept
/// until the Provider accepted it. Routing (reading events past the cursor and adding their
/// deliveries) is one transaction, so an agent killed at any point either routed an event
/// fully or not at all; a delivery is marked sent only after the receiver answered 2xx, so
/// delivery is at least once.
final class Outbox: Sendable {
    struct Delivery: Sendable {
        var id: Int
        var providerNamespace: String
        var providerName: String
        var alertName: String
        var body: String
        var attempts: Int
        var created: Double
    }

    private let db: Mutex<Database>

    init(path: String) throws {
        let db = try Database(path: path)
        try db.execute("""
            CREATE TABLE IF NOT EXISTS cursor (id INTEGER PRIMARY KEY CHECK (id = 1), last_event INTEGER NOT NULL);
            INSERT OR IGNORE INTO cursor(id, last_event) VALUES (1, 0);
            CREATE TABLE IF NOT EXISTS deliveries (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              event_id INTEGER NOT NULL,
              alert_namespace TEXT NOT NULL, alert_name TEXT NOT NULL,
              provider_namespace TEXT NOT NULL, provider_name TEXT NOT NULL,
              body TEXT NOT NULL,
              state TEXT NOT NULL DEFAULT 'pending',
              attempts INTEGER NOT NULL DEFAULT 0,
              next_attempt REAL NOT NULL,
              last_error TEXT,
              created REAL NOT NULL,
              finished REAL,
              UNIQUE(event_id, alert_namespace, alert_name));
            CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries(state, next_attempt);
            """)
        self.db = Mutex(db)
    }

    var cursor: Int { (try? db.withLock { try $0.scalar("SELECT last_event FROM cursor WHERE id = 1")?.intValue }).flatMap { $0 } ?? 0 }

    /// Adds the deliveries for events up to `lastEvent` and moves the cursor, atomically.
    func route(_ deliveries: [(eventID: Int, alertNamespace: String, alertName: String, providerNamespace: String, providerName: String, body: String)],
               through lastEvent: Int) throws
    {
        let now = Date().timeIntervalSince1970
        try db.withLock { db in
            try db.transaction {
                for d in deliveries {
                    _ = try db.run("""
                        INSERT OR IGNORE INTO deliveries(event_id, alert_namespace, alert_name, provider_namespace, provider_name, body, next_attempt, created)
                        VALUES (?,?,?,?,?,?,?,?)
                        """, d.eventID, d.alertNamespace, d.alertName, d.providerNamespace, d.providerName, d.body, now, now)
                }
                _ = try db.run("UPDATE cursor SET last_event = ? WHERE id = 1", lastEvent)
            }
        }
    }

    /// Pending deliveries whose next attempt is due.
    func due(limit: Int = 32) throws -> [Delivery] {
        let now = Date().timeIntervalSince1970
        return try db.withLock { db in
            try db.query("""
                SELECT id, provider_namespace, provider_name, alert_name, body, attempts, created FROM deliveries
                WHERE state = 'pending' AND next_attempt <= ? ORDER BY id LIMIT ?
                """, now, limit).map { row in
                Delivery(id: row.int(0) ?? 0, providerNamespace: row.string(1) ?? "", providerName: row.string(2) ?? "",
                         alertName: row.string(3) ?? "", body: row.string(4) ?? "", attempts: row.int(5) ?? 0, created: row.double(6) ?? now)
            }
        }
    }

    /// Seconds until the next pending delivery is due (nil when none is pending).
    func nextDue() -> Double? {
        let now = Date().timeIntervalSince1970
        return try? db.withLock { db in
            try db.scalar("SELECT MIN(next_attempt) FROM deliveries WHERE state = 'pending'")?.doubleValue.map { max(0, $0 - now) }
        }
    }

    func markSent(_ id: Int) throws {
        try db.withLock { _ = try $0.run("UPDATE deliveries SET state = 'sent', attempts = attempts + 1, finished = ?, last_error = NULL WHERE id = ?", Date().timeIntervalSince1970, id) }
    }

    func markRetry(_ id: Int, after delay: Double, error: String) throws {
        try db.withLock {
            _ = try $0.run("UPDATE deliveries SET attempts = attempts + 1, next_attempt = ?, last_error = ? WHERE id = ?",
                           Date().timeIntervalSince1970 + delay, error, id)
        }
    }

    /// Gives up on a delivery (`failed`) or drops it on purpose (`dropped`, e.g. suspended provider).
    func markFinished(_ id: Int, state: String, error: String) throws {
        try db.withLock {
            _ = try $0.run("UPDATE deliveries SET state = ?, finished = ?, last_error = ? WHERE id = ?", state, Date().timeIntervalSince1970, error, id)
        }
    }

    /// Counts per state, for status and metrics.
    func counts() -> [String: Int] {
        (try? db.withLock { db in
            var out: [String: Int] = [:]
            for row in try db.query("SELECT state, COUNT(*) FROM deliveries GROUP BY state") { out[row.string(0) ?? ""] = row.int(1) ?? 0 }
            return out
        }) ?? [:]
    }
}
