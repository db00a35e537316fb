import Foundation
import GitOpsAPI
import SemVer
import YAML

/// A chart repository's `index.yaml` (Helm's `repo.IndexFile`): for each chart name, its
/// versions, newest first, each with the archive URLs, digest and creation time.
public struct RepositoryIndex: Sendable {
    /// `apiVersion` (Helm writes `v1`; an index without one is rejected, as Helm rejects it).
    public var apiVersion: String
    /// `generated`, as written.
    public var generated: String
    /// Chart name → versions, sorted newest first by semver (non-semver versions last).
    public var entries: [String: [ChartVersionEntry]]

    public init(apiVersion: String = "v1", generated: String = "", entries: [String: [ChartVersionEntry]]) {
        self.apiVersion = apiVersion
        self.generated = generated
        self.entries = entries.mapValues(Self.sortedNewestFirst)
    }

    /// Parses index.yaml (YAML or JSON), as Helm's `loadIndex` does: null entries and entries
    /// without a version are skipped; `source` (the index URL) names the file in errors.
    public static func parse(_ bytes: [UInt8], source: String) throws -> RepositoryIndex {
        guard !bytes.isEmpty else {
            throw ChartRepositoryError(.invalidIndex, "the index at \(source) is empty; the repository publishes no index.yaml there (check the HelmRepository's url)")
        }
        let root: JSONValue
        do {
            root = try YAML.parse(String(decoding: bytes, as: UTF8.self), file: source)
        } catch {
            throw ChartRepositoryError(.invalidIndex, "the index at \(source) is not valid YAML: \(error)")
        }
        guard case .object(let object) = root else {
            throw ChartRepositoryError(.invalidIndex, "the index at \(source) is \(root.typeName), not a repository index (is the url pointing at a web page?)")
        }
        guard let apiVersion = object["apiVersion"]?.stringValue, !apiVersion.isEmpty else {
            throw ChartRepositoryError(.invalidIndex, "the index at \(source) has no apiVersion; it is not a Helm repository index")
        }
        var entries: [String: [ChartVersionEntry]] = [:]
        for (name, list) in object["entries"]?.objectValue ?? [:] {
            // `demo:` with nothing under it is a nil list in Go: no versions.
            if list.isNull { entries[name] = []; continue }
            guard let items = list.arrayValue else {
                throw ChartRepositoryError(.invalidIndex, "the index at \(source): entries.\(name) is \(list.typeName), expected a list of versions")
            }
            entries[name] = items.compactMap { ChartVersionEntry(name: name, yaml: $0) }
        }
        return RepositoryIndex(apiVersion: apiVersion, generated: scalarText(object["generated"]) ?? "", entries: entries)
    }

    /// Newest first by semver; equal versions (differing only in build metadata) by creation
    /// time, newest first, as Flux orders them; unparsable versions at the end.
    static func sortedNewestFirst(_ versions: [ChartVersionEntry]) -> [ChartVersionEntry] {
        versions.enumerated().sorted { left, right in
            switch (left.element.semver, right.element.semver) {
            case let (l?, r?):
                if l != r { return r < l }
                let lc = left.element.createdDate ?? .distantPast, rc = right.element.createdDate ?? .distantPast
                return lc != rc ? rc < lc : left.offset < right.offset
            case (_?, nil): return true
            case (nil, _?): return false
            case (nil, nil): return left.offset < right.offset
            }
        }.map(\.element)
    }
}

/// One version of a chart in an index (Helm's `repo.ChartVersion`: the chart's metadata plus
/// `urls`, `created`, `digest`).
public struct ChartVersionEntry: Sendable, Hashable {
    public var name: String
    /// The version as written.
    public var version: String
    /// The parsed version; nil when it is not semver (such entries match only exactly).
    public var semver: Version?
    /// Archive URLs, absolute or relative to the repository URL; Helm downloads the first.
    public var urls: [String]
    /// `sha256` of the archive, as written (Helm writes bare hex); empty when absent.
    public var digest: String
    /// `created`, as written (RFC 3339).
    public var created: String
    public var appVersion: String
    public var description: String
    public var apiVersion: String
    /// `removed: true` marks a version the repository withdrew; it is still selectable, as in Helm.
    public var removed: Bool

    public init(name: String, version: String, urls: [String], digest: String = "", created: String = "",
                appVersion: String = "", description: String = "", apiVersion: String = "v2", removed: Bool = false) {
        self.name = name
        self.version = version
        self.semver = Version(version)
        self.urls = urls
        self.digest = digest
        self.created = created
        self.appVersion = appVersion
        self.description = description
        self.apiVersion = apiVersion
        self.removed = removed
    }

    init?(name: String, yaml: JSONValue) {
        guard case .object(let o) = yaml, let version = scalarText(o["version"]), !version.isEmpty else { return nil }
        let urls = (o["urls"]?.arrayValue ?? []).compactMap(\.stringValue)
        self.init(name: scalarText(o["name"]).flatMap { $0.isEmpty ? nil : $0 } ?? name, version: version, urls: urls,
                  digest: scalarText(o["digest"]) ?? "", created: scalarText(o["created"]) ?? "",
                  appVersion: scalarText(o["appVersion"]) ?? "", description: scalarText(o["description"]) ?? "",
                  apiVersion: scalarText(o["apiVersion"]) ?? "v1", removed: o["removed"]?.boolValue ?? false)
    }

    /// `created` as a date, for ordering equal versions.
    var createdDate: Date? {
        guard !created.isEmpty else { return nil }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: Self.trimFraction(created)) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: created)
    }

    /// Foundation reads at most millisecond fractions; Go writes nanoseconds.
    private static func trimFraction(_ text: String) -> String {
        guard let dot = text.firstIndex(of: ".") else { return text }
        let digits = text[text.index(after: dot)...].prefix { $0.isNumber }
        let rest = text[text.index(after: dot)...].dropFirst(digits.count)
        return String(text[..<dot]) + "." + String(digits.prefix(3)).padding(toLength: 3, withPad: "0", startingAt: 0) + rest
    }
}

/// A scalar as text: strings as they are, numbers and booleans in their YAML spelling (an index
/// may hold `version: 1.0` unquoted).
func scalarText(_ value: JSONValue?) -> String? {
    switch value {
    case .string(let text)?: return text
    case .int(let number)?: return String(number)
    case .double(let number)?: return String(number)
    case .bool(let flag)?: return String(flag)
    default: return nil
    }
}
