import GoTemplate
import Testing
@testable import TemplateFunctions

/// Encodings, checksums and random values (Sprig's crypto.go and strings.go).
@Suite struct EncodingFunctionTests {
    @Test func base64AndBase32() throws {
        #expect(try printed("b64enc", .string("abc")) == "YWJj")
        #expect(try printed("b64enc", .string("ab")) == "YWI=")
        #expect(try printed("b64dec", .string("YWJjZA==")) == "abcd")
        #expect(try printed("b64dec", .string("YW!j")) == "illegal base64 data at input byte 2")
        #expect(try printed("b32enc", .string("abc")) == "MFRGG===")
        #expect(try printed("b32dec", .string("MFRGG===")) == "abc")
    }

    @Test func checksums() throws {
        #expect(try printed("sha256sum", .string("abc")) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(try printed("sha1sum", .string("abc")) == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(try printed("sha512sum", .string("")).hasPrefix("cf83e1357eefb8bdf1542850d66d8007"))
        #expect(try printed("adler32sum", .string("abc")) == "38600999")
    }

    @Test func htpasswdUsesBcrypt() throws {
        let line = try printed("htpasswd", .string("admin"), .string("secret"))
        #expect(line.hasPrefix("admin:$2a$10$") && line.count == "admin:".count + 60)
        #expect(try printed("htpasswd", .string("a:b"), .string("x")) == "invalid username: a:b")
        #expect(try printed("bcrypt", .string(String(repeating: "x", count: 73)))
            == "failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes")
    }

    @Test func randomStrings() throws {
        let s = try printed("randAlphaNum", .int(32))
        #expect(s.count == 32 && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
        #expect(try printed("randNumeric", .int(8)).allSatisfy(\.isNumber))
        #expect(try printed("randAlpha", .int(8)).allSatisfy(\.isLetter))
        #expect(try printed("randAlphaNum", .int(16)) != (try printed("randAlphaNum", .int(16))))
        let uuid = try printed("uuidv4")
        #expect(uuid.count == 36 && Array(uuid)[14] == "4" && "89ab".contains(Array(uuid)[19]))
    }
}

/// Sprig's encryptAES/decryptAES round trip (crypto_test.go) and the small remainder.
@Suite struct RemainderFunctionTests {
    @Test func aesRoundTrips() throws {
        let encrypted = try printed("encryptAES", .string("secretkey"), .string("plaintext"))
        #expect(encrypted.count == 44)  // 16-byte IV + one block, base64
        #expect(try printed("decryptAES", .string("secretkey"), .string(encrypted)) == "plaintext")
        #expect(try printed("encryptAES", .string("k"), .string("")) == "")
    }

    @Test func durationRoundAndHello() throws {
        #expect(try printed("durationRound", .string("2h10m5s")) == "2h")
        #expect(try printed("durationRound", .string("-100h")) == "4d")
        #expect(try printed("durationRound", .int(3_000_000_000)) == "3s")
        #expect(try printed("hello") == "Hello!")
        #expect(try printed("getHostByName", .string("localhost")).contains(where: { $0 == "." || $0 == ":" }))
    }
}
