import Hashing

/// The `sha256:<hex>` digests chart repositories publish (index.yaml `digest`, Helm's
/// `sha256sum` of the `.tgz`).
public enum ChartDigest {
    /// Lower-case hex SHA-256 of `bytes`.
    public static func sha256Hex(_ bytes: [UInt8]) -> String {
        Hex.encode(SHA256.hash(bytes))
    }

    /// Reads an index digest: `sha256:<64 hex>` or bare 64 hex (Helm writes the bare form); the
    /// hex in lower case, or nil for anything else.
    public static func normalize(_ digest: String) -> String? {
        var hex = Substring(digest.lowercased())
        if hex.hasPrefix("sha256:") { hex = hex.dropFirst(7) }
        guard hex.count == 64, hex.allSatisfy({ $0.isHexDigit }) else { return nil }
        return String(hex)
    }
}
