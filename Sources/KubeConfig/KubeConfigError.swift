/// Why a kubeconfig could not be read or resolved. Every message names the file, the
/// context/cluster/user concerned and what to do next; none carries a token, password or key.
public struct KubeConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A machine-readable reason, e.g. `ContextNotFound`.
    public var reason: Reason
    /// The whole message, ready for a user.
    public var message: String

    public enum Reason: String, Sendable, Hashable {
        case fileUnreadable = "FileUnreadable"
        case invalid = "Invalid"
        case noContext = "NoContext"
        case contextNotFound = "ContextNotFound"
        case clusterNotFound = "ClusterNotFound"
        case userNotFound = "UserNotFound"
        case incomplete = "Incomplete"
        case credentialUnreadable = "CredentialUnreadable"
        case notInCluster = "NotInCluster"
        case execFailed = "ExecFailed"
        case execOutputInvalid = "ExecOutputInvalid"
    }

    public init(_ reason: Reason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    public var description: String { message }
}

extension KubeConfigError {
    /// "/a/config" or "/a/config, /b/config" or "no kubeconfig file".
    static func where_(_ files: [String]) -> String {
        files.isEmpty ? "the kubeconfig (no file found)" : files.joined(separator: ", ")
    }

    /// "(contexts: dev, staging)" or "(no contexts defined)".
    static func listing(_ names: some Collection<String>, _ kind: String) -> String {
        names.isEmpty ? "(no \(kind) defined)" : "(\(kind): \(names.sorted().joined(separator: ", ")))"
    }
}
