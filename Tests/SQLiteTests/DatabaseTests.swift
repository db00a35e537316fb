import Foundation
import SQLite
import Testing

@Suite("SQLite database")
struct DatabaseTests {
    @Test("binds and reads back every type: integer, real, text, blob and null")
    func typedRoundTrip() throws {
        let db = try Database.inMemory()
        try db.execute("CREATE TABLE t(i INTEGER, r REAL, s TEXT, b BLOB, n TEXT)")
        let blob = Data([0, 1, 2, 255])
        try db.run("INSERT INTO t VALUES (?, ?, ?, ?, ?)", 42, 2.5, "héllo", blob, nil as String?)
        let rows = try db.query("SELECT i, r, s, b, n FROM t")
        #expect(rows.count == 1)
        let row = try #require(rows.first)
        #expect(row.int(0) == 42)
        #expect(row.double(1) == 2.5)
        #expect(row.string(2) == "héllo")
        #expect(row.data(3) == blob)
        #expect(row["n"].isNull)
        #expect(row["s"] == .text("héllo"))
    }

    @Test("an empty blob stays an empty blob, not NULL")
    func emptyBlob() throws {
        let db = try Database.inMemory()
        try db.execute("CREATE TABLE t(b BLOB)")
        try db.run("INSERT INTO t VALUES (?)", Data())
        #expect(try db.scalar("SELECT b IS NULL FROM t")?.intValue == 0)
        #expect(try db.query("SELECT b FROM t").first?.data(0) == Data())
    }

    @Test("errors carry SQLite's message and the SQL that failed")
    func errorsCarryMessageAndSQL() throws {
        let db = try Database.inMemory()
        let error = #expect(throws: SQLiteError.self) { try db.query("SELECT * FROM missing") }
        #expect(error?.message.contains("no such table: missing") == true)
        #expect(error?.sql == "SELECT * FROM missing")
    }

    @Test("a constraint violation is reported as one")
    func constraint() throws {
        let db = try Database.inMemory()
        try db.execute("CREATE TABLE t(k TEXT PRIMARY KEY)")
        try db.run("INSERT INTO t VALUES (?)", "a")
        let error = #expect(throws: SQLiteError.self) { try db.run("INSERT INTO t VALUES (?)", "a") }
        #expect(error?.isConstraint == true)
        #expect(error?.message.contains("UNIQUE") == true)
    }

    @Test("a transaction commits when its body returns")
    func transactionCommits() throws {
        let db = try Database.inMemory()
        try db.execute("CREATE TABLE t(v INTEGER)")
        try db.transaction {
            try db.run("INSERT INTO t VALUES (?)", 1)
            try db.run("INSERT INTO t VALUES (?)", 2)
        }
        #expect(try db.scalar("SELECT count(*) FROM t")?.intValue == 2)
        #expect(!db.inTransaction)
    }

    @Test("a transaction rolls back when its body throws")
    func transactionRollsBack() throws {
        struct Boom: Error {}
        let db = try Database.inMemory()
        try db.execute("CREATE TABLE t(v INTEGER)")
        #expect(throws: Boom.self) {
            try db.transaction {
                try db.run("INSERT INTO t VALUES (?)", 1)
                throw Boom()
            }
        }
        #expect(try db.scalar("SELECT count(*) FROM t")?.intValue == 0)
        #expect(!db.inTransaction)
    }

    @Test("a nested transaction that fails undoes only its own work")
    func nestedTransaction() throws {
        struct Boom: Error {}
        let db = try Database.inMemory()
        try db.execute("CREATE TABLE t(v INTEGER)")
        try db.transaction {
            try db.run("INSERT INTO t VALUES (?)", 1)
            try? db.transaction {
                try db.run("INSERT INTO t VALUES (?)", 2)
                throw Boom()
            }
        }
        #expect(try db.query("SELECT v FROM t").map { $0.int(0) } == [1])
    }

    @Test("prepared statements are cached and reusable with new bindings")
    func statementCache() throws {
        let db = try Database.inMemory()
        try db.execute("CREATE TABLE t(k TEXT, v INTEGER)")
        for i in 0..<100 { try db.run("INSERT INTO t VALUES (?, ?)", "k\(i)", i) }
        let first = try db.prepare("SELECT v FROM t WHERE k = ?")
        let second = try db.prepare("SELECT v FROM t WHERE k = ?")
        #expect(first === second)
        try second.bind(["k7"])
        #expect(try second.step())
        #expect(second.int(0) == 7)
        #expect(try db.scalar("SELECT v FROM t WHERE k = ?", "k9")?.intValue == 9)
    }

    @Test("a file database uses WAL so another connection reads while one writes")
    func walConcurrentReader() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sqlite-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("db.sqlite").path
        let writer = try Database(path: path)
        #expect(try writer.scalar("PRAGMA journal_mode")?.stringValue == "wal")
        #expect(try writer.scalar("PRAGMA synchronous")?.intValue == 1)  // NORMAL
        try writer.execute("CREATE TABLE t(v INTEGER)")
        try writer.run("INSERT INTO t VALUES (?)", 1)

        let reader = try Database(path: path)
        let before = try reader.dataVersion()
        try writer.transaction {
            try writer.run("INSERT INTO t VALUES (?)", 2)
            // The writer holds the write lock; the reader still sees the last commit.
            #expect(try reader.scalar("SELECT count(*) FROM t")?.intValue == 1)
        }
        #expect(try reader.scalar("SELECT count(*) FROM t")?.intValue == 2)
        #expect(try reader.dataVersion() != before)
    }

    @Test("a second writer waits for the busy timeout and then reports SQLITE_BUSY")
    func busyTimeout() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sqlite-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("db.sqlite").path
        let first = try Database(path: path)
        try first.execute("CREATE TABLE t(v INTEGER)")
        let second = try Database(path: path, busyTimeout: .milliseconds(50))
        try first.transaction {
            try first.run("INSERT INTO t VALUES (?)", 1)
            let error = #expect(throws: SQLiteError.self) { try second.execute("BEGIN IMMEDIATE") }
            #expect(error?.isBusy == true)
        }
    }
}
