/// Which revision of a repository to build, as in a GitRepository's `spec.ref`.
///
/// When several fields are set, Flux gives precedence `branch` < `tag` < `semver` < `name` <
/// `commit`; the Source component picks one case by that rule.
public enum GitReference: Sendable, Hashable {
    /// The tip of `refs/heads/<name>`; revision `<name>@sha1:<hex>`.
    case branch(String)
    /// The commit a tag points to (annotated tags are peeled); revision `<tag>@sha1:<hex>`.
    case tag(String)
    /// The highest tag matching a semver constraint; revision `<tag>@sha1:<hex>`.
    case semver(String)
    /// Any full reference name (`refs/heads/main`, `refs/pull/420/head`); revision `<name>@sha1:<hex>`.
    case name(String)
    /// A commit, optionally required to be on `branch`; revision `<branch>@sha1:<hex>` or `sha1:<hex>`.
    case commit(String, branch: String?)
}

/// What a reference resolved to.
public struct GitCheckout: Sendable, Hashable {
    /// Flux's revision string: `main@sha1:<40 hex>`, `v1.0.0@sha1:…`, `refs/heads/main@sha1:…`, `sha1:…`.
    public let revision: String
    /// The full 40-hex commit id.
    public let commit: String
    /// The first line of the commit message (Flux's `NewArtifact` event quotes it).
    public let subject: String

    public init(revision: String, commit: String, subject: String) {
        self.revision = revision
        self.commit = commit
        self.subject = subject
    }
}
