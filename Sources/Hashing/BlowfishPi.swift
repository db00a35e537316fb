/// Blowfish's initial state: the hexadecimal digits of π's fraction (P-array first, then the
/// four S-boxes), computed here from Machin's formula π = 16·atan(1/5) − 4·atan(1/239) in
/// fixed-point arithmetic rather than pasted as a 4 KiB table.
enum BlowfishPi {
    /// 18 + 4 × 256 words of π's fraction: 0x243F6A88, 0x85A308D3, …
    static let words: [UInt32] = compute(count: 18 + 1024)

    private static func compute(count: Int) -> [UInt32] {
        // Limb 0 holds the integer part; four guard limbs absorb truncation error.
        let limbs = count + 5
        var pi = [UInt32](repeating: 0, count: limbs)
        let a = arctanInverse(5, limbs: limbs), b = arctanInverse(239, limbs: limbs)
        multiply(a, by: 16, into: &pi)
        var t = [UInt32](repeating: 0, count: limbs)
        multiply(b, by: 4, into: &t)
        subtract(t, from: &pi)
        return Array(pi[1...count])
    }

    /// atan(1/x) = Σ (−1)^k / ((2k+1)·x^(2k+1)).
    private static func arctanInverse(_ x: UInt32, limbs: Int) -> [UInt32] {
        var power = [UInt32](repeating: 0, count: limbs)
        power[0] = 1
        divide(&power, by: x)                       // 1/x
        var sum = power
        let square = x * x
        var k: UInt32 = 1
        var term = [UInt32](repeating: 0, count: limbs)
        while true {
            divide(&power, by: square)              // 1/x^(2k+1)
            term = power
            divide(&term, by: 2 * k + 1)
            if term.allSatisfy({ $0 == 0 }) { break }
            if k % 2 == 1 { subtract(term, from: &sum) } else { add(term, to: &sum) }
            k += 1
        }
        return sum
    }

    private static func divide(_ n: inout [UInt32], by d: UInt32) {
        var remainder: UInt64 = 0
        for i in n.indices {
            let current = remainder << 32 | UInt64(n[i])
            n[i] = UInt32(current / UInt64(d))
            remainder = current % UInt64(d)
        }
    }

    private static func multiply(_ n: [UInt32], by m: UInt32, into out: inout [UInt32]) {
        var carry: UInt64 = 0
        for i in n.indices.reversed() {
            let current = UInt64(n[i]) * UInt64(m) + carry
            out[i] = UInt32(truncatingIfNeeded: current)
            carry = current >> 32
        }
    }

    private static func add(_ n: [UInt32], to sum: inout [UInt32]) {
        var carry: UInt64 = 0
        for i in n.indices.reversed() {
            let current = UInt64(sum[i]) + UInt64(n[i]) + carry
            sum[i] = UInt32(truncatingIfNeeded: current)
            carry = current >> 32
        }
    }

    private static func subtract(_ n: [UInt32], from total: inout [UInt32]) {
        var borrow: Int64 = 0
        for i in n.indices.reversed() {
            var current = Int64(total[i]) - Int64(n[i]) - borrow
            borrow = 0
            if current < 0 { current += 1 << 32; borrow = 1 }
            total[i] = UInt32(current)
        }
    }
}
