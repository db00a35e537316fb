import CGitOpsCrypto

/// Compares two byte strings in time that depends only on their length, not on where they differ,
/// so a webhook signature check does not leak how many leading bytes an attacker got right.
/// Different lengths compare unequal at once: a length is not a secret.
public func constantTimeEquals(_ lhs: some Collection<UInt8>, _ rhs: some Collection<UInt8>) -> Bool {
    let left = Array(lhs), right = Array(rhs)
    guard left.count == right.count else { return false }
    if left.isEmpty { return true }
    return left.withUnsafeBytes { l in
        right.withUnsafeBytes { r in CRYPTO_memcmp(l.baseAddress, r.baseAddress, left.count) == 0 }
    }
}
