import ArgumentParser
import Foundation
import Helm

/// `gitops template NAME CHART`: what `helm template` (Helm 3.19) prints, rendered natively:
/// manifests in Helm's install order, then hooks, each `---\n# Source: PATH\n…`. Errors print as
/// helm prints them (`Error: …`) and exit 1.
struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "Render a Helm chart locally and print the manifests (like `helm template NAME CHART`).",
        discussion: """
            CHART is a chart directory or a .tgz archive. Values come from the chart, then each \
            -f file in order, then --set-json, --set, --set-string, --set-file and --set-literal, \
            merged as Helm merges them (null deletes a key). Without a cluster, `lookup` returns an \
            empty map, as in helm template.
            """
    )

    @Argument(help: "The release name (.Release.Name).") var name: String
    @Argument(help: "A chart directory or archive, or a chart's name with --repo.") var chart: String
    @Option(name: [.short, .customLong("namespace")], help: "The release namespace.") var namespace = "default"
    @Option(name: .customLong("kube-version"), help: "Kubernetes version for .Capabilities.KubeVersion (default 1.34.0).")
    var kubeVersion: String?
    @Option(name: [.customShort("f"), .customLong("values")], help: "A values file (repeatable; later files win).") var values: [String] = []
    @Option(name: .customLong("set"), help: "key=value pairs (repeatable), as helm --set.") var set: [String] = []
    @Option(name: .customLong("set-string"), help: "key=value pairs forced to strings (repeatable).") var setString: [String] = []
    @Option(name: .customLong("set-json"), help: "key=JSON pairs (repeatable), as helm --set-json.") var setJSON: [String] = []
    @Option(name: .customLong("set-file"), help: "key=path pairs: the file's contents become the value (repeatable).")
    var setFile: [String] = []
    @Option(name: .customLong("set-literal"), help: "key=value, the value taken literally (repeatable).") var setLiteral: [String] = []
    @Option(name: [.short, .customLong("show-only")], help: "Only the manifests of templates matching this path (repeatable; globs as filepath.Match).")
    var showOnly: [String] = []
    @Option(name: .customLong("output-dir"), help: "Write each template's manifests to files under this directory instead of printing them.")
    var outputDir: String?
    @Flag(name: .customLong("release-name"), help: "With --output-dir, write under DIR/NAME.") var useReleaseName = false
    @Option(name: [.short, .customLong("api-versions")], help: "Extra group/versions for .Capabilities.APIVersions (repeatable).")
    var apiVersions: [String] = []
    @Flag(name: .customLong("include-crds"), help: "Print the charts' crds/ files first.") var includeCRDs = false
    @Flag(name: .customLong("skip-tests"), help: "Leave out test hooks.") var skipTests = false
    @Flag(name: .customLong("no-hooks"), help: "Leave out all hooks.") var noHooks = false
    @Flag(name: .customLong("is-upgrade"), help: "Set .Release.IsUpgrade instead of .Release.IsInstall.") var isUpgrade = false
    @Flag(name: .customLong("skip-schema-validation"), help: "Do not check the values against the charts' values.schema.json.")
    var skipSchemaValidation = false
    @Option(name: .customLong("repo"), help: "A chart repository URL (http or https) to fetch CHART from.") var repo: String?
    @Option(name: .customLong("version"), help: "With --repo: an exact chart version or a semver constraint (default: the latest stable).")
    var version: String?
    @Flag(name: .customLong("devel"), help: "With --repo: pre-release versions count too.") var devel = false
    @Option(name: .customLong("username"), help: "With --repo: basic authentication user.") var username: String?
    @Option(name: .customLong("password"), help: "With --repo: basic authentication password.") var password: String?
    @Option(name: .customLong("ca-file"), help: "With --repo: PEM CA bundle to verify the repository with.") var caFile: String?
    @Option(name: .customLong("cert-file"), help: "With --repo: PEM client certificate.") var certFile: String?
    @Option(name: .customLong("key-file"), help: "With --repo: PEM client key.") var keyFile: String?
    @Flag(name: .customLong("insecure-skip-tls-verify"), help: "With --repo: do not verify the repository's certificate.")
    var insecureSkipTLSVerify = false
    @Flag(name: .customLong("pass-credentials"), help: "With --repo: send the credentials to chart URLs on other hosts too.")
    var passCredentials = false

    func run() throws {
        do {
            var output = try render()
            // Straight from the string's storage: a large chart's output is not copied again.
            output.withUTF8 { bytes in
                var offset = 0
                while offset < bytes.count {
                    let written = write(1, bytes.baseAddress! + offset, bytes.count - offset)
                    if written <= 0 { break }
                    offset += written
                }
            }
        } catch let error as HelmError {
            let hint = error.isRenderError ? "\n\nUse --debug flag to render out invalid YAML" : ""
            FileHandle.standardError.write(Data("Error: \(error.message)\(hint)\n".utf8))
            throw ExitCode(1)
        }
    }

    func render() throws -> String {
        var kube = KubeVersion.default
        if let kubeVersion { kube = try KubeVersion.parse(kubeVersion) }
        let userValues = try ValueOptions(
            valueFiles: values, jsonValues: setJSON, values: set, stringValues: setString,
            fileValues: setFile, literalValues: setLiteral).merged()
        let loaded: Chart
        if let repo {
            loaded = try ChartRepositoryOptions(
                url: repo, version: version, devel: devel, username: username, password: password, caFile: caFile,
                certFile: certFile, keyFile: keyFile, insecureSkipTLSVerify: insecureSkipTLSVerify, passCredentials: passCredentials
            ).fetch(chart)
        } else {
            loaded = try ChartLoader.load(path: chart)
        }
        if loaded.metadata.deprecated {
            FileHandle.standardError.write(Data("WARNING: This chart is deprecated\n".utf8))
        }
        var options = RenderOptions(
            releaseName: name, namespace: namespace, isUpgrade: isUpgrade,
            capabilities: Capabilities(kubeVersion: kube, apiVersions: apiVersions))
        options.skipSchemaValidation = skipSchemaValidation
        let rendering = try Helm.render(chart: loaded, values: userValues, options: options)
        for warning in rendering.printedWarnings {
            FileHandle.standardError.write(Data((warning + "\n").utf8))
        }
        var output: String
        if let outputDir {
            try rendering.writeHelmTemplateFiles(
                to: outputDir, releaseName: useReleaseName ? name : nil, includeCRDs: includeCRDs,
                includeHooks: !noHooks, skipTests: skipTests) { path in
                    FileHandle.standardOutput.write(Data("wrote \(path)\n".utf8))
                }
            output = "\n"
        } else {
            output = rendering.helmTemplateOutput(includeCRDs: includeCRDs, includeHooks: !noHooks, skipTests: skipTests)
        }
        if !showOnly.isEmpty { output = try Rendering.showOnly(showOnly, of: output) }
        return output
    }
}
