/// gzip streams (zlib) and tar archives: the formats of Helm chart archives (`.tgz`) and Helm's
/// release records (gzip of the release JSON).
///
/// `gzip`/`gunzip` follow Go's `compress/gzip` where a reader can tell: the header Go's writer
/// emits (no name, mtime 0, OS byte 255, XFL from the level) and multi-member streams on read.
public enum Compression {
    /// Go's `gzip.BestSpeed`.
    public static let bestSpeed = 1
    /// Go's `gzip.DefaultCompression` resolves to level 6, as zlib's does.
    public static let defaultLevel = 6
    /// Go's `gzip.BestCompression`: what Helm uses for release records.
    public static let bestCompression = 9
    /// The default ceiling on what `gunzip` produces: Helm's own `MaxDecompressedChartSize` is
    /// 100 MiB; twice that leaves room without letting a small bomb fill memory.
    public static let defaultDecompressedLimit = 200 << 20
}

/// An error from gzip or tar, with the offset or entry it concerns and what to do about it.
public struct CompressionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, naming the offset or tar entry, and what to do.
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
