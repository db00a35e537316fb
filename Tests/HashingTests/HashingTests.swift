import Foundation
import Hashing
import Testing

@Suite("SHA-256")
struct SHA256Tests {
    @Test("hashes the FIPS 180-2 examples")
    func knownDigests() {
        #expect(SHA256.hash("abc").hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hash("").hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hash(Data("abc".utf8)) == SHA256.hash([0x61, 0x62, 0x63]))
    }

    @Test("streams pieces to the same digest as one shot")
    func streaming() {
        let message = String(repeating: "gitops", count: 1000)
        var hasher = SHA256Hasher()
        for chunk in message.utf8.split(separator: UInt8(ascii: "p"), omittingEmptySubsequences: false).enumerated() {
            if chunk.offset > 0 { hasher.update("p") }
            hasher.update(Array(chunk.element))
        }
        #expect(hasher.finalize() == SHA256.hash(message))
    }

    @Test("hashes non-contiguous sequences")
    func nonContiguous() {
        #expect(SHA256.hash((0..<3).lazy.map { UInt8(0x61 + $0) }) == SHA256.hash("abc"))
    }
}

@Suite("HMAC")
struct HMACTests {
    /// RFC 4231 test cases 1, 2, 3, 4, 6, 7 (case 5 is a truncated output).
    static let rfc4231: [(key: [UInt8], data: [UInt8], mac: String)] = [
        ([UInt8](repeating: 0x0b, count: 20), Array("Hi There".utf8),
         "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        (Array("Jefe".utf8), Array("what do ya want for nothing?".utf8),
         "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        ([UInt8](repeating: 0xaa, count: 20), [UInt8](repeating: 0xdd, count: 50),
         "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
        (Array(1...25), [UInt8](repeating: 0xcd, count: 50),
         "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
        ([UInt8](repeating: 0xaa, count: 131), Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
         "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
        ([UInt8](repeating: 0xaa, count: 131),
         Array("This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.".utf8),
         "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
    ]

    @Test("matches the RFC 4231 HMAC-SHA256 vectors", arguments: 0..<6)
    func rfc4231Vector(index: Int) {
        let vector = Self.rfc4231[index]
        #expect(HMAC.sha256(key: vector.key, message: vector.data).hex == vector.mac)
    }

    @Test("accepts string views and an empty key")
    func convenience() {
        #expect(HMAC.sha256(key: "Jefe".utf8, message: "what do ya want for nothing?".utf8).hex
            == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        // Python: hmac.new(b"", b"", hashlib.sha256).hexdigest()
        #expect(HMAC.sha256(key: [UInt8](), message: [UInt8]()).hex
            == "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad")
    }

    @Test("computes HMAC-SHA1 for hashed known_hosts (RFC 2202 case 2)")
    func sha1() {
        #expect(HMAC.sha1(key: "Jefe".utf8, message: "what do ya want for nothing?".utf8).hex
            == "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79")
    }
}

@Suite("Constant-time comparison and hex")
struct CompareAndHexTests {
    @Test("compares equal, different and different-length inputs")
    func compare() {
        #expect(constantTimeEquals([1, 2, 3], [1, 2, 3]))
        #expect(!constantTimeEquals([1, 2, 3], [1, 2, 4]))
        #expect(!constantTimeEquals([1, 2, 3], [1, 2]))
        #expect(constantTimeEquals([UInt8](), [UInt8]()))
    }

    @Test("round-trips hex and rejects malformed text")
    func hex() {
        #expect(Hex.encode([0x00, 0xde, 0xad, 0xff]) == "00deadff")
        #expect(Hex.decode("00DEadff") == [0x00, 0xde, 0xad, 0xff])
        #expect(Hex.decode("abc") == nil)
        #expect(Hex.decode("zz") == nil)
    }
}
