import Hashing

/// scrypt (RFC 7914) as golang.org/x/crypto/scrypt computes it, for Sprig's `derivePassword`:
/// PBKDF2-HMAC-SHA256 with one iteration around ROMix over Salsa20/8.
enum Scrypt {
    static func key(password: [UInt8], salt: [UInt8], n: Int, r: Int, p: Int, length: Int) -> [UInt8] {
        var b = pbkdf2SHA256(password: password, salt: salt, length: p * 128 * r)
        let words = 32 * r
        var x = [UInt32](repeating: 0, count: words)
        var v = [UInt32](repeating: 0, count: words * n)
        var y = [UInt32](repeating: 0, count: words)
        for block in 0..<p {
            let offset = block * 128 * r
            for i in 0..<words {
                let j = offset + i * 4
                x[i] = UInt32(b[j]) | UInt32(b[j + 1]) << 8 | UInt32(b[j + 2]) << 16 | UInt32(b[j + 3]) << 24
            }
            x.withUnsafeMutableBufferPointer { x in
                v.withUnsafeMutableBufferPointer { v in
                    y.withUnsafeMutableBufferPointer { y in
                        roMix(x.baseAddress!, v.baseAddress!, y.baseAddress!, r: r, n: n)
                    }
                }
            }
            for i in 0..<words {
                let j = offset + i * 4
                b[j] = UInt8(truncatingIfNeeded: x[i])
                b[j + 1] = UInt8(truncatingIfNeeded: x[i] >> 8)
                b[j + 2] = UInt8(truncatingIfNeeded: x[i] >> 16)
                b[j + 3] = UInt8(truncatingIfNeeded: x[i] >> 24)
            }
        }
        return pbkdf2SHA256(password: password, salt: b, length: length)
    }

    /// PBKDF2 with HMAC-SHA256 and a single iteration.
    static func pbkdf2SHA256(password: [UInt8], salt: [UInt8], length: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(length)
        var index: UInt32 = 1
        while out.count < length {
            let block = HMAC.sha256(key: password, message: salt + [UInt8(index >> 24), UInt8(index >> 16 & 0xFF), UInt8(index >> 8 & 0xFF), UInt8(index & 0xFF)])
            out += block.prefix(length - out.count)
            index += 1
        }
        return out
    }

    private static func roMix(_ x: UnsafeMutablePointer<UInt32>, _ v: UnsafeMutablePointer<UInt32>,
                              _ y: UnsafeMutablePointer<UInt32>, r: Int, n: Int) {
        let words = 32 * r
        for i in 0..<n {
            (v + i * words).update(from: x, count: words)
            blockMix(x, y, r: r)
        }
        for _ in 0..<n {
            let j = Int(x[(2 * r - 1) * 16]) & (n - 1)
            let vj = v + j * words
            for k in 0..<words { x[k] ^= vj[k] }
            blockMix(x, y, r: r)
        }
    }

    /// BlockMix: `y` is scratch; the result is left in `b`.
    private static func blockMix(_ b: UnsafeMutablePointer<UInt32>, _ y: UnsafeMutablePointer<UInt32>, r: Int) {
        var t = (UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0),
                 UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0))
        withUnsafeMutableBytes(of: &t) { raw in
            let tp = raw.baseAddress!.assumingMemoryBound(to: UInt32.self)
            tp.update(from: b + (2 * r - 1) * 16, count: 16)
            for i in 0..<(2 * r) {
                for k in 0..<16 { tp[k] ^= b[i * 16 + k] }
                salsa8(tp)
                // Even blocks go to the first half, odd ones to the second.
                let destination = (i % 2 == 0 ? i / 2 : r + i / 2) * 16
                (y + destination).update(from: tp, count: 16)
            }
        }
        b.update(from: y, count: 32 * r)
    }

    /// Salsa20/8 core, in place.
    private static func salsa8(_ b: UnsafeMutablePointer<UInt32>) {
        var x0 = b[0], x1 = b[1], x2 = b[2], x3 = b[3], x4 = b[4], x5 = b[5], x6 = b[6], x7 = b[7]
        var x8 = b[8], x9 = b[9], x10 = b[10], x11 = b[11], x12 = b[12], x13 = b[13], x14 = b[14], x15 = b[15]
        @inline(__always) func rotl(_ v: UInt32, _ c: UInt32) -> UInt32 { (v << c) | (v >> (32 - c)) }
        for _ in 0..<4 {
            x4 ^= rotl(x0 &+ x12, 7); x8 ^= rotl(x4 &+ x0, 9); x12 ^= rotl(x8 &+ x4, 13); x0 ^= rotl(x12 &+ x8, 18)
            x9 ^= rotl(x5 &+ x1, 7); x13 ^= rotl(x9 &+ x5, 9); x1 ^= rotl(x13 &+ x9, 13); x5 ^= rotl(x1 &+ x13, 18)
            x14 ^= rotl(x10 &+ x6, 7); x2 ^= rotl(x14 &+ x10, 9); x6 ^= rotl(x2 &+ x14, 13); x10 ^= rotl(x6 &+ x2, 18)
            x3 ^= rotl(x15 &+ x11, 7); x7 ^= rotl(x3 &+ x15, 9); x11 ^= rotl(x7 &+ x3, 13); x15 ^= rotl(x11 &+ x7, 18)
            x1 ^= rotl(x0 &+ x3, 7); x2 ^= rotl(x1 &+ x0, 9); x3 ^= rotl(x2 &+ x1, 13); x0 ^= rotl(x3 &+ x2, 18)
            x6 ^= rotl(x5 &+ x4, 7); x7 ^= rotl(x6 &+ x5, 9); x4 ^= rotl(x7 &+ x6, 13); x5 ^= rotl(x4 &+ x7, 18)
            x11 ^= rotl(x10 &+ x9, 7); x8 ^= rotl(x11 &+ x10, 9); x9 ^= rotl(x8 &+ x11, 13); x10 ^= rotl(x9 &+ x8, 18)
            x12 ^= rotl(x15 &+ x14, 7); x13 ^= rotl(x12 &+ x15, 9); x14 ^= rotl(x13 &+ x12, 13); x15 ^= rotl(x14 &+ x13, 18)
        }
        b[0] = b[0] &+ x0; b[1] = b[1] &+ x1; b[2] = b[2] &+ x2; b[3] = b[3] &+ x3
        b[4] = b[4] &+ x4; b[5] = b[5] &+ x5; b[6] = b[6] &+ x6; b[7] = b[7] &+ x7
        b[8] = b[8] &+ x8; b[9] = b[9] &+ x9; b[10] = b[10] &+ x10; b[11] = b[11] &+ x11
        b[12] = b[12] &+ x12; b[13] = b[13] &+ x13; b[14] = b[14] &+ x14; b[15] = b[15] &+ x15
    }
}
