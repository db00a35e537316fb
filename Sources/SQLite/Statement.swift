import CGitOpsSQLite
import Foundation

/// A prepared statement. Bind parameters (1-based, as in SQLite), `step()` through the rows and
/// read columns (0-based) while positioned on a row.
///
/// A statement belongs to its `Database` and shares its thread-safety rule: one thread at a time.
/// Statements from `Database.prepare` are cached and reused; `Database` resets them before
/// handing them out again.
public final class Statement {
    let handle: OpaquePointer
    /// The SQL text, for error messages.
    public let sql: String
    private unowned let database: Database

    init(database: Database, sql: String) throws {
        self.database = database
        self.sql = sql
        var handle: OpaquePointer?
        let rc = sqlite3_prepare_v2(database.handle, sql, -1, &handle, nil)
        guard rc == SQLITE_OK, let handle else {
            let error = database.error(code: rc, sql: sql)
            sqlite3_finalize(handle)
            throw error
        }
        self.handle = handle
    }

    deinit { sqlite3_finalize(handle) }

    /// Binds values to parameters 1…n, clearing any earlier bindings first.
    public func bind(_ values: [SQLiteValue]) throws {
        sqlite3_clear_bindings(handle)
        for (i, value) in values.enumerated() { try bind(value, at: Int32(i + 1)) }
    }

    /// Binds one value to a 1-based parameter index.
    public func bind(_ value: SQLiteValue, at index: Int32) throws {
        let rc: Int32
        switch value {
        case .null: rc = sqlite3_bind_null(handle, index)
        case .integer(let i): rc = sqlite3_bind_int64(handle, index, Int64(i))
        case .real(let d): rc = sqlite3_bind_double(handle, index, d)
        case .text(let s):
            // TRANSIENT: SQLite copies the bytes, so the Swift string may go away after the call.
            rc = sqlite3_bind_text(handle, index, s, -1, gitops_sqlite_transient())
        case .blob(let d):
            rc = d.withUnsafeBytes { raw in
                // A zero-length blob still needs a non-null pointer, or SQLite binds NULL.
                sqlite3_bind_blob(handle, index, raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(d.count),
                    gitops_sqlite_transient())
            }
        }
        guard rc == SQLITE_OK else { throw database.error(code: rc, sql: sql) }
    }

    /// Advances to the next row: true when positioned on a row, false when done.
    @discardableResult
    public func step() throws -> Bool {
        let rc = sqlite3_step(handle)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            // Read the message before reset: reset can overwrite the connection's error.
            let error = database.error(code: rc, sql: sql)
            sqlite3_reset(handle)
            throw error
        }
    }

    /// Rewinds the statement so it can run again; bindings are kept.
    public func reset() { sqlite3_reset(handle) }

    public var columnCount: Int { Int(sqlite3_column_count(handle)) }

    public func columnName(_ index: Int) -> String {
        sqlite3_column_name(handle, Int32(index)).map { String(cString: $0) } ?? ""
    }

    public func isNull(_ index: Int) -> Bool { sqlite3_column_type(handle, Int32(index)) == SQLITE_NULL }

    public func int(_ index: Int) -> Int { Int(sqlite3_column_int64(handle, Int32(index))) }

    public func double(_ index: Int) -> Double { sqlite3_column_double(handle, Int32(index)) }

    /// The column as text; nil when it is NULL.
    public func string(_ index: Int) -> String? {
        guard let text = sqlite3_column_text(handle, Int32(index)) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, Int32(index)))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    /// The column as bytes; nil when it is NULL.
    public func data(_ index: Int) -> Data? {
        if isNull(index) { return nil }
        let count = Int(sqlite3_column_bytes(handle, Int32(index)))
        guard count > 0, let bytes = sqlite3_column_blob(handle, Int32(index)) else { return Data() }
        return Data(bytes: bytes, count: count)
    }

    /// The column with its stored type.
    public func value(_ index: Int) -> SQLiteValue {
        switch sqlite3_column_type(handle, Int32(index)) {
        case SQLITE_INTEGER: return .integer(int(index))
        case SQLITE_FLOAT: return .real(double(index))
        case SQLITE_TEXT: return .text(string(index) ?? "")
        case SQLITE_BLOB: return .blob(data(index) ?? Data())
        default: return .null
        }
    }

    /// The current row, copied.
    public func row() -> Row {
        let n = columnCount
        return Row(columns: (0..<n).map(columnName), values: (0..<n).map(value))
    }
}
