import Foundation
import SQLite
import Synchronization

/// The durable outbox of notifications: one row per event and Alert that selected it, kept
/// until the Provider accepted it. Routing (reading events past the cursor and adding their
/// deliveries) is one transaction, so an agent killed at any point either routed an event
/// fully or not at all; a delivery is marked sent only after the receiver answered 2xx, so
/// delivery is at least once.
///
/// States: `pending` (to try, at `next_attempt`), `sent`, `dropped` (nothing to send, on
/// purpose: a suspended Provider, a commit status without a commit) and `undeliverable` (the
/// attempts or the age ran out, or the Provider type cannot send; a warning event says so).
final class Outbox: Sendable {
    /// A pending delivery, as a lane reads it.
    struct Delivery: Sendable {
        var id: Int
        var eventID: Int
        var providerNamespace: String
        var providerName: String
        var alertNamespace: String
        var alertName: String
        var body: String
        var attempts: Int
        var created: Double

        var provider: ProviderKey { ProviderKey(namespace: providerNamespace, name: providerName) }
    }

    /// A Provider by namespace and name: the unit deliveries are queued (and paused) by.
    struct ProviderKey: Hashable, Sendable, CustomStringConvertible {
        var namespace: String
        var name: String
        var description: String { "\(namespace)/\(name)" }
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

    /// The Providers that have a pending delivery due by `now`.
    func dueProviders(now: Double = Date().timeIntervalSince1970) throws -> [ProviderKey] {
        try db.withLock { db in
            try db.query("""
                SELECT provider_namespace, provider_name, MIN(id) AS first FROM deliveries
                WHERE state = 'pending' AND next_attempt <= ? GROUP BY provider_namespace, provider_name ORDER BY first
                """, now).map { ProviderKey(namespace: $0.string(0) ?? "", name: $0.string(1) ?? "") }
        }
    }

    /// One Provider's pending deliveries due by `now`, oldest first: a lane sends them in order.
    func due(provider: ProviderKey, limit: Int = 16, now: Double = Date().timeIntervalSince1970) throws -> [Delivery] {
        try db.withLock { db in
            try db.query("""
                SELECT id, event_id, provider_namespace, provider_name, alert_namespace, alert_name, body, attempts, created FROM deliveries
                WHERE state = 'pending' AND provider_namespace = ? AND provider_name = ? AND next_attempt <= ? ORDER BY id LIMIT ?
                """, provider.namespace, provider.name, now, limit).map { row in
                Delivery(id: row.int(0) ?? 0, eventID: row.int(1) ?? 0, providerNamespace: row.string(2) ?? "", providerName: row.string(3) ?? "",
                         alertNamespace: row.string(4) ?? "", alertName: row.string(5) ?? "", body: row.string(6) ?? "",
                         attempts: row.int(7) ?? 0, created: row.double(8) ?? now)
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

    /// The receiver accepted it.
    func markSent(_ id: Int) throws {
        try db.withLock { _ = try $0.run("UPDATE deliveries SET state = 'sent', attempts = attempts + 1, finished = ?, last_error = NULL WHERE id = ?", Date().timeIntervalSince1970, id) }
    }

    /// An attempt failed; the next is due at `next` (seconds since 1970).
    func markRetry(_ id: Int, at next: Double, error: String) throws {
        try db.withLock { _ = try $0.run("UPDATE deliveries SET attempts = attempts + 1, next_attempt = ?, last_error = ? WHERE id = ?", next, error, id) }
    }

    /// Ends a delivery without sending: `dropped` on purpose, or `undeliverable`. `attempted`
    /// counts the attempt that led here.
    func markFinished(_ id: Int, state: String, error: String, attempted: Bool) throws {
        try db.withLock {
            _ = try $0.run("UPDATE deliveries SET state = ?, attempts = attempts + ?, finished = ?, last_error = ? WHERE id = ?",
                           state, attempted ? 1 : 0, Date().timeIntervalSince1970, error, id)
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

    /// The most recent deliveries, newest last.
    func records(limit: Int = 100) throws -> [DeliveryRecord] {
        try db.withLock { db in
            Array(try db.query("""
                SELECT id, event_id, alert_namespace, alert_name, provider_namespace, provider_name, state, attempts, last_error, next_attempt
                FROM deliveries ORDER BY id DESC LIMIT ?
                """, limit).map { row in
                DeliveryRecord(id: row.int(0) ?? 0, eventID: row.int(1) ?? 0, alert: "\(row.string(2) ?? "")/\(row.string(3) ?? "")",
                               provider: "\(row.string(4) ?? "")/\(row.string(5) ?? "")", state: row.string(6) ?? "",
                               attempts: row.int(7) ?? 0, lastError: row.string(8), nextAttempt: Date(timeIntervalSince1970: row.double(9) ?? 0))
            }.reversed())
        }
    }
}

/// One row of the outbox, for status output and tests. `lastError` never holds secrets.
public struct DeliveryRecord: Sendable, Hashable {
    public var id: Int
    /// The event's id in the event log.
    public var eventID: Int
    /// `namespace/name` of the Alert that selected the event.
    public var alert: String
    /// `namespace/name` of the Provider.
    public var provider: String
    /// `pending`, `sent`, `dropped` or `undeliverable`.
    public var state: String
    public var attempts: Int
    public var lastError: String?
    /// When a pending delivery is tried next.
    public var nextAttempt: Date
}
