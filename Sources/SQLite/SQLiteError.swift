/// A failed SQLite call: the result code, SQLite's own message and the SQL it was running.
///
/// SQLite keeps its last error message per connection, so the message is read right after the
/// failing call, before anything else can touch the connection.
public struct SQLiteError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The primary or extended result code (`SQLITE_BUSY` is 5, `SQLITE_CONSTRAINT` 19, …).
    public var code: Int32
    public var message: String
    /// The statement that failed, when there was one.
    public var sql: String?

    public init(code: Int32, message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    /// Whether another connection held the lock for longer than the busy timeout.
    public var isBusy: Bool { code & 0xff == 5 || code & 0xff == 6 }
    /// Whether a UNIQUE, NOT NULL, CHECK or foreign-key constraint failed.
    public var isConstraint: Bool { code & 0xff == 19 }

    public var description: String {
        if let sql { return "SQLite error \(code): \(message) (in \"\(sql)\")" }
        return "SQLite error \(code): \(message)"
    }
}
