import SemVer

extension RepositoryIndex {
    /// Picks the version of `chart` for `range`, as Flux's source-controller does for a
    /// HelmChart: an entry whose version equals `range` exactly wins; otherwise the highest
    /// version satisfying the Masterminds-style constraint (`*` when `range` is empty, so
    /// pre-releases only when the range asks for them).
    ///
    /// - Parameter repository: the repository URL, for error messages.
    public func select(chart: String, range: String, repository: String) throws -> ChartVersionEntry {
        guard let versions = entries[chart], !versions.isEmpty else {
            let known = entries.keys.sorted().prefix(10).joined(separator: ", ")
            throw ChartRepositoryError(.chartNotFound, "chart \"\(chart)\" not found in the repository \(repository) (it lists \(entries.isEmpty ? "no charts" : known)); check the chart name")
        }
        let trimmed = range.trimmingSpaces
        if !trimmed.isEmpty, let exact = versions.first(where: { $0.version == trimmed }) { return exact }
        let constraint: Constraint
        do {
            constraint = try Constraint.parse(trimmed.isEmpty ? "*" : trimmed)
        } catch {
            throw ChartRepositoryError(.invalidConfiguration, "version range \"\(range)\" for chart \"\(chart)\" is invalid: \(error); use a semver range such as \">=1.2.0 <2.0.0\" or \"1.2.x\"")
        }
        // Entries are newest first, so the first match is the highest.
        if let match = versions.first(where: { $0.semver.map(constraint.matches) ?? false }) { return match }
        let available = versions.prefix(5).map(\.version).joined(separator: ", ")
        throw ChartRepositoryError(.noMatchingVersion, "no version of chart \"\(chart)\" in the repository \(repository) matches \"\(trimmed.isEmpty ? "*" : trimmed)\" (newest: \(available)); widen the range or publish a matching version")
    }
}

extension String {
    var trimmingSpaces: String {
        var slice = Substring(self)
        while slice.first?.isWhitespace == true { slice = slice.dropFirst() }
        while slice.last?.isWhitespace == true { slice = slice.dropLast() }
        return String(slice)
    }
}
