import GitOpsAPI

/// The Flux kinds the CLI lists, with the names a user may type for each (Flux's CLI words,
/// singular and plural, and the short forms kubectl knows).
struct FluxKind: Sendable, Equatable {
    var apiVersion: String
    var kind: String
    /// What `gitops get` calls it, e.g. `sources git`.
    var command: String
    var aliases: [String]
    /// Provider and Alert (v1beta3) have no Ready condition: they are configured or suspended.
    var hasReady = true
    /// Whether `get` shows a REVISION column (sources, Kustomizations, releases).
    var hasRevision = true

    static let gitRepository = FluxKind(apiVersion: GitRepository.apiVersion, kind: GitRepository.kind, command: "sources git",
                                        aliases: ["gitrepository", "gitrepositories", "gitrepo", "source", "git"])
    static let helmRepository = FluxKind(apiVersion: HelmRepository.apiVersion, kind: HelmRepository.kind, command: "sources helm",
                                         aliases: ["helmrepository", "helmrepositories", "helmrepo", "helm"])
    static let kustomization = FluxKind(apiVersion: Kustomization.apiVersion, kind: Kustomization.kind, command: "kustomizations",
                                        aliases: ["kustomization", "kustomizations", "ks"])
    static let helmRelease = FluxKind(apiVersion: HelmRelease.apiVersion, kind: HelmRelease.kind, command: "releases",
                                      aliases: ["helmrelease", "helmreleases", "hr", "release", "releases"])
    static let provider = FluxKind(apiVersion: Provider.apiVersion, kind: Provider.kind, command: "providers",
                                   aliases: ["provider", "providers"], hasReady: false, hasRevision: false)
    static let alert = FluxKind(apiVersion: Alert.apiVersion, kind: Alert.kind, command: "alerts",
                                aliases: ["alert", "alerts"], hasReady: false, hasRevision: false)
    static let receiver = FluxKind(apiVersion: Receiver.apiVersion, kind: Receiver.kind, command: "receivers",
                                   aliases: ["receiver", "receivers"], hasRevision: false)

    /// In the order `gitops status` groups them.
    static let all: [FluxKind] = [.gitRepository, .helmRepository, .kustomization, .helmRelease, .provider, .alert, .receiver]

    /// `ks`, `Kustomization`, `helmrelease` … → the kind; nil for anything else.
    static func named(_ word: String) -> FluxKind? {
        let w = word.lowercased()
        return all.first { $0.kind.lowercased() == w || $0.aliases.contains(w) }
    }

    /// The words a user may type, for error messages.
    static var spellings: String { "kustomization (ks), source git, source helm, helmrelease (hr), provider, alert, receiver" }
}
