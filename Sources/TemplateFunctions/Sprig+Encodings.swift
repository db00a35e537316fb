import GoTemplate
import Hashing

extension TemplateFunctions {
    /// Sprig's encodings, checksums and random strings (strings.go, crypto.go).
    /// A Go string of `bytes`: text when they are UTF-8, else the bytes themselves (a Swift String
    /// cannot hold them; the encoders, hashes and `len` take them as Go takes the string).
    static func goString(_ bytes: [UInt8]) -> Value {
        if let text = String(validating: bytes, as: UTF8.self) { return .string(text) }
        return .bytes(bytes)
    }

    static func addEncodings(to table: inout FunctionTable) {
        table.add("b64enc") { a in try a.expect(1); return .string(Base64.encode(try a.stringBytes(0))) }
        table.add("b64dec") { a in
            try a.expect(1)
            // Sprig returns Go's error text in place of the result.
            switch Base64.decode(try a.string(0)) {
            case .success(let bytes): return goString(bytes)
            case .failure(let error): return .string(error.message)
            }
        }
        table.add("b32enc") { a in try a.expect(1); return .string(Base32.encode(try a.stringBytes(0))) }
        table.add("b32dec") { a in
            try a.expect(1)
            switch Base32.decode(try a.string(0)) {
            case .success(let bytes): return goString(bytes)
            case .failure(let error): return .string(error.message)
            }
        }
        table.add("sha1sum") { a in try a.expect(1); return .string(Hex.encode(MessageDigest.sha1(try a.stringBytes(0)))) }
        table.add("sha256sum") { a in try a.expect(1); return .string(Hex.encode(SHA256.hash(try a.stringBytes(0)))) }
        table.add("sha512sum") { a in try a.expect(1); return .string(Hex.encode(MessageDigest.sha512(try a.stringBytes(0)))) }
        table.add("adler32sum") { a in try a.expect(1); return .string(String(adler32(try a.stringBytes(0)))) }
        table.add("randAlphaNum") { a in try a.expect(1); return .string(try randomString(a, from: alphanumerics)) }
        table.add("randAlpha") { a in try a.expect(1); return .string(try randomString(a, from: letters)) }
        table.add("randNumeric") { a in try a.expect(1); return .string(try randomString(a, from: digits)) }
        table.add("randAscii") { a in try a.expect(1); return .string(try randomString(a, from: printableASCII)) }
        table.add("randInt") { a in
            try a.expect(2)
            let low = try a.int(0), high = try a.int(1)
            guard high > low else { throw FunctionError("invalid argument to Intn") }
            return .int(Int.random(in: low..<high))
        }
        table.add("randBytes") { a in
            try a.expect(1)
            var generator = SystemRandomNumberGenerator()
            let bytes = (0..<max(0, try a.int(0))).map { _ in UInt8.random(in: 0...255, using: &generator) }
            return .string(Base64.encode(bytes))
        }
        table.add("bcrypt") { a in try a.expect(1); return .string(bcrypt(try a.string(0))) }
        table.add("htpasswd") { a in
            try a.expect(2)
            let user = try a.string(0)
            guard !user.contains(":") else { return .string("invalid username: \(user)") }
            return .string(user + ":" + bcrypt(try a.string(1)))
        }
        table.add("encryptAES") { a in
            try a.expect(2)
            let plaintext = try a.string(1)
            if plaintext.isEmpty { return .string("") }
            return .string(Base64.encode(AESCBC.encrypt(password: Array(try a.string(0).utf8), plaintext: Array(plaintext.utf8))))
        }
        table.add("decryptAES") { a in
            try a.expect(2)
            guard case .success(let data) = Base64.decode(try a.string(1)) else {
                throw FunctionError("illegal base64 data")
            }
            guard data.count >= 16 else { throw FunctionError("ciphertext too short") }
            guard let plain = AESCBC.decrypt(password: Array(try a.string(0).utf8), ciphertext: data) else {
                throw FunctionError("crypto/cipher: input not full blocks")
            }
            return .string(String(decoding: plain, as: UTF8.self))
        }
        table.add("hello") { a in try a.expect(0); return .string("Hello!") }
        table.add("uuidv4") { a in try a.expect(0); return .string(uuidV4()) }
        table.add("shuffle") { a in
            try a.expect(1)
            var scalars = Array(try a.string(0).unicodeScalars)
            scalars.shuffle()
            return .string(String(String.UnicodeScalarView(scalars)))
        }
    }

    private static let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".unicodeScalars)
    private static let digits = Array("0123456789".unicodeScalars)
    private static let alphanumerics = letters + digits
    private static let printableASCII = (32...126).map { Unicode.Scalar(UInt8($0)) }

    /// goutils' `CryptoRandom*`: `count` characters from the set, from the system's CSPRNG.
    private static func randomString(_ a: Arguments, from set: [Unicode.Scalar]) throws(FunctionError) -> String {
        let count = try a.int(0)
        guard count >= 0 else { throw FunctionError("Requested random string length \(count) is less than 0.") }
        var generator = SystemRandomNumberGenerator()
        var out = String.UnicodeScalarView()
        for _ in 0..<count { out.append(set.randomElement(using: &generator)!) }
        return String(out)
    }

    /// Sprig's `bcrypt`: a `$2a$10$` hash, or Go's error text in its place.
    private static func bcrypt(_ password: String) -> String {
        do {
            return try Bcrypt.hash(password: Array(password.utf8))
        } catch {
            return "failed to encrypt string with bcrypt: \(error)"
        }
    }

    /// RFC 4122 version 4, lower-case, as `github.com/google/uuid` prints it.
    static func uuidV4() -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = Hex.encode(bytes)
        let h = Array(hex)
        return String(h[0..<8]) + "-" + String(h[8..<12]) + "-" + String(h[12..<16]) + "-" + String(h[16..<20]) + "-" + String(h[20..<32])
    }

    /// `hash/adler32.Checksum`.
    static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in bytes {
            a = (a + UInt32(byte)) % 65521
            b = (b + a) % 65521
        }
        return b << 16 | a
    }
}

/// RFC 4648 base32 with padding (Go's `base32.StdEncoding`).
enum Base32 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    static func encode(_ input: [UInt8]) -> String {
        var out: [UInt8] = []
        var i = 0
        while i < input.count {
            let chunk = Array(input[i..<min(i + 5, input.count)])
            var buffer = [UInt8](repeating: 0, count: 5)
            for (k, byte) in chunk.enumerated() { buffer[k] = byte }
            var bits: UInt64 = 0
            for byte in buffer { bits = bits << 8 | UInt64(byte) }
            let produced = [0, 2, 4, 5, 7, 8][chunk.count]
            for k in 0..<8 {
                out.append(k < produced ? alphabet[Int((bits >> UInt64(35 - 5 * k)) & 31)] : UInt8(ascii: "="))
            }
            i += 5
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func decode(_ text: String) -> Result<[UInt8], FunctionErrorText> {
        var values: [UInt8] = []
        var offset = 0
        var paddingStarted = false
        for c in text.utf8 {
            defer { offset += 1 }
            if c == UInt8(ascii: "\r") || c == UInt8(ascii: "\n") { continue }
            if c == UInt8(ascii: "=") { paddingStarted = true; continue }
            guard !paddingStarted, let index = alphabet.firstIndex(of: c) else {
                return .failure(.init("illegal base32 data at input byte \(offset)"))
            }
            values.append(UInt8(index))
        }
        var out: [UInt8] = []
        var bits: UInt32 = 0, count = 0
        for v in values {
            bits = bits << 5 | UInt32(v)
            count += 5
            if count >= 8 {
                count -= 8
                out.append(UInt8((bits >> UInt32(count)) & 0xFF))
            }
        }
        return .success(out)
    }
}
