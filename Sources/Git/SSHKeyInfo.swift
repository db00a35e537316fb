import Foundation

/// What kind of private key a secret holds, read without decrypting it, so an error can say
/// "this is an RSA key" instead of libssh2's bare "authentication failed".
enum SSHKeyAlgorithm: Equatable, Sendable {
    case rsa, ed25519, ecdsa, dsa, unknown

    init(privateKey text: String) {
        if text.contains("BEGIN RSA PRIVATE KEY") { self = .rsa; return }
        if text.contains("BEGIN EC PRIVATE KEY") { self = .ecdsa; return }
        if text.contains("BEGIN DSA PRIVATE KEY") { self = .dsa; return }
        self = Self.openSSHKeyType(text).map(Self.init(keyType:)) ?? .unknown
    }

    init(keyType: String) {
        switch keyType {
        case "ssh-rsa": self = .rsa
        case "ssh-ed25519": self = .ed25519
        case "ssh-dss": self = .dsa
        case let type where type.hasPrefix("ecdsa-sha2-"): self = .ecdsa
        default: self = .unknown
        }
    }

    /// The "openssh-key-v1" format stores the public key unencrypted after the cipher name,
    /// KDF name, KDF options and key count; its first string is the key type.
    private static func openSSHKeyType(_ text: String) -> String? {
        let body = text.split(whereSeparator: \.isNewline)
            .filter { !$0.hasPrefix("-----") }
            .joined()
        guard let data = Data(base64Encoded: body) else { return nil }
        var reader = Reader(bytes: Array(data))
        guard reader.take(15) == Array("openssh-key-v1\0".utf8) else { return nil }
        _ = reader.string(); _ = reader.string(); _ = reader.string() // cipher, kdf, kdf options
        guard reader.uint32() != nil, let publicKey = reader.string() else { return nil }
        var inner = Reader(bytes: publicKey)
        return inner.string().map { String(decoding: $0, as: UTF8.self) }
    }

    private struct Reader {
        let bytes: [UInt8]
        var offset = 0

        mutating func take(_ count: Int) -> [UInt8]? {
            guard count >= 0, offset + count <= bytes.count else { return nil }
            defer { offset += count }
            return Array(bytes[offset..<offset + count])
        }

        mutating func uint32() -> Int? {
            take(4).map { $0.reduce(0) { $0 << 8 | Int($1) } }
        }

        mutating func string() -> [UInt8]? {
            uint32().flatMap { take($0) }
        }
    }
}
