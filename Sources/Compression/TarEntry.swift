/// One entry of a tar archive, after GNU long names and PAX records have been applied.
public struct TarEntry: Sendable, Equatable {
    /// What the entry is; typeflags other than these read as `.other(flag)`.
    public enum Kind: Sendable, Equatable {
        /// A regular file (typeflag `0` or NUL, or `7` contiguous).
        case file
        /// A directory (typeflag `5`).
        case directory
        /// A symbolic link to `linkTarget` (typeflag `2`).
        case symlink
        /// A hard link to the earlier entry `linkTarget` (typeflag `1`).
        case hardlink
        /// A character/block device, FIFO or an unknown typeflag; no contents.
        case other(UInt8)
    }

    /// The entry's path, relative, `/`-separated, with any leading `./` and trailing `/` removed.
    public var path: String
    public var kind: Kind
    /// The file's bytes (empty for everything but `.file`).
    public var contents: [UInt8]
    /// Permission bits (e.g. `0o644`).
    public var mode: UInt32
    /// The target of a symlink or hard link, as stored (not validated: callers decide).
    public var linkTarget: String?
    /// Seconds since the epoch.
    public var modificationTime: Int64

    public init(path: String, kind: Kind = .file, contents: [UInt8] = [], mode: UInt32? = nil,
                linkTarget: String? = nil, modificationTime: Int64 = 0) {
        self.path = path
        self.kind = kind
        self.contents = contents
        self.mode = mode ?? (kind == .directory ? 0o755 : 0o644)
        self.linkTarget = linkTarget
        self.modificationTime = modificationTime
    }
}

/// tar archives: ustar, GNU long names (`L`/`K`) and PAX extended headers (`x`, `g`), read and
/// written as Go's `archive/tar` does for the entries Helm charts hold.
public enum TarArchive {
    /// Limits that protect a reader from hostile archives.
    public struct Limits: Sendable {
        /// The most bytes all file contents together may hold.
        public var totalBytes: Int
        /// The most entries the archive may hold.
        public var entries: Int
        /// The most bytes one PAX or GNU long-name record may hold.
        public var headerRecordBytes: Int

        public init(totalBytes: Int = 200 << 20, entries: Int = 100_000, headerRecordBytes: Int = 1 << 20) {
            self.totalBytes = totalBytes
            self.entries = entries
            self.headerRecordBytes = headerRecordBytes
        }
    }
}
