/// bcrypt password hashes (`$2a$`), as `golang.org/x/crypto/bcrypt.GenerateFromPassword`
/// makes them for Sprig's `bcrypt` and `htpasswd`: EksBlowfish with a 16-byte salt,
/// "OrpheanBeholderScryDoubt" encrypted 64 times, bcrypt's own base64 alphabet.
public enum Bcrypt {
    /// Go's `bcrypt.DefaultCost`.
    public static let defaultCost = 10

    /// Why a hash could not be made (Go's error text).
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case passwordTooLong
        case invalidCost(Int)

        public var description: String {
            switch self {
            case .passwordTooLong: return "bcrypt: password length exceeds 72 bytes"
            case .invalidCost(let cost): return "crypto/bcrypt: cost \(cost) is outside allowed inclusive range 4..31"
            }
        }
    }

    /// A new `$2a$` hash of `password` with a random salt from the system's CSPRNG.
    public static func hash(password: [UInt8], cost: Int = defaultCost) throws(Failure) -> String {
        var generator = SystemRandomNumberGenerator()
        let salt = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return try hash(password: password, salt: salt, cost: cost)
    }

    /// The `$2a$` hash of `password` under a given 16-byte `salt` (for known-answer tests).
    public static func hash(password: [UInt8], salt: [UInt8], cost: Int) throws(Failure) -> String {
        guard password.count <= 72 else { throw .passwordTooLong }
        guard (4...31).contains(cost) else { throw .invalidCost(cost) }
        precondition(salt.count == 16, "bcrypt salt must be 16 bytes")
        // The key includes the terminating NUL, as in OpenBSD's implementation ($2a$).
        let key = Array((password + [0]).prefix(72))
        var state = Blowfish()
        state.expandKey(key, salt: salt)
        for _ in 0..<(1 << cost) {
            state.expandKey(key, salt: nil)
            state.expandKey(salt, salt: nil)
        }
        var text: [UInt32] = [0x4f72_7068, 0x6561_6e42, 0x6568_6f6c, 0x6465_7253, 0x6372_7944, 0x6f75_6274]
        for _ in 0..<64 {
            for i in stride(from: 0, to: 6, by: 2) { (text[i], text[i + 1]) = state.encrypt(text[i], text[i + 1]) }
        }
        var bytes: [UInt8] = []
        for word in text { bytes += [UInt8(word >> 24), UInt8(word >> 16 & 0xFF), UInt8(word >> 8 & 0xFF), UInt8(word & 0xFF)] }
        let costText = cost < 10 ? "0\(cost)" : "\(cost)"
        return "$2a$\(costText)$" + encode(salt) + encode(Array(bytes.prefix(23)))
    }

    private static let alphabet = Array("./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)

    /// The bytes of bcrypt-base64 text (22 characters → a 16-byte salt); nil for other characters.
    static func decode(_ text: String) -> [UInt8]? {
        var bits: UInt32 = 0, count = 0
        var out: [UInt8] = []
        for c in text.utf8 {
            guard let v = alphabet.firstIndex(of: c) else { return nil }
            bits = bits << 6 | UInt32(v)
            count += 6
            if count >= 8 {
                count -= 8
                out.append(UInt8(bits >> UInt32(count) & 0xFF))
            }
        }
        return out
    }

    /// Base64 over bcrypt's alphabet, unpadded.
    static func encode(_ input: [UInt8]) -> String {
        var out: [UInt8] = []
        var i = 0
        while i < input.count {
            let b0 = UInt32(input[i]), b1 = i + 1 < input.count ? UInt32(input[i + 1]) : 0, b2 = i + 2 < input.count ? UInt32(input[i + 2]) : 0
            let n = b0 << 16 | b1 << 8 | b2
            let produced = min(4, (input.count - i) * 4 / 3 + ((input.count - i) % 3 == 0 ? 0 : 1))
            for k in 0..<produced { out.append(alphabet[Int(n >> UInt32(18 - 6 * k) & 63)]) }
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Blowfish's key-dependent state, with bcrypt's salted key schedule.
struct Blowfish {
    var p: [UInt32]
    var s: [UInt32]

    init() {
        let words = BlowfishPi.words
        p = Array(words[0..<18])
        s = Array(words[18...])
    }

    @inline(__always) private func f(_ x: UInt32) -> UInt32 {
        let a = s[Int(x >> 24)], b = s[256 + Int(x >> 16 & 0xFF)]
        let c = s[512 + Int(x >> 8 & 0xFF)], d = s[768 + Int(x & 0xFF)]
        return ((a &+ b) ^ c) &+ d
    }

    func encrypt(_ left: UInt32, _ right: UInt32) -> (UInt32, UInt32) {
        var l = left, r = right
        for i in stride(from: 0, to: 16, by: 2) {
            l ^= p[i]
            r ^= f(l)
            r ^= p[i + 1]
            l ^= f(r)
        }
        l ^= p[16]
        r ^= p[17]
        return (r, l)
    }

    /// Next 32-bit word of `data` read cyclically, big-endian.
    private static func word(_ data: [UInt8], _ index: inout Int) -> UInt32 {
        var w: UInt32 = 0
        for _ in 0..<4 {
            w = w << 8 | UInt32(data[index])
            index = (index + 1) % data.count
        }
        return w
    }

    /// Blowfish_expandstate (with a salt) or Blowfish_expand0state (without).
    mutating func expandKey(_ key: [UInt8], salt: [UInt8]?) {
        var k = 0
        for i in 0..<18 { p[i] ^= Blowfish.word(key, &k) }
        var l: UInt32 = 0, r: UInt32 = 0
        var j = 0
        for i in stride(from: 0, to: 18, by: 2) {
            if let salt { l ^= Blowfish.word(salt, &j); r ^= Blowfish.word(salt, &j) }
            (l, r) = encrypt(l, r)
            p[i] = l
            p[i + 1] = r
        }
        for i in stride(from: 0, to: 1024, by: 2) {
            if let salt { l ^= Blowfish.word(salt, &j); r ^= Blowfish.word(salt, &j) }
            (l, r) = encrypt(l, r)
            s[i] = l
            s[i + 1] = r
        }
    }
}
