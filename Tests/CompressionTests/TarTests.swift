import Compression
import Foundation
import Testing

@Suite("tar: archives from the system tar, long names, PAX, unsafe paths, our writer")
struct TarTests {
    /// A chart-like tree with a nested directory, a symlink and a name longer than 100 bytes.
    let longName = "demo/templates/" + String(repeating: "very-long-directory-name/", count: 5) + "configmap-with-a-long-name.yaml"

    func makeTree(in dir: URL) throws {
        try write("apiVersion: v2\nname: demo\nversion: 0.1.0\n", to: "demo/Chart.yaml", in: dir)
        try write("replicas: 1\n", to: "demo/values.yaml", in: dir)
        try write("kind: ConfigMap\n", to: longName, in: dir)
        try shell("chmod 755 demo/values.yaml && ln -s values.yaml demo/link.yaml", in: dir)
    }

    func check(_ entries: [TarEntry], format: String) throws {
        let byPath = Dictionary(entries.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        let chart = try #require(byPath["demo/Chart.yaml"], "\(format): \(entries.map(\.path))")
        #expect(chart.kind == .file)
        #expect(String(decoding: chart.contents, as: UTF8.self) == "apiVersion: v2\nname: demo\nversion: 0.1.0\n")
        #expect(byPath["demo/values.yaml"]?.mode == 0o755, "\(format)")
        #expect(byPath["demo"]?.kind == .directory, "\(format)")
        #expect(byPath["demo/templates"]?.kind == .directory, "\(format)")
        #expect(byPath["demo/link.yaml"]?.kind == .symlink, "\(format)")
        #expect(byPath["demo/link.yaml"]?.linkTarget == "values.yaml", "\(format)")
        #expect(byPath[longName]?.contents == Array("kind: ConfigMap\n".utf8), "\(format): \(entries.map(\.path))")
        #expect(chart.modificationTime > 1_600_000_000)
    }

    @Test("reads GNU, PAX and ustar archives made by the system tar, through gzip", arguments: ["gnu", "pax", "ustar"])
    func systemTar(format: String) throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try makeTree(in: dir)
        try shell("tar --format=\(format) -czf demo.tgz demo", in: dir)
        let entries = try TarArchive.read(Compression.gunzip(readBytes("demo.tgz", in: dir)))
        try check(entries, format: format)
    }

    @Test("`tar -C dir .` archives lose their ./ prefix and the root entry")
    func dotPrefix() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try makeTree(in: dir)
        try shell("tar -C demo -cf dot.tar .", in: dir)
        let entries = try TarArchive.read(readBytes("dot.tar", in: dir))
        #expect(entries.contains { $0.path == "Chart.yaml" })
        #expect(!entries.contains { $0.path.hasPrefix(".") || $0.path.isEmpty })
    }

    @Test("absolute paths and .. escapes are rejected with the entry's name")
    func unsafePaths() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try write("x", to: "inner/file", in: dir)
        try shell("tar -P -cf abs.tar \(dir.path)/inner/file", in: dir)
        let absolute = #expect(throws: CompressionError.self) { try TarArchive.read(readBytes("abs.tar", in: dir)) }
        #expect(absolute?.message.contains("absolute path") == true)
        try shell("cd inner && tar -P -cf ../up.tar ../inner/file", in: dir)
        let up = #expect(throws: CompressionError.self) { try TarArchive.read(readBytes("up.tar", in: dir)) }
        #expect(up?.message.contains("\"../inner/file\" climbs out") == true)
        // A .. that stays inside is cleaned as Go's path.Clean does.
        let inside = TarArchive.write([TarEntry(path: "a/../b.txt", contents: [1])])
        #expect(try TarArchive.read(inside).map(\.path) == ["b.txt"])
    }

    @Test("the system tar extracts what our writer writes, long names included")
    func writerReadBySystemTar() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let deep = String(repeating: "d", count: 120) + "/" + String(repeating: "f", count: 120) + ".txt"
        let entries = [
            TarEntry(path: "chart", kind: .directory),
            TarEntry(path: "chart/Chart.yaml", contents: Array("name: chart\n".utf8), mode: 0o600),
            TarEntry(path: "chart/" + longName, contents: Array("long\n".utf8)),
            TarEntry(path: "chart/" + deep, contents: Array("deeper\n".utf8)),
            TarEntry(path: "chart/link", kind: .symlink, linkTarget: "Chart.yaml"),
        ]
        let archive = Compression.gzip(TarArchive.write(entries), level: 9)
        try Data(archive).write(to: dir.appendingPathComponent("ours.tgz"))
        try shell("mkdir out && tar -xzf ours.tgz -C out", in: dir)
        #expect(try readBytes("out/chart/Chart.yaml", in: dir) == Array("name: chart\n".utf8))
        #expect(try readBytes("out/chart/" + longName, in: dir) == Array("long\n".utf8))
        #expect(try readBytes("out/chart/" + deep, in: dir) == Array("deeper\n".utf8))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir.appendingPathComponent("out/chart/link").path) == "Chart.yaml")
        let perms = try FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent("out/chart/Chart.yaml").path)[.posixPermissions] as? Int
        #expect(perms == 0o600)
        // And we read our own archive back to the same entries.
        let back = try TarArchive.read(Compression.gunzip(archive))
        #expect(back == entries)
    }

    @Test("a corrupt header checksum and a truncated archive fail with the offset")
    func corrupt() throws {
        var archive = TarArchive.write([TarEntry(path: "a.txt", contents: Array(repeating: 7, count: 700))])
        let truncated = #expect(throws: CompressionError.self) { try TarArchive.read(Array(archive.prefix(900))) }
        #expect(truncated?.message.contains("truncated") == true)
        archive[10] ^= 0x20
        let checksum = #expect(throws: CompressionError.self) { try TarArchive.read(archive) }
        #expect(checksum?.message.contains("checksum at offset 0") == true)
    }

    @Test("the total-size and entry-count limits refuse oversized archives")
    func limits() throws {
        let archive = TarArchive.write((0..<5).map { TarEntry(path: "f\($0)", contents: Array(repeating: 1, count: 1000)) })
        #expect(throws: CompressionError.self) { try TarArchive.read(archive, limits: .init(totalBytes: 4000)) }
        #expect(throws: CompressionError.self) { try TarArchive.read(archive, limits: .init(entries: 4)) }
        #expect(try TarArchive.read(archive, limits: .init(totalBytes: 5000, entries: 5)).count == 5)
    }
}
