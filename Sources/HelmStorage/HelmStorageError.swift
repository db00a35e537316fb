/// An error from Helm's release storage, with the release or Secret it concerns and what to do.
public struct HelmStorageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure, for callers that branch on it.
    public enum Reason: String, Sendable {
        /// No record for the release (and revision) asked for (Helm's `ErrReleaseNotFound`).
        case notFound
        /// The record exists already (Helm's `ErrReleaseExists`).
        case alreadyExists
        /// The release has no revision with status `deployed` (Helm's `ErrNoDeployedReleases`).
        case noDeployedReleases
        /// A record cannot be decoded or encoded.
        case corrupt
        /// The request itself is invalid (a bad release name, an uninstalled release).
        case invalid
    }

    public let reason: Reason
    public let message: String

    public init(_ reason: Reason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    static func corrupt(_ message: String) -> HelmStorageError { HelmStorageError(.corrupt, message) }

    public var description: String { message }
}
