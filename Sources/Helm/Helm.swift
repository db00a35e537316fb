import GoTemplate

/// Helm charts rendered natively: loading a chart (directory or `.tgz`), its dependencies and
/// values, rendering its templates with Go's text/template semantics, and Helm's output order.
///
/// The pipeline is Helm 3.19's `helm template` (pkg/action/install.go `RunWithContext`):
/// `ProcessDependenciesWithMerge` (conditions, tags, import-values), `ToRenderValues` (coalesce
/// user values with the chart's), the engine (`pkg/engine`), then `renderResources`
/// (`SortManifests` into hooks and manifests in `InstallOrder`).
public enum Helm {
    /// Renders `chart` with the user-supplied `values` (already merged from `-f` files and `--set`
    /// flags, see `ValueOptions`), as `helm template` would.
    /// - Throws: `HelmError` with Helm's message (`execution error at (file:line:col): message`).
    /// Runs on a thread of its own with a large stack (see `LargeStack`); the caller blocks.
    public static func render(chart: Chart, values: GoMap, options: RenderOptions) throws -> Rendering {
        try renderRelease(chart: chart, values: values, options: options).rendering
    }

    /// Renders as `render` does and also returns the chart as a release records it (Helm's
    /// install and upgrade store the chart they processed): subcharts the values disable
    /// removed, `enabled` set on Chart.yaml's dependencies, imported values in its values.
    public static func renderRelease(chart: Chart, values: GoMap, options: RenderOptions) throws -> (rendering: Rendering, chart: Chart) {
        nonisolated(unsafe) let values = values
        return try LargeStack.run {
            let log = WarningLog()
            return try Coalesce.$warnings.withValue(log) {
                var result = try renderLogged(chart: chart, values: values, options: options)
                result.rendering.warnings = log.messages
                result.rendering.printedWarnings = log.printed
                return result
            }
        }
    }

    private static func renderLogged(chart: Chart, values: GoMap, options: RenderOptions) throws -> (rendering: Rendering, chart: Chart) {
        try checkInstallable(chart)
        var chart = chart
        try Dependencies.process(&chart, userValues: values)
        let coalesced = try Coalesce.values(chart: chart, user: values)
        // ToRenderValuesWithSchemaValidation: values.schema.json of the chart and its subcharts.
        if !options.skipSchemaValidation { try ValuesSchema.validate(chart: chart, values: coalesced) }
        let top = GoMap([
            "Release": .map(GoMap([
                "Name": .string(options.releaseName),
                "Namespace": .string(options.namespace),
                "IsUpgrade": .bool(options.isUpgrade),
                "IsInstall": .bool(!options.isUpgrade),
                "Revision": .int(options.revision),
                "Service": .string("Helm"),
            ])),
            "Capabilities": .object(options.capabilities),
            "Values": .map(coalesced),
        ])
        // From here on Helm has a release to show: its errors get the `--debug` hint.
        var files: [String: String]
        do {
            try checkKubeVersion(chart, options: options)
            files = try Engine(options: options).render(chart: chart, top: top)
        } catch var error as HelmError {
            error.isRenderError = true
            throw error
        }
        var notes: [String] = []
        for (path, text) in files.sorted(by: { $0.key < $1.key }) where path.hasSuffix("NOTES.txt") {
            if path == chart.metadata.name + "/templates/NOTES.txt" { notes.append(text) }
            files[path] = nil
        }
        let sorted: (manifests: [Rendering.Manifest], hooks: [Rendering.Hook])
        do {
            sorted = try ManifestSorter.sort(files: files)
        } catch var error as HelmError {
            error.isRenderError = true
            throw error
        }
        let rendering = Rendering(
            manifests: sorted.manifests, hooks: sorted.hooks,
            crds: chart.crdObjects(), notes: notes.joined(separator: "\n"))
        return (rendering, chart)
    }

    /// `checkIfInstallable` and `CheckDependencies` (cmd/helm/install.go): library charts cannot
    /// be installed, and every dependency Chart.yaml names must be present under `charts/`.
    public static func checkInstallable(_ chart: Chart) throws {
        if !["", "application"].contains(chart.metadata.type) {
            throw HelmError("\(chart.metadata.type) charts are not installable")
        }
        let missing = chart.metadata.dependencies.map(\.name).filter { name in
            !chart.dependencies.contains { $0.name == name }
        }
        if !missing.isEmpty {
            throw HelmError(
                "An error occurred while checking for chart dependencies. You may need to run `helm dependency build` to fetch missing dependencies: found in Chart.yaml, but missing in charts/ directory: \(missing.joined(separator: ", "))")
        }
    }

    /// Helm refuses a chart whose `kubeVersion` range excludes the target cluster's version.
    static func checkKubeVersion(_ chart: Chart, options: RenderOptions) throws {
        guard let range = chart.metadata.kubeVersion, !range.isEmpty else { return }
        let version = options.capabilities.kubeVersion.version
        if !VersionRange.isCompatible(range, version) {
            throw HelmError(
                "chart requires kubeVersion: \(range) which is incompatible with Kubernetes \(version)")
        }
    }
}
