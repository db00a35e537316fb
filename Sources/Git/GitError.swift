/// Why a Git operation failed, with a message that says what to do next.
///
/// Messages never contain a password, token, passphrase or key: every message built from a
/// fetch passes through `Redactor`, and URLs are shown with their password masked.
public struct GitError: Error, Sendable, CustomStringConvertible {
    /// The class of failure; the Source component maps it to a condition reason
    /// (`authenticationFailed` → `AuthenticationFailed`, the rest → `GitOperationFailed`).
    public enum Kind: String, Sendable, Hashable {
        /// The server rejected (or required and did not get) credentials.
        case authenticationFailed
        /// The repository, branch, tag, commit or matching tag does not exist.
        case notFound
        /// The server could not be reached or the connection broke.
        case network
        /// The operation ran past its timeout.
        case timeout
        /// The URL cannot be used (unsupported scheme, no host, …).
        case invalidURL
        /// The SSH host key is unknown or does not match `known_hosts`.
        case untrustedHost
        /// Anything else (corrupt repository, disk full, …).
        case other
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}

/// Masks secrets in text that may have come from libgit2 or a server (which can echo a URL
/// with its password, or a header).
struct Redactor: Sendable {
    private let secrets: [String]

    init(_ credentials: GitCredentials?, url: GitURL? = nil) {
        var secrets = [credentials?.password, credentials?.bearerToken, credentials?.sshPassphrase, url?.password]
            .compactMap { $0 }
            .filter { $0.count >= 3 } // masking "a" would shred the message and hide nothing
        secrets.sort { $0.count > $1.count } // longest first, so a secret containing another is masked whole
        self.secrets = secrets
    }

    func callAsFunction(_ text: String) -> String {
        secrets.reduce(text) { $0.replacingAll($1, with: "***") }
    }

    func callAsFunction(_ error: GitError) -> GitError {
        GitError(error.kind, self(error.message))
    }
}

extension String {
    /// Foundation-free replacement of every occurrence of `target`.
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return self }
        var result = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
