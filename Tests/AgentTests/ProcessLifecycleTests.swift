import Cluster
import EmbeddedCluster
import Foundation
import GitOpsAPI
import Runtime
import Testing
import TestSupport

/// The `gitops` binary as a separate process: killed with SIGKILL mid-apply it loses nothing;
/// SIGTERM lets it finish and exit cleanly.
@Suite("The agent process survives kills", .serialized)
struct ProcessLifecycleTests {
    /// The `gitops` executable next to this test bundle.
    static var binary: String {
        let bundle = URL(fileURLWithPath: CommandLine.arguments.first(where: { $0.contains(".xctest") }) ?? CommandLine.arguments[0])
        var dir = bundle.deletingLastPathComponent()
        if dir.path.hasSuffix("/Contents/MacOS") { dir = dir.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent() }
        return dir.appendingPathComponent("gitops").path
    }

    static func configMaps(prefix: String, count: Int) -> String {
        (0..<count).map { Manifests.configMap("\(prefix)-\($0)", data: "v\($0)") }.joined(separator: "---\n")
    }

    func launch(_ arguments: [String]) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.binary)
        p.arguments = arguments
        p.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        p.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try p.run()
        return p
    }

    func eventually(_ timeout: Duration = .seconds(30), _ condition: () throws -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if (try? condition()) == true { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return false
    }

    func ready(_ cluster: EmbeddedCluster) throws -> Condition? {
        let ks = try cluster.get(ObjectRef(apiVersion: Kustomization.apiVersion, kind: Kustomization.kind, namespace: "flux-system", name: "flux-system"))
        return Conditions(json: ks?.status?["conditions"])[ConditionType.ready]
    }

    @Test("an agent killed with SIGKILL mid-apply and restarted loses no event and leaves no object its inventory does not know")
    func sigkillRestart() async throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.binary), "build the gitops product first: \(Self.binary)")
        let receiver = try HTTPRecorder()
        receiver.stop()  // down for the whole first run: every delivery is still pending at the kill
        let repo = try GitFixture()
        try repo.write("deploy/ns.yaml", Manifests.namespace)
        try repo.write("deploy/alert.yaml", Manifests.alert(provider: receiver.url + "/hook"))
        try repo.write("deploy/many.yaml", Self.configMaps(prefix: "first", count: 300))
        try repo.commit("first")
        let state = try GitFixture.temporaryDirectory(prefix: "kill-state")
        let args = ["run", "--state-dir", state, "--url", repo.fileURL, "--branch", "main", "--path", "./deploy", "--interval", "1s",
                    "--watch-period", "100ms", "--notification-max-retry-delay", "1s", "--notification-max-attempts", "1000",
                    "--http-address", "127.0.0.1:0", "--log-level", "warning"]

        var agent = try launch(args)
        // The cluster database appears once the agent has started.
        #expect(await eventually { FileManager.default.fileExists(atPath: state + "/cluster.db") })
        try await Task.sleep(for: .milliseconds(200))
        let cluster = try EmbeddedCluster(path: state + "/cluster.db")
        #expect(await eventually { try ready(cluster)?.status == .true })

        // A second revision replaces every object; kill the agent in the middle of applying it.
        try repo.write("deploy/many.yaml", Self.configMaps(prefix: "second", count: 300))
        try repo.commit("second")
        let midApply = await eventually {
            try cluster.list(ListQuery(apiVersion: "v1", kind: "ConfigMap", namespace: "apps")).contains { $0.name.hasPrefix("second-") }
        }
        kill(agent.processIdentifier, SIGKILL)
        agent.waitUntilExit()
        #expect(midApply)
        let atKill = try cluster.list(ListQuery(apiVersion: "v1", kind: "ConfigMap", namespace: "apps")).map(\.name)
        print("at the kill: \(atKill.filter { $0.hasPrefix("first-") }.count) first-, \(atKill.filter { $0.hasPrefix("second-") }.count) second-")
        #expect(agent.terminationReason == .uncaughtSignal)

        // Nothing applied is unknown to the inventory, even now.
        try expectInventoryCoversLabelledObjects(cluster)

        // Restart, with the receiver back up.
        try receiver.start()
        agent = try launch(args)
        defer { kill(agent.processIdentifier, SIGKILL); agent.waitUntilExit() }
        let head = try repo.head()
        #expect(await eventually { try ready(cluster)?.message == "Applied revision: main@sha1:\(head)" })
        let names = try cluster.list(ListQuery(apiVersion: "v1", kind: "ConfigMap", namespace: "apps")).map(\.name)
        #expect(names.filter { $0.hasPrefix("second-") }.count == 300)
        #expect(names.filter { $0.hasPrefix("first-") }.isEmpty, "the first revision's objects are pruned")
        try expectInventoryCoversLabelledObjects(cluster)

        // Every event recorded since the Alert existed reaches the receiver.
        let log = try EventLog(path: state + "/events.db")
        let all = try log.events(after: 0).map(\.event)
        let firstRouted = try #require(all.firstIndex { $0.involvedObject.kind == "Kustomization" && $0.reason == "ReconciliationSucceeded" })
        let expected = all[firstRouted...].filter { ["Kustomization", "GitRepository"].contains($0.involvedObject.kind) }
        func key(_ e: JSONValue) -> String {
            "\(e["reason"]?.stringValue ?? "")|\(e["timestamp"]?.stringValue ?? "")|\(e["involvedObject"]?["name"]?.stringValue ?? "")|\(e["message"]?.stringValue ?? "")"
        }
        let wanted = Set(expected.map { key($0.json) })
        #expect(await eventually {
            let got = Set(receiver.requests.compactMap { try? JSONValue.parse(json: Data($0.body)) }.map(key))
            return wanted.isSubset(of: got)
        }, "every event reaches the receiver")
        #expect(wanted.count >= 3)
        receiver.stop()
    }

    @Test("SIGTERM finishes the work in flight and exits cleanly")
    func sigtermExitsCleanly() async throws {
        let repo = try GitFixture()
        try repo.write("deploy/ns.yaml", Manifests.namespace)
        try repo.write("deploy/cm.yaml", Manifests.configMap("a", data: "1"))
        try repo.commit("first")
        let state = try GitFixture.temporaryDirectory(prefix: "term-state")
        let agent = try launch(["run", "--state-dir", state, "--url", repo.fileURL, "--path", "./deploy", "--interval", "1s", "--watch-period", "100ms", "--http-address", "127.0.0.1:0"])
        #expect(await eventually { FileManager.default.fileExists(atPath: state + "/cluster.db") })
        try await Task.sleep(for: .milliseconds(200))
        let cluster = try EmbeddedCluster(path: state + "/cluster.db")
        #expect(await eventually { try ready(cluster)?.status == .true })

        // `gitops status` works while the agent runs…
        let (running, runningCode) = try status(["--state-dir", state])
        #expect(runningCode == 0)
        #expect(running.contains("kustomization  flux-system/flux-system  True"), "\(running)")
        #expect(running.contains("2/2 ready"))

        kill(agent.processIdentifier, SIGTERM)
        let exited = await eventually(.seconds(10)) { !agent.isRunning }
        if !exited { kill(agent.processIdentifier, SIGKILL) }
        agent.waitUntilExit()
        #expect(exited)
        #expect(agent.terminationReason == .exit)
        #expect(agent.terminationStatus == 0)

        // …and when it does not, as JSON too.
        let (json, code) = try status(["--state-dir", state, "-o", "json"])
        #expect(code == 0)
        let rows = try JSONValue.parse(json: json).arrayValue ?? []
        #expect(rows.count == 2)
        #expect(rows.allSatisfy { $0["ready"] == "True" })
        #expect(rows.contains { $0["kind"] == "GitRepository" && ($0["revision"]?.stringValue ?? "").hasPrefix("main@sha1:") })
    }

    @Test("gitops status without agent state says how to start one, and exits non-zero")
    func statusWithoutState() throws {
        let (output, code) = try status(["--state-dir", "/nonexistent/gitops-state"])
        #expect(code != 0)
        #expect(output.contains("no agent state in /nonexistent/gitops-state"), "\(output)")
        #expect(output.contains("gitops run --url"), "\(output)")
    }

    /// Runs `gitops status` and returns its standard output and error together, and its exit code.
    func status(_ arguments: [String]) throws -> (String, Int32) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.binary)
        p.arguments = ["status"] + arguments
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (String(decoding: data, as: UTF8.self), p.terminationStatus)
    }

    /// Every object carrying this agent's ownership labels is in the Kustomization's inventory.
    func expectInventoryCoversLabelledObjects(_ cluster: EmbeddedCluster) throws {
        let ks = try cluster.get(ObjectRef(apiVersion: Kustomization.apiVersion, kind: Kustomization.kind, namespace: "flux-system", name: "flux-system"))
        let inventory = Set(KustomizationStatus(json: ks?.status).inventory.map(\.id))
        for kind in [("v1", "ConfigMap"), ("v1", "Namespace"), (Provider.apiVersion, Provider.kind), (Alert.apiVersion, Alert.kind)] {
            let owned = try cluster.list(ListQuery(apiVersion: kind.0, kind: kind.1, labelSelector: "kustomize.toolkit.fluxcd.io/name=flux-system"))
            for object in owned {
                #expect(inventory.contains(object.id), "\(object.id) is applied but not in the inventory")
            }
        }
    }
}
