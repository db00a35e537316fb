import Foundation
import GitOpsAPI
import Testing

/// Runs the real `gitops` binary and compares what it prints with golden files.
enum CLI {
    struct Result {
        var stdout: String
        var stderr: String
        var code: Int32
    }

    /// Runs `gitops ARGS` with `GITOPS_STATE_DIR` unset and colour off (the output is a pipe anyway).
    static func run(_ arguments: [String]) throws -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: ProcessLifecycleTests.binary)
        p.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["GITOPS_STATE_DIR"] = nil
        p.environment = environment
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        // Read stderr concurrently so a full pipe never blocks the child.
        let errData = LockedData()
        let reader = Thread { errData.set(err.fileHandleForReading.readDataToEndOfFile()) }
        reader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        while !errData.done { usleep(1000) }
        return Result(stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData.data, as: UTF8.self),
                      code: p.terminationStatus)
    }

    final class LockedData: @unchecked Sendable {
        private let lock = NSLock()
        private var value = Data()
        private var finished = false
        func set(_ d: Data) { lock.lock(); value = d; finished = true; lock.unlock() }
        var done: Bool { lock.lock(); defer { lock.unlock() }; return finished }
        var data: Data { lock.lock(); defer { lock.unlock() }; return value }
    }

    /// Replaces what changes from run to run — commit hashes, ages and durations, timestamps,
    /// uids, generated pod names, temporary paths — with placeholders, and joins the wrapped
    /// lines under a table row (their break points move with the length of what was masked).
    static func mask(_ text: String, table: Bool = true) -> String {
        var s = text
        var rules: [(String, String)] = [
            (#"sha1:[0-9a-f]{7,40}"#, "sha1:<hash>"),
            (#"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z"#, "<time>"),
            (#"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"#, "<uid>"),
            (#"(web)-[a-z0-9]{5,12}-[a-z0-9]{5}"#, "$1-<pod>"),
            (#"(?<![\w.-])(\d+(\.\d+)?(ms|s|m|h|d))+(?![\w])"#, "<age>"),
        ]
        if table { rules += [
            (#"\n {4,}"#, " "),
            (#"[ \t]{2,}"#, "  "),
            (#"[ \t]+\n"#, "\n"),
        ] }
        for (pattern, template) in rules {
            s = s.replacingOccurrences(of: pattern, with: template, options: .regularExpression)
        }
        return s
    }

    static let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// Compares masked output with `Golden/NAME`; `GITOPS_UPDATE_GOLDEN=1` rewrites the file instead.
    static func expectGolden(_ output: String, _ name: String, table: Bool = true, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let masked = mask(output, table: table)
        let url = goldenDirectory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["GITOPS_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: goldenDirectory, withIntermediateDirectories: true)
            try masked.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let golden = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing golden file \(name); run with GITOPS_UPDATE_GOLDEN=1 to create it", sourceLocation: sourceLocation)
            return
        }
        #expect(masked == golden, "output differs from Golden/\(name):\n\(masked)", sourceLocation: sourceLocation)
    }
}

/// A state directory left by an in-process agent that reconciled a small repository — a root
/// Kustomization with a Provider and a suspended Alert, and `apps` whose Deployment cannot pull
/// its image (no healthy revision to roll back to) — and then stopped. Prepared once per run.
actor CLIState {
    static let shared = CLIState()
    private var prepared: AgentHarness?

    static let files: [String: String] = [
        "deploy/apps.yaml": Manifests.appsKustomization(timeout: "3s"),
        "deploy/notification.yaml": """
            apiVersion: notification.toolkit.fluxcd.io/v1beta3
            kind: Provider
            metadata:
              name: webhook
              namespace: flux-system
            spec:
              type: generic
              address: http://127.0.0.1:9/hook
            ---
            apiVersion: notification.toolkit.fluxcd.io/v1beta3
            kind: Alert
            metadata:
              name: all
              namespace: flux-system
            spec:
              suspend: true
              providerRef:
                name: webhook
              eventSources:
              - kind: Kustomization
                name: '*'

            """,
        "deploy/release.yaml": """
            apiVersion: helm.toolkit.fluxcd.io/v2
            kind: HelmRelease
            metadata:
              name: podinfo
              namespace: flux-system
            spec:
              interval: 5m
              chart:
                spec:
                  chart: podinfo
                  sourceRef:
                    kind: HelmRepository
                    name: podinfo

            """,
        "apps/kustomization.yaml": "resources: [namespace.yaml, settings.yaml, web.yaml]\n",
        "apps/namespace.yaml": Manifests.namespace,
        "apps/settings.yaml": Manifests.configMap("settings", data: "hello"),
        "apps/web.yaml": Manifests.deployment("web", fail: "ImagePullBackOff"),
    ]

    /// The harness (stopped) whose state directory the commands read.
    func harness() async throws -> AgentHarness {
        if let prepared { return prepared }
        let harness = try AgentHarness(files: Self.files)
        harness.start()
        let failed = await harness.eventually(.seconds(60)) {
            try harness.ready("apps")?.reason == "HealthCheckFailed" && harness.ready("flux-system")?.status == .true
        }
        await harness.stop()
        guard failed else { throw HarnessError("apps did not fail its health checks: \(String(describing: try? harness.ready("apps")))") }
        prepared = harness
        return harness
    }
}
