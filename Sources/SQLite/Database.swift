import CGitOpsSQLite
import Foundation

/// A connection to one SQLite database: a file (in WAL mode, so other processes can read while
/// this one writes) or a private in-memory database.
///
/// **Thread safety.** A `Database` is not `Sendable` and must be used by one thread at a time;
/// the owner serialises access, for example by keeping it inside a `Mutex` from `Synchronization`
/// and touching it only in `withLock`. (The connection is opened with `SQLITE_OPEN_NOMUTEX`:
/// SQLite's own per-connection mutex would only hide a missing lock in the owner.) Several
/// `Database` objects, in one or several processes, may share a file: SQLite's file locks and the
/// busy timeout coordinate them.
public final class Database {
    let handle: OpaquePointer
    /// The path given at open (`":memory:"` for an in-memory database).
    public let path: String
    private var cache: [String: Statement] = [:]
    private var transactionDepth = 0

    /// How long a statement waits for another connection's lock before failing with
    /// `SQLITE_BUSY`. Five seconds lets a CLI read while the agent writes.
    public static let defaultBusyTimeout: Duration = .seconds(5)

    /// Opens (creating if needed) the database file at `path`, in WAL mode with
    /// `synchronous=NORMAL`: commits are durable against a process crash and cost no fsync;
    /// a power loss may lose the last transactions but never corrupts the file.
    public init(path: String, busyTimeout: Duration = Database.defaultBusyTimeout) throws {
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI
        let rc = sqlite3_open_v2(path, &handle, flags, nil)
        guard rc == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(handle)
            throw SQLiteError(code: rc, message: "cannot open \(path): \(message)")
        }
        self.handle = handle
        self.path = path
        sqlite3_extended_result_codes(handle, 1)
        let ms = busyTimeout.components.seconds * 1000 + busyTimeout.components.attoseconds / 1_000_000_000_000_000
        sqlite3_busy_timeout(handle, Int32(clamping: ms))
        if path != ":memory:" {
            try execute("PRAGMA journal_mode=WAL")
            try execute("PRAGMA synchronous=NORMAL")
        }
        try execute("PRAGMA foreign_keys=ON")
    }

    /// A private database that lives as long as this object (tests, dry runs).
    public static func inMemory() throws -> Database { try Database(path: ":memory:") }

    deinit {
        cache.removeAll()  // statements must be finalized before the connection closes
        sqlite3_close_v2(handle)
    }

    func error(code: Int32, sql: String?) -> SQLiteError {
        SQLiteError(code: code, message: String(cString: sqlite3_errmsg(handle)), sql: sql)
    }

    /// Runs one or more statements separated by `;`, without parameters (schema, pragmas).
    public func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &message)
        guard rc == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(message)
            throw SQLiteError(code: rc, message: text, sql: sql)
        }
    }

    /// A prepared statement for `sql`, from the cache when it was prepared before. The statement
    /// is reset and its bindings cleared.
    public func prepare(_ sql: String) throws -> Statement {
        if let cached = cache[sql] {
            cached.reset()
            return cached
        }
        let statement = try Statement(database: self, sql: sql)
        cache[sql] = statement
        return statement
    }

    /// Runs one statement with parameters (INSERT, UPDATE, DELETE); returns the number of rows
    /// it changed.
    @discardableResult
    public func run(_ sql: String, _ parameters: SQLiteBindable?...) throws -> Int {
        try run(sql, parameters: parameters.map { $0?.sqliteValue ?? .null })
    }

    @discardableResult
    public func run(_ sql: String, parameters: [SQLiteValue]) throws -> Int {
        let statement = try prepare(sql)
        defer { statement.reset() }
        try statement.bind(parameters)
        while try statement.step() {}
        return changes
    }

    /// Runs a query and calls `body` with the statement positioned on each row, without copying
    /// the row (the fast path for large scans).
    public func forEachRow(_ sql: String, parameters: [SQLiteValue] = [], _ body: (Statement) throws -> Void) throws {
        let statement = try prepare(sql)
        defer { statement.reset() }
        try statement.bind(parameters)
        while try statement.step() { try body(statement) }
    }

    /// Runs a query and returns its rows.
    public func query(_ sql: String, _ parameters: SQLiteBindable?...) throws -> [Row] {
        var rows: [Row] = []
        try forEachRow(sql, parameters: parameters.map { $0?.sqliteValue ?? .null }) { rows.append($0.row()) }
        return rows
    }

    /// The first column of the first row, or nil when there is no row.
    public func scalar(_ sql: String, _ parameters: SQLiteBindable?...) throws -> SQLiteValue? {
        var result: SQLiteValue?
        try forEachRow(sql, parameters: parameters.map { $0?.sqliteValue ?? .null }) { statement in
            if result == nil { result = statement.value(0) }
        }
        return result
    }

    /// Runs `body` in a transaction: `BEGIN IMMEDIATE` (take the write lock now, so two writers
    /// never deadlock upgrading read locks), `COMMIT` when `body` returns, `ROLLBACK` when it
    /// throws. Nested calls run inside the outer transaction, using savepoints so an inner
    /// failure undoes only the inner work.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        let depth = transactionDepth
        try execute(depth == 0 ? "BEGIN IMMEDIATE" : "SAVEPOINT sp\(depth)")
        transactionDepth += 1
        let result: T
        do {
            result = try body()
        } catch {
            transactionDepth -= 1
            if depth == 0 {
                try? execute("ROLLBACK")
            } else {
                try? execute("ROLLBACK TO sp\(depth); RELEASE sp\(depth)")
            }
            throw error
        }
        transactionDepth -= 1
        do {
            try execute(depth == 0 ? "COMMIT" : "RELEASE sp\(depth)")
        } catch {
            if depth == 0 { try? execute("ROLLBACK") }
            throw error
        }
        return result
    }

    /// Whether a transaction is open on this connection.
    public var inTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    public var changes: Int { Int(sqlite3_changes(handle)) }

    /// The rowid of the last successful INSERT on this connection.
    public var lastInsertRowID: Int { Int(sqlite3_last_insert_rowid(handle)) }

    /// Changes each time another connection commits to the database file (`PRAGMA
    /// data_version`); this connection's own commits leave it alone. A cache over the database
    /// compares it to know when to reload.
    public func dataVersion() throws -> Int {
        try scalar("PRAGMA data_version")?.intValue ?? 0
    }
}
