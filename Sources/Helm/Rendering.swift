import Foundation

/// What rendering a chart produced, in Helm's terms: manifests in install order, hooks, the
/// chart's `crds/` files, and the root chart's NOTES.txt.
public struct Rendering: Sendable {
    /// One document of a rendered template (`releaseutil.Manifest`).
    public struct Manifest: Sendable, Equatable {
        /// The template's path, e.g. `mychart/charts/sub/templates/deployment.yaml`.
        public var sourcePath: String
        /// The document's text, trimmed, without its `---` separator.
        public var content: String
        public var apiVersion: String
        public var kind: String
        public var name: String
    }

    /// A document annotated `helm.sh/hook` (`release.Hook`).
    public struct Hook: Sendable, Equatable {
        public var name: String
        public var kind: String
        public var sourcePath: String
        public var manifest: String
        /// `pre-install`, `post-install`, `test`, … in the annotation's order.
        public var events: [String]
        /// `helm.sh/hook-weight` (0 when absent or not an integer).
        public var weight: Int
        /// `helm.sh/hook-delete-policy` entries (`before-hook-creation`, `hook-succeeded`, `hook-failed`).
        public var deletePolicies: [String]
        /// `helm.sh/hook-output-log-policy` entries.
        public var outputLogPolicies: [String]
    }

    /// A file of a chart's `crds/` directory (`chart.CRD`).
    public struct CRD: Sendable, Equatable {
        /// Path inside its chart (`crds/x.yaml`).
        public var name: String
        /// Path with the chart's full path (`parent/charts/sub/crds/x.yaml`).
        public var filename: String
        var file: ChartFile
        /// The file's bytes.
        public var data: [UInt8] { file.data }
    }

    public var manifests: [Manifest]
    public var hooks: [Hook]
    public var crds: [CRD]
    public var notes: String
    /// Warnings Helm would have logged while coalescing values.
    public var warnings: [String] = []
    /// The same as helm prints them to stderr, with the Go source location of its log.
    public var printedWarnings: [String] = []

    /// What `helm template` prints (pkg/action `renderResources` and cmd/helm/template.go):
    /// CRDs only with `--include-crds`, the manifests, then every hook (unless `--no-hooks`; test
    /// hooks unless `--skip-tests`), each as `---\n# Source: PATH\nCONTENT\n`.
    public func helmTemplateOutput(includeCRDs: Bool = false, includeHooks: Bool = true, skipTests: Bool = false) -> String {
        var manifest = ""
        if includeCRDs {
            for crd in crds {
                manifest += "---\n# Source: \(crd.filename)\n\(String(decoding: crd.data, as: UTF8.self))\n"
            }
        }
        for m in manifests {
            manifest += "---\n# Source: \(m.sourcePath)\n\(m.content)\n"
        }
        var out = GoStrings.trimSpace(manifest) + "\n"
        if includeHooks {
            for hook in hooks where !(skipTests && hook.events.contains("test")) {
                out += "---\n# Source: \(hook.sourcePath)\n\(hook.manifest)\n"
            }
        }
        return out
    }
}
