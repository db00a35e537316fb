import CGitOpsCrypto

/// AES-256-CBC as Sprig's `encryptAES` / `decryptAES` use it: the password's bytes copied into
/// a zero-filled 32-byte key (no key derivation), a random IV prepended to the ciphertext,
/// PKCS#7 padding.
public enum AESCBC {
    /// The key Sprig builds: the first 32 bytes of the password, zero-padded.
    static func key(_ password: [UInt8]) -> [UInt8] {
        var key = [UInt8](repeating: 0, count: 32)
        for (index, byte) in password.prefix(32).enumerated() { key[index] = byte }
        return key
    }

    /// IV followed by the ciphertext of the PKCS#7-padded plaintext.
    public static func encrypt(password: [UInt8], plaintext: [UInt8]) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        let iv = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let padding = 16 - plaintext.count % 16
        let padded = plaintext + [UInt8](repeating: UInt8(padding), count: padding)
        return iv + crypt(key(password), iv, padded, encrypt: true)
    }

    /// The plaintext of IV + ciphertext, with Sprig's unchecked unpadding (the last byte says
    /// how many to drop); nil when the input is not whole blocks after the IV.
    public static func decrypt(password: [UInt8], ciphertext: [UInt8]) -> [UInt8]? {
        guard ciphertext.count >= 16, (ciphertext.count - 16) % 16 == 0 else { return nil }
        let iv = Array(ciphertext[..<16])
        var plain = crypt(key(password), iv, Array(ciphertext[16...]), encrypt: false)
        guard let last = plain.last, Int(last) <= plain.count else { return plain.isEmpty ? plain : nil }
        plain.removeLast(Int(last))
        return plain
    }

    private static func crypt(_ key: [UInt8], _ iv: [UInt8], _ input: [UInt8], encrypt: Bool) -> [UInt8] {
        guard !input.isEmpty else { return [] }
        guard let context = EVP_CIPHER_CTX_new() else { fatalError("EVP_CIPHER_CTX_new failed (out of memory)") }
        defer { EVP_CIPHER_CTX_free(context) }
        precondition(EVP_CipherInit_ex(context, EVP_aes_256_cbc(), nil, key, iv, encrypt ? 1 : 0) == 1, "EVP_CipherInit_ex failed")
        // Whole blocks in and out: padding is handled above, as Go's CryptBlocks leaves it to the caller.
        EVP_CIPHER_CTX_set_padding(context, 0)
        var output = [UInt8](repeating: 0, count: input.count + 16)
        var written: Int32 = 0, final: Int32 = 0
        precondition(EVP_CipherUpdate(context, &output, &written, input, Int32(input.count)) == 1, "EVP_CipherUpdate failed")
        output.withUnsafeMutableBufferPointer { buffer in
            _ = EVP_CipherFinal_ex(context, buffer.baseAddress! + Int(written), &final)
        }
        return Array(output.prefix(Int(written + final)))
    }
}
