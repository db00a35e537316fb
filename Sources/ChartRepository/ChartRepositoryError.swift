/// An error from a chart repository, naming the repository URL, the chart and version range
/// concerned, and what to do. Credentials never appear in it.
public struct ChartRepositoryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure, with the handling Flux gives it.
    public enum Reason: String, Sendable {
        /// The repository could not be reached or answered with an error: retry later.
        case unavailable
        /// The server refused the credentials (401/403): fix the Secret.
        case unauthorized
        /// index.yaml is not a valid repository index: fix the repository.
        case invalidIndex
        /// The index has no chart of that name.
        case chartNotFound
        /// No version of the chart satisfies the range.
        case noMatchingVersion
        /// The archive's digest differs from the index's.
        case digestMismatch
        /// The archive is too large, not gzip, or otherwise unusable.
        case invalidArchive
        /// The configuration is wrong (URL scheme, Secret contents, version range syntax).
        case invalidConfiguration
    }

    public let reason: Reason
    public let message: String

    public init(_ reason: Reason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    public var description: String { message }
}
