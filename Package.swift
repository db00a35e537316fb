// swift-tools-version:6.0
import PackageDescription
import Foundation

// Layout (see README "Architecture"):
// - C system libraries, each imported by exactly one Swift wrapper module.
// - GitOpsAPI: the object model and Flux's API types; every module may import it.
// - Engines (YAML, Hashing, SQLite, Git, Curl, SemVer, Cluster, EmbeddedCluster, Kustomize):
//   never import a component.
// - Components (SourceController, KustomizeController, NotificationController): never import
//   each other; they meet through API types, the cluster and the event log in Runtime.
// - Agent wires them; GitOpsCLI is the command line; `gitops` is a thin executable.

let swiftSettings: [SwiftSetting] = [.swiftLanguageMode(.v6)]

func system(_ name: String, _ pkg: String) -> Target {
    .systemLibrary(name: name, path: "Sources/\(name)", pkgConfig: pkg)
}

func module(_ name: String, _ deps: [Target.Dependency]) -> Target {
    .target(name: name, dependencies: deps, swiftSettings: swiftSettings)
}

/// `exclude`: fixture directories the tests read from disk (not resources).
func tests(_ name: String, _ deps: [Target.Dependency], exclude: [String] = []) -> Target {
    .testTarget(name: name, dependencies: deps, exclude: exclude, swiftSettings: swiftSettings)
}

let collections: Target.Dependency = .product(name: "OrderedCollections", package: "swift-collections")
let logging: Target.Dependency = .product(name: "Logging", package: "swift-log")

let package = Package(
    name: "gitops",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "gitops", targets: ["gitops"]),
        // A loopback Kubernetes API server over the embedded cluster, for benchmarks and trials.
        .executable(name: "gitops-apiserver", targets: ["gitops-apiserver"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.4.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0"),
    ],
    targets: [
        system("CGitOpsGit2", "libgit2"),
        system("CGitOpsCurl", "libcurl"),
        system("CGitOpsYAML", "yaml-0.1"),
        system("CGitOpsCrypto", "libcrypto"),
        system("CGitOpsSQLite", "sqlite3"),
        system("CGitOpsZlib", "zlib"),

        module("GitOpsAPI", [collections]),
        module("YAML", ["CGitOpsYAML", "GitOpsAPI"]),
        module("Hashing", ["CGitOpsCrypto"]),
        module("SQLite", ["CGitOpsSQLite"]),
        module("SemVer", []),
        module("Git", ["CGitOpsGit2", "Hashing", "SemVer"]),
        module("Curl", ["CGitOpsCurl"]),
        module("Cluster", ["GitOpsAPI"]),
        // kubeconfig and in-cluster configuration for a real cluster (issue 3; not wired in yet).
        module("KubeConfig", ["GitOpsAPI", "YAML"]),
        module("EmbeddedCluster", ["Cluster", "GitOpsAPI", "SQLite", "YAML"]),
        module("Kustomize", ["GitOpsAPI", "YAML"]),
        // gzip (zlib) and tar: Helm chart archives and release records.
        module("Compression", ["CGitOpsZlib"]),
        // Go's text/template: parser, executor, Go's built-in functions and fmt's formatting.
        module("GoTemplate", []),
        // Sprig's functions and Helm's conversions (toYaml, fromYaml, toJson, …) for templates.
        module("TemplateFunctions", ["GoTemplate", "Hashing", "YAML", "GitOpsAPI"]),
        // JSON Schema validation (Helm's values.schema.json).
        module("JSONSchema", ["GitOpsAPI", "GoTemplate"]),
        // Helm charts: loading (directories and archives), values, dependencies, rendering, install order.
        module("Helm", ["GoTemplate", "TemplateFunctions", "YAML", "GitOpsAPI", "SemVer", "Compression", "JSONSchema"]),
        // Helm 3 release records (Secrets sh.helm.release.v1.<name>.v<N>) and release history.
        module("HelmStorage", ["Cluster", "GitOpsAPI", "Compression"]),
        // Helm chart repositories: index.yaml, version selection, chart archives over HTTP(S).
        module("ChartRepository", ["Curl", "YAML", "GitOpsAPI", "SemVer", "Compression", "Hashing"]),
        // A real Kubernetes API server over HTTPS through libcurl, behind the ClusterClient protocol.
        module("KubeClient", ["Cluster", "GitOpsAPI", "Curl", "KubeConfig", "YAML", logging]),
        // A loopback Kubernetes API server (the embedded cluster behind the documented REST API),
        // for tests and benchmarks of KubeClient. Never used against a real cluster.
        module("KubeAPIServer", ["EmbeddedCluster", "Cluster", "GitOpsAPI", "YAML", logging,
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle")]),
        module("Runtime", ["GitOpsAPI", "Cluster", "SQLite", logging, .product(name: "Metrics", package: "swift-metrics")]),
        // The agent's HTTP server (receivers' hooks now; the API and metrics later), over Hummingbird.
        module("HTTPServer", [
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "HTTPTypes", package: "swift-http-types"), logging,
        ]),

        module("SourceController", ["Runtime", "Cluster", "Git", "GitOpsAPI", "ChartRepository", "Curl", logging]),
        module("KustomizeController", ["Runtime", "Cluster", "Kustomize", "GitOpsAPI", "YAML", logging]),
        module("ReleaseController", ["Runtime", "Cluster", "Helm", "HelmStorage", "ChartRepository", "GitOpsAPI", "YAML", "Kustomize",
                                      "GoTemplate", "TemplateFunctions", "Hashing", "Curl", logging]),
        module("NotificationController", ["Runtime", "Cluster", "Curl", "Hashing", "SQLite", "GitOpsAPI", logging]),

        module("Agent", [
            "SourceController", "KustomizeController", "NotificationController", "ReleaseController",
            "Runtime", "Cluster", "EmbeddedCluster", "GitOpsAPI", "YAML", "HTTPServer", logging,
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Prometheus", package: "swift-prometheus"),
        ]),
        module("GitOpsCLI", [
            "Agent", "Cluster", "EmbeddedCluster", "GitOpsAPI", "YAML", "Kustomize", "KustomizeController", "Runtime",
            "Curl", "Git", "KubeClient", "KubeConfig", "ReleaseController", "Helm", "HelmStorage", "ChartRepository", logging,
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "gitops", dependencies: ["GitOpsCLI"], swiftSettings: swiftSettings),
        .executableTarget(name: "gitops-apiserver", dependencies: [
            "KubeAPIServer", "EmbeddedCluster", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], swiftSettings: swiftSettings),

        module("TestSupport", ["GitOpsAPI"]),

        tests("GitOpsAPITests", ["GitOpsAPI", "YAML"]),
        tests("YAMLTests", ["YAML", "GitOpsAPI"]),
        tests("HashingTests", ["Hashing"]),
        tests("SQLiteTests", ["SQLite"]),
        tests("SemVerTests", ["SemVer"]),
        tests("GitTests", ["Git", "TestSupport"]),
        tests("CurlTests", ["Curl", "TestSupport"]),
        tests("EmbeddedClusterTests", ["EmbeddedCluster", "Cluster", "GitOpsAPI", "YAML"]),
        tests("ClusterTests", ["Cluster", "GitOpsAPI", "YAML"]),
        tests("KustomizeTests", ["Kustomize", "GitOpsAPI", "YAML"]),
        tests("AgentTests", ["Agent", "GitOpsCLI", "TestSupport", "EmbeddedCluster", "Cluster", "GitOpsAPI", "Runtime", "YAML", "Hashing", "Curl",
                             "KubeAPIServer", "KubeClient", "KubeConfig", "HelmStorage"], exclude: ["Golden"]),
        tests("NotificationControllerTests", ["NotificationController", "EmbeddedCluster", "Cluster", "GitOpsAPI", "Runtime", "TestSupport", "Hashing", "YAML"]),
        tests("HTTPServerTests", ["HTTPServer", "Curl"]),
        tests("KubeConfigTests", ["KubeConfig", "GitOpsAPI", "YAML"]),
        tests("RuntimeTests", ["Runtime", "EmbeddedCluster", "Cluster", "GitOpsAPI"]),
        tests("CompressionTests", ["Compression"]),
        tests("GoTemplateTests", ["GoTemplate"]),
        tests("TemplateFunctionsTests", ["TemplateFunctions", "GoTemplate", "GitOpsAPI", "YAML"]),
        tests("JSONSchemaTests", ["JSONSchema", "GitOpsAPI"]),
        tests("HelmTests", ["Helm", "GoTemplate", "TemplateFunctions", "GitOpsAPI", "YAML"], exclude: ["Differential"]),
        tests("HelmStorageTests", ["HelmStorage", "EmbeddedCluster", "Cluster", "GitOpsAPI", "Compression"]),
        tests("ChartRepositoryTests", ["ChartRepository", "TestSupport", "Compression", "GitOpsAPI"]),
        tests("ReleaseControllerTests", ["ReleaseController", "Helm", "HelmStorage", "EmbeddedCluster", "Cluster", "GitOpsAPI", "Runtime", "YAML", "TestSupport"]),
        tests("KubeClientTests", ["KubeClient", "KubeAPIServer", "KubeConfig", "EmbeddedCluster", "Cluster", "GitOpsAPI", "TestSupport", "YAML", "Curl"]),
    ]
)

// Development aid: `GITOPS_ONLY=YAMLTests,GitTests swift test --scratch-path .build-x` builds only
// the named test targets and what they depend on, so one module can be worked on while another
// is mid-change. Unset (CI, README), the whole package builds.
if let only = ProcessInfo.processInfo.environment["GITOPS_ONLY"], !only.isEmpty {
    var keep = Set(only.split(separator: ",").map(String.init))
    var frontier = Array(keep)
    while let name = frontier.popLast() {
        guard let target = package.targets.first(where: { $0.name == name }) else { continue }
        for dep in target.dependencies {
            if case .byNameItem(let dependency, _) = dep, !keep.contains(dependency) {
                keep.insert(dependency)
                frontier.append(dependency)
            }
        }
    }
    package.targets.removeAll { !keep.contains($0.name) }
    package.products = []
}
