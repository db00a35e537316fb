import ChartRepository
import Foundation
import Testing

@Suite("sha256 digests of chart archives")
struct ChartDigestTests {
    @Test("known vectors and the system sha256sum agree with ours")
    func vectors() throws {
        #expect(ChartDigest.sha256Hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(ChartDigest.sha256Hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(ChartDigest.sha256Hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        for size in [55, 56, 63, 64, 65, 1000, 100_003] {
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
            let input = Pipe(), output = Pipe()
            process.standardInput = input
            process.standardOutput = output
            try process.run()
            input.fileHandleForWriting.write(Data(bytes))
            try input.fileHandleForWriting.close()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(String(text.prefix(64)) == ChartDigest.sha256Hex(bytes), "size \(size)")
        }
    }

    @Test("index digests read with or without the sha256: prefix")
    func normalize() {
        let hex = String(repeating: "ab", count: 32)
        #expect(ChartDigest.normalize(hex) == hex)
        #expect(ChartDigest.normalize("sha256:" + hex.uppercased()) == hex)
        #expect(ChartDigest.normalize("sha512:" + hex) == nil)
        #expect(ChartDigest.normalize("abc") == nil)
    }
}
