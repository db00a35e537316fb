import Cluster
import Foundation
import GitOpsAPI
import Testing

/// The commands that act, run as the real `gitops` binary against a running agent.
@Suite("The gitops commands against a running agent", .serialized)
struct CLILiveAgentTests {
    static let files = ["deploy/ns.yaml": Manifests.namespace, "deploy/cm.yaml": Manifests.configMap("settings", data: "one")]

    func running() async throws -> (AgentHarness, [String]) {
        let h = try AgentHarness(files: Self.files, interval: "1m", httpAddress: "127.0.0.1:0")
        h.start()
        #expect(await h.eventually { try h.ready()?.status == .true })
        return (h, ["--state-dir", h.state])
    }

    @Test("status while the agent runs shows everything ready and exits 0")
    func status() async throws {
        let (h, state) = try await running()
        let result = try CLI.run(["status"] + state)
        #expect(result.code == 0, "\(result.stderr)")
        try CLI.expectGolden(result.stdout, "live-status.txt")
        let json = try CLI.run(["status", "-o", "json"] + state)
        #expect(json.code == 0)
        try CLI.expectGolden(json.stdout, "live-status.json", table: false)
        await h.stop()
    }

    @Test("reconcile kustomization shows progress, waits for the agent's answer and exits 0")
    func reconcile() async throws {
        let (h, state) = try await running()
        let result = try CLI.run(["reconcile", "kustomization", "flux-system", "--with-source", "--timeout", "30s"] + state)
        #expect(result.code == 0, "\(result.stderr)")
        try CLI.expectGolden(result.stdout, "live-reconcile.txt", table: false)
        await h.stop()
    }

    @Test("suspend stops reconciles and get shows it; resume reconciles again and exits 0")
    func suspendResume() async throws {
        let (h, state) = try await running()
        let suspend = try CLI.run(["suspend", "kustomization", "flux-system"] + state)
        #expect(suspend.code == 0, "\(suspend.stderr)")
        try CLI.expectGolden(suspend.stdout, "live-suspend.txt", table: false)
        #expect(try h.kustomization()?.body[path: ["spec", "suspend"]] == true)
        let get = try CLI.run(["get", "kustomizations"] + state)
        try CLI.expectGolden(get.stdout, "live-get-kustomizations-suspended.txt")
        let resume = try CLI.run(["resume", "kustomization", "flux-system", "--timeout", "30s"] + state)
        #expect(resume.code == 0, "\(resume.stdout)\(resume.stderr)")
        try CLI.expectGolden(resume.stdout, "live-resume.txt", table: false)
        #expect(try h.kustomization()?.body[path: ["spec", "suspend"]] != true)
        await h.stop()
    }

    @Test("events lists what the agent recorded, as a table and as JSON lines")
    func events() async throws {
        let (h, state) = try await running()
        let table = try CLI.run(["events", "--for", "Kustomization/flux-system"] + state)
        #expect(table.code == 0, "\(table.stderr)")
        // Which events come first depends on timing (the Kustomization may run before its source
        // is ready), so the table is checked for its header and the success line.
        let rows = table.stdout.split(separator: "\n")
        #expect(rows.first.map { CLI.mask(String($0)) } == "LAST SEEN  TYPE  REASON  OBJECT  MESSAGE")
        #expect(rows.contains { $0.contains("Normal") && $0.contains("ReconciliationSucceeded") && $0.contains("ConfigMap/apps/settings created") })
        let json = try CLI.run(["events", "--for", "Kustomization/flux-system", "-o", "json"] + state)
        let lines = json.stdout.split(separator: "\n")
        #expect(!lines.isEmpty)
        for line in lines {
            let event = try JSONValue.parse(json: String(line))
            #expect(event["involvedObject"]?["kind"] == "Kustomization")
            #expect(event["reportingController"] == "kustomize-controller")
        }
        await h.stop()
    }

    @Test("events of a source print as a table and as JSON, as the golden files show")
    func sourceEvents() async throws {
        let (h, state) = try await running()
        // One artifact was stored: exactly one NewArtifact event, whatever the timing.
        let table = try CLI.run(["events", "--for", "GitRepository/flux-system"] + state)
        #expect(table.code == 0, "\(table.stderr)")
        try CLI.expectGolden(table.stdout, "live-events-source.txt")
        let json = try CLI.run(["events", "--for", "GitRepository/flux-system", "-o", "json"] + state)
        try CLI.expectGolden(json.stdout, "live-events-source.json", table: false)
        await h.stop()
    }

    @Test("get kustomizations -o json and tree -o json against a running agent match the golden files")
    func liveJSON() async throws {
        let (h, state) = try await running()
        try CLI.expectGolden(try CLI.run(["get", "kustomizations", "-o", "json"] + state).stdout, "live-get-kustomizations.json", table: false)
        try CLI.expectGolden(try CLI.run(["tree", "kustomization", "flux-system"] + state).stdout, "live-tree.txt")
        try CLI.expectGolden(try CLI.run(["tree", "kustomization", "flux-system", "-o", "json"] + state).stdout, "live-tree.json", table: false)
        await h.stop()
    }

    @Test("check passes against a running agent, and version prints the version")
    func checkAndVersion() async throws {
        let (h, state) = try await running()
        let port = try await h.httpPort()
        let check = try CLI.run(["check", "--http-address", "127.0.0.1:\(port)"] + state)
        #expect(check.code == 0, "\(check.stdout)\(check.stderr)")
        let masked = check.stdout.replacingOccurrences(of: "127.0.0.1:\(port)", with: "127.0.0.1:<port>")
            .replacingOccurrences(of: h.state, with: "<state>")
            // Library versions move with the machine's security updates.
            .replacingOccurrences(of: #"\d+\.\d+\.\d+"#, with: "<version>", options: .regularExpression)
        try CLI.expectGolden(masked, "live-check.txt", table: false)
        let version = try CLI.run(["version"])
        #expect(version.code == 0)
        #expect(version.stdout.hasPrefix("gitops "))
        await h.stop()
    }
}
