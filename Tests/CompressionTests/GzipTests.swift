import Compression
import Foundation
import Testing

@Suite("gzip: Go's writer shape, multi-member reads, limits")
struct GzipTests {
    let text = Array(String(repeating: "apiVersion: v2\nname: demo\nversion: 0.1.0\n", count: 200).utf8)

    @Test("gzip writes Go's header: mtime 0, XFL 2 at best compression, OS 255")
    func goHeader() {
        let best = Compression.gzip(text, level: Compression.bestCompression)
        #expect(Array(best.prefix(10)) == [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 255])
        let fast = Compression.gzip(text, level: Compression.bestSpeed)
        #expect(fast[8] == 4)
        #expect(Compression.gzip(text)[8] == 0)
        #expect(best.count < text.count / 10)
        // The trailer: ISIZE little endian.
        let size = best.suffix(4).enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        #expect(size == text.count)
    }

    @Test("round trip, including empty input and level 0")
    func roundTrip() throws {
        #expect(try Compression.gunzip(Compression.gzip(text)) == text)
        #expect(try Compression.gunzip(Compression.gzip([])) == [])
        #expect(try Compression.gunzip(Compression.gzip(text, level: 0)) == text)
        let random = (0..<100_000).map { UInt8(truncatingIfNeeded: ($0 &* 2654435761) >> 13) }
        #expect(try Compression.gunzip(Compression.gzip(random, level: 9)) == random)
    }

    @Test("the system gzip reads what we write and we read what it writes")
    func systemGzip() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let ours = Compression.gzip(text, level: 9)
        #expect(try shell("gzip -dc", in: dir, stdin: ours) == text)
        try Data(text).write(to: dir.appendingPathComponent("plain.txt"))
        try shell("gzip -9 -k plain.txt", in: dir)
        let theirs = try readBytes("plain.txt.gz", in: dir)
        #expect(theirs[3] & 0x08 != 0, "gzip stores the file name")
        #expect(try Compression.gunzip(theirs) == text)
    }

    @Test("multi-member streams decode as the concatenation, as Go's reader does")
    func multiMember() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try write("first\n", to: "a", in: dir)
        try write("second\n", to: "b", in: dir)
        try shell("gzip -c a > ab.gz && gzip -c b >> ab.gz", in: dir)
        #expect(try Compression.gunzip(readBytes("ab.gz", in: dir)) == Array("first\nsecond\n".utf8))
        let joined = Compression.gzip(Array("x".utf8)) + Compression.gzip(Array("y".utf8))
        #expect(try Compression.gunzip(joined) == Array("xy".utf8))
    }

    @Test("a stream expanding beyond the limit fails with an error naming the limit")
    func bomb() throws {
        let zeros = [UInt8](repeating: 0, count: 10 << 20)
        let bomb = Compression.gzip(zeros, level: 9)
        #expect(bomb.count < 20_000)
        let error = #expect(throws: CompressionError.self) { try Compression.gunzip(bomb, limit: 1 << 20) }
        #expect(error?.message.contains("exceeds the limit of 1048576 bytes") == true)
        #expect(try Compression.gunzip(bomb, limit: 10 << 20).count == 10 << 20)
    }

    @Test("truncated, corrupt, non-gzip and trailing garbage inputs fail with clear errors")
    func corruptInputs() throws {
        let good = Compression.gzip(text)
        let truncated = #expect(throws: CompressionError.self) { try Compression.gunzip(Array(good.prefix(good.count / 2))) }
        #expect(truncated?.message.contains("truncated") == true)
        var flipped = good
        flipped[flipped.count - 6] ^= 0xff // inside the CRC
        let crc = #expect(throws: CompressionError.self) { try Compression.gunzip(flipped) }
        #expect(crc?.message.contains("corrupt data") == true)
        let plain = #expect(throws: CompressionError.self) { try Compression.gunzip(Array("hello".utf8)) }
        #expect(plain?.message.contains("not gzip") == true)
        let trailing = #expect(throws: CompressionError.self) { try Compression.gunzip(good + [1, 2, 3]) }
        #expect(trailing?.message.contains("trailing data") == true)
        #expect(throws: CompressionError.self) { try Compression.gunzip([]) }
    }
}

@Suite("gzip throughput")
struct GzipThroughputTests {
    @Test("32 MiB of YAML-like text compresses and decompresses in seconds, not minutes")
    func throughput() throws {
        let line = Array("  - name: web-0123\n    image: nginx:1.27\n    replicas: 3\n".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(32 << 20)
        var counter = 0
        while text.count < 32 << 20 {
            text += line
            text += Array(String(counter).utf8)
            counter += 1
        }
        let clock = ContinuousClock()
        var packed: [UInt8] = []
        let deflateTime = clock.measure { packed = Compression.gzip(text, level: Compression.bestCompression) }
        var unpacked: [UInt8] = []
        let inflateTime = try clock.measure { unpacked = try Compression.gunzip(packed) }
        #expect(unpacked == text)
        print("gzip -9 of \(text.count >> 20) MiB → \(packed.count >> 10) KiB in \(deflateTime); gunzip in \(inflateTime)")
        #expect(deflateTime < .seconds(30) && inflateTime < .seconds(10))
    }
}
