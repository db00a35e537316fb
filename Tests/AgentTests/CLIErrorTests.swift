import Foundation
import Testing

/// What the `gitops` binary says when it cannot do what was asked, and with which exit code:
/// 2 for usage or environment errors, 1 for failures.
@Suite("The gitops commands tell the user what to do when they cannot proceed")
struct CLIErrorTests {
    @Test("without agent state every command says how to start the agent and exits 2", arguments: [
        ["status"], ["get", "kustomizations"], ["get", "sources", "git"], ["tree", "kustomization", "apps"],
        ["diff", "kustomization", "apps"], ["build", "kustomization", "apps"], ["suspend", "ks", "apps"],
    ])
    func noState(_ arguments: [String]) throws {
        let result = try CLI.run(arguments + ["--state-dir", "/nonexistent/gitops-state"])
        #expect(result.code == 2, "\(arguments): \(result.stderr)")
        #expect(result.stderr.contains("no agent state in /nonexistent/gitops-state"), "\(result.stderr)")
        #expect(result.stderr.contains("gitops run --url"))
    }

    @Test("an unknown object is refused with the command that lists what exists, exit 2")
    func unknownObject() async throws {
        let dir = ["--state-dir", try await CLIState.shared.harness().state]
        let ks = try CLI.run(["diff", "kustomization", "nope"] + dir)
        #expect(ks.code == 2)
        #expect(ks.stderr.contains("Kustomization 'flux-system/nope' not found; `gitops get kustomizations -A` lists what exists"), "\(ks.stderr)")
        let hr = try CLI.run(["reconcile", "release", "nope"] + dir)
        #expect(hr.code == 2)
        #expect(hr.stderr.contains("`gitops get releases -A`"), "\(hr.stderr)")
        let get = try CLI.run(["get", "sources", "git", "nope"] + dir)
        #expect(get.code == 2)
        #expect(get.stderr.contains("`gitops get sources git -n flux-system`"), "\(get.stderr)")
    }

    @Test("a bad flag, kind or output format is a usage error, exit 2")
    func badUsage() throws {
        let flag = try CLI.run(["status", "--bogus"])
        #expect(flag.code == 2)
        #expect(flag.stderr.contains("Unknown option '--bogus'"), "\(flag.stderr)")
        let kind = try CLI.run(["suspend", "gadget", "x"])
        #expect(kind.code == 2)
        #expect(kind.stderr.contains("unknown kind 'gadget': use one of kustomization (ks)"), "\(kind.stderr)")
        let output = try CLI.run(["status", "-o", "xml"])
        #expect(output.code == 2)
        #expect(output.stderr.contains("xml"), "\(output.stderr)")
        let both = try CLI.run(["get", "ks", "-A", "-n", "apps"])
        #expect(both.code == 2)
        #expect(both.stderr.contains("-n and -A exclude each other"), "\(both.stderr)")
    }

    @Test("check without a state directory says what to fix and exits 1")
    func checkWithoutState() throws {
        let result = try CLI.run(["check", "--state-dir", "/nonexistent/gitops-state"])
        #expect(result.code == 1)
        #expect(result.stdout.contains("✗ state directory /nonexistent/gitops-state does not exist"), "\(result.stdout)")
        #expect(result.stdout.contains("gitops run --url"))
    }
}
