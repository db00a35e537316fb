import CGitOpsCrypto

/// One-shot digests through OpenSSL's EVP interface for the algorithms besides SHA-256 that
/// templates ask for (Sprig's `sha1sum`, `sha512sum`).
public enum MessageDigest {
    /// SHA-1 (20 bytes). For checksums templates print, not for security.
    public static func sha1(_ bytes: some Collection<UInt8>) -> [UInt8] { digest(EVP_sha1(), 20, Array(bytes)) }

    /// SHA-512 (64 bytes).
    public static func sha512(_ bytes: some Collection<UInt8>) -> [UInt8] { digest(EVP_sha512(), 64, Array(bytes)) }

    private static func digest(_ type: OpaquePointer?, _ size: Int, _ input: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: size)
        var written: UInt32 = 0
        let ok = input.withUnsafeBufferPointer { buffer in
            EVP_Digest(buffer.baseAddress, buffer.count, &output, &written, type, nil)
        }
        precondition(ok == 1, "EVP_Digest failed")
        return Array(output.prefix(Int(written)))
    }
}
