import CGitOpsCrypto

/// Keyed-hash message authentication codes through OpenSSL's `EVP_MAC` interface.
public enum HMAC {
    /// HMAC-SHA256 of `message` under `key` (RFC 2104; checked against RFC 4231 vectors).
    public static func sha256(key: some Collection<UInt8>, message: some Collection<UInt8>) -> [UInt8] {
        compute(digest: "SHA256", outputSize: SHA256.byteCount, key: Array(key), message: Array(message))
    }

    /// HMAC-SHA512 (receivers accept `X-Signature: sha512=…`, as Flux's generic-hmac does).
    public static func sha512(key: some Collection<UInt8>, message: some Collection<UInt8>) -> [UInt8] {
        compute(digest: "SHA512", outputSize: 64, key: Array(key), message: Array(message))
    }

    /// HMAC-SHA1, which OpenSSH uses for hashed `known_hosts` entries (`|1|salt|hash`).
    /// Not for new signatures: SHA-1 is kept only to read that legacy format.
    public static func sha1(key: some Collection<UInt8>, message: some Collection<UInt8>) -> [UInt8] {
        compute(digest: "SHA1", outputSize: 20, key: Array(key), message: Array(message))
    }

    private static func compute(digest: String, outputSize: Int, key: [UInt8], message: [UInt8]) -> [UInt8] {
        guard let mac = EVP_MAC_fetch(nil, "HMAC", nil) else { fatalError("OpenSSL has no HMAC implementation") }
        defer { EVP_MAC_free(mac) }
        guard let context = EVP_MAC_CTX_new(mac) else { fatalError("EVP_MAC_CTX_new failed (out of memory)") }
        defer { EVP_MAC_CTX_free(context) }

        var output = [UInt8](repeating: 0, count: outputSize)
        var written = 0
        // OSSL_PARAM keeps pointers to its key and value (a literal passed straight in would be
        // a temporary that dies with the call), so both C strings outlive the parameter array.
        "digest".withCString { paramName in digest.withCString { digestName in
            var params = [
                OSSL_PARAM_construct_utf8_string(paramName, UnsafeMutablePointer(mutating: digestName), 0),
                OSSL_PARAM_construct_end(),
            ]
            // A NULL key pointer means "no key set" to EVP_MAC_init, so an empty key still needs
            // a real (one-byte) buffer; the length passed stays 0.
            let keyBytes = key.isEmpty ? [UInt8(0)] : key
            let initialised = keyBytes.withUnsafeBufferPointer { keyBuffer in
                EVP_MAC_init(context, keyBuffer.baseAddress, key.count, &params)
            }
            precondition(initialised == 1, "EVP_MAC_init(HMAC-\(digest)) failed")
            message.withUnsafeBufferPointer { buffer in
                precondition(EVP_MAC_update(context, buffer.baseAddress, buffer.count) == 1, "EVP_MAC_update failed")
            }
            precondition(EVP_MAC_final(context, &output, &written, outputSize) == 1, "EVP_MAC_final failed")
        } }
        return Array(output.prefix(written))
    }
}
