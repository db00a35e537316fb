import ArgumentParser
import Cluster
import Curl
import EmbeddedCluster
import Git
import Foundation
import GitOpsAPI

/// `gitops check`: is everything in place for the agent to work, and if not, what to fix.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the state directory, the cluster's Flux kinds and, with --http-address, the running agent.",
        discussion: "Exit code 0 when every check passes; 1 with what to fix otherwise."
    )

    @OptionGroup var state: StateOptions
    @Option(name: .customLong("http-address"), help: "The agent's HTTP address (host:port) to probe /healthz and /readyz on.")
    var httpAddress: String?

    /// One line of the report.
    struct Check {
        var ok: Bool
        var what: String
        /// What to do when it fails.
        var fix: String = ""
    }

    func run() async throws {
        var checks: [Check] = []
        if state.cluster.namesRealCluster {
            checks += await RealClusterChecks.run(state)
        } else {
            let dir = state.resolved
            var isDirectory: ObjCBool = false
            if !FileManager.default.fileExists(atPath: dir, isDirectory: &isDirectory) || !isDirectory.boolValue {
                checks.append(Check(ok: false, what: "state directory \(dir) does not exist",
                                    fix: "start the agent with `gitops run --url <repo> --path <dir>`, or pass --state-dir"))
            } else if !FileManager.default.isWritableFile(atPath: dir) {
                checks.append(Check(ok: false, what: "state directory \(dir) is not writable", fix: "fix its permissions, or pass another --state-dir"))
            } else {
                checks.append(Check(ok: true, what: "state directory \(dir)"))
                checks += await clusterChecks()
            }
        }
        if let httpAddress { checks += await httpChecks(httpAddress) }
        checks.append(Check(ok: true, what: "libgit2 \(GitLibrary.version)"))
        checks.append(Check(ok: true, what: "libcurl \(CurlClient.libraryVersion)"))
        for check in checks {
            print(check.ok ? Colour.green("✔") + " \(check.what)" : Colour.red("✗") + " \(check.what)")
            if !check.ok && !check.fix.isEmpty { print("  → \(check.fix)") }
        }
        if checks.contains(where: { !$0.ok }) { throw ExitCode(1) }
        print("✔ all checks passed")
    }

    /// The embedded cluster opens and serves every Flux kind the agent reconciles.
    func clusterChecks() async -> [Check] {
        let path = state.resolved + "/cluster.db"
        guard FileManager.default.fileExists(atPath: path) else {
            return [Check(ok: false, what: "no embedded cluster at \(path)", fix: "start the agent once with `gitops run --url <repo> --path <dir>`")]
        }
        let cluster: EmbeddedCluster
        do {
            cluster = try EmbeddedCluster(path: path)
        } catch {
            return [Check(ok: false, what: "cannot open \(path): \(error)", fix: "stop anything else writing it, or move it away and restart the agent")]
        }
        var checks = [Check(ok: true, what: "embedded cluster \(path)")]
        var missing: [String] = []
        for kind in FluxKind.all {
            do { _ = try cluster.resource(apiVersion: kind.apiVersion, kind: kind.kind) } catch { missing.append("\(kind.kind) (\(kind.apiVersion))") }
        }
        if missing.isEmpty {
            checks.append(Check(ok: true, what: "Flux kinds served: " + FluxKind.all.map(\.kind).joined(separator: ", ")))
        } else {
            checks.append(Check(ok: false, what: "kinds not served: " + missing.joined(separator: ", "),
                                fix: "restart the agent (`gitops run`): it installs Flux's CRDs on start"))
        }
        return checks
    }

    /// The running agent answers /healthz and /readyz.
    func httpChecks(_ address: String) async -> [Check] {
        let base = address.hasPrefix("http") ? address : "http://" + (address.hasPrefix(":") ? "127.0.0.1" + address : address)
        let client = CurlClient(maxConcurrent: 1)
        var checks: [Check] = []
        for endpoint in ["/healthz", "/readyz"] {
            do {
                let response = try await client.perform(CurlRequest(url: base + endpoint, timeout: .seconds(5)))
                checks.append(response.isSuccess
                    ? Check(ok: true, what: "agent \(base)\(endpoint): \(response.status)")
                    : Check(ok: false, what: "agent \(base)\(endpoint): HTTP \(response.status) \(response.text.prefix(200))",
                            fix: endpoint == "/readyz" ? "see `gitops status` for what is not ready" : "see the agent's log"))
            } catch {
                checks.append(Check(ok: false, what: "agent \(base)\(endpoint): \(error)",
                                    fix: "start the agent (`gitops run --http-address \(address)`) or pass the address it listens on"))
                break
            }
        }
        return checks
    }
}
