/// Which files of a commit go into the artifact, the way Flux's source-controller decides.
///
/// Patterns use the gitignore format (`!` negation, `**`, leading `/` anchors, trailing `/`
/// for directories only) and are read by go-git's rules, which Flux uses: the last matching
/// pattern wins, and a later `!pattern` can re-include a file even inside an excluded directory.
///
/// Flux's exact rule (source-controller `SourceIgnoreFilter`): `.git/`, `.gitignore`,
/// `.gitmodules` and `.gitattributes` are always excluded. The default exclusions (images,
/// archives, CI configuration, …) apply only when there are no other patterns at all; as soon
/// as the tree has a `.sourceignore` with a pattern, or `spec.ignore` is set, those replace
/// the defaults. `.sourceignore` patterns are relative to the file's directory.
public struct IgnoreRules: Sendable, Hashable {
    /// Version-control files, always excluded.
    public static let versionControlPatterns = [".git/", ".gitignore", ".gitmodules", ".gitattributes"]

    /// Flux's default exclusions (fluxcd/pkg `sourceignore`: ExcludeExt, ExcludeCI, ExcludeExtra).
    public static let defaultPatterns = [
        "*.jpg", "*.jpeg", "*.gif", "*.png", "*.wmv", "*.flv", "*.tar.gz", "*.zip",
        ".github/", ".circleci/", ".travis.yml", ".gitlab-ci.yml", "appveyor.yml", ".drone.yml",
        "cloudbuild.yaml", "codeship-services.yml", "codeship-steps.yml",
        "**/.goreleaser.yml", "**/.sops.yaml", "**/.flux.yaml",
    ]

    /// The name of the per-directory ignore file Flux reads.
    public static let sourceIgnoreFileName = ".sourceignore"

    /// `spec.ignore` as written (newline-separated patterns, `#` comments), or nil when unset.
    public var spec: String?

    /// Rules with `spec.ignore` (nil: Flux's defaults).
    public init(spec: String? = nil) {
        self.spec = spec
    }

    /// Builds the matcher for one tree from the `.sourceignore` files found in it, keyed by
    /// the directory that holds each (`[]` for the root).
    func matcher(sourceIgnoreFiles: [(directory: [String], text: String)]) -> IgnoreMatcher {
        var patterns: [IgnorePattern] = []
        for file in sourceIgnoreFiles {
            patterns += Self.patterns(in: file.text, domain: file.directory)
        }
        if let spec { patterns += Self.patterns(in: spec, domain: []) }
        let base = Self.versionControlPatterns + (patterns.isEmpty ? Self.defaultPatterns : [])
        return IgnoreMatcher(patterns: base.map { IgnorePattern($0, domain: []) } + patterns)
    }

    /// Non-empty, non-comment lines of an ignore file.
    static func patterns(in text: String, domain: [String]) -> [IgnorePattern] {
        text.split(whereSeparator: \.isNewline)
            .map(String.init)
            .filter { !$0.hasPrefix("#") && !$0.allSatisfy(\.isWhitespace) }
            .map { IgnorePattern($0, domain: domain) }
    }
}

/// A compiled list of patterns; the last one that matches decides.
struct IgnoreMatcher: Sendable {
    let patterns: [IgnorePattern]

    func isIgnored(_ path: [String], isDirectory: Bool = false) -> Bool {
        for pattern in patterns.reversed() {
            switch pattern.match(path, isDirectory: isDirectory) {
            case .exclude: return true
            case .include: return false
            case .none: continue
            }
        }
        return false
    }
}
