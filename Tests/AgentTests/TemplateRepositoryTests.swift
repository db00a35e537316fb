import Foundation
import Testing
import TestSupport

/// `gitops template NAME CHART --repo URL [--version V]` against a chart repository on loopback:
/// the version Helm would pick, and (with the real helm, `GITOPS_HELM3`) the same output.
@Suite("gitops template --repo", .serialized)
struct TemplateRepositoryTests {
    static let helm = ProcessInfo.processInfo.environment["GITOPS_HELM3"].flatMap {
        FileManager.default.isExecutableFile(atPath: $0) ? $0 : nil
    }

    static func helmTemplate(_ arguments: [String]) throws -> CLI.Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: helm!)
        p.arguments = ["template"] + arguments
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile(), stderr = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return CLI.Result(stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self), code: p.terminationStatus)
    }

    @Test("the newest stable version, an exact one or a constraint's best; a missing chart named")
    func versions() throws {
        let repo = try ChartServer()
        for version in ["1.0.0", "1.1.0", "2.0.0", "3.0.0-rc.1"] { try repo.publish(version) }
        func rendered(_ extra: [String]) throws -> String {
            let result = try CLI.run(["template", "rel", "demo", "--repo", repo.url, "--namespace", "t"] + extra)
            #expect(result.code == 0, "\(result.stderr)")
            return result.stdout
        }
        #expect(try rendered([]).contains("version: \"2.0.0\""))
        #expect(try rendered(["--version", "1.x"]).contains("version: \"1.1.0\""))
        #expect(try rendered(["--version", "1.0.0"]).contains("version: \"1.0.0\""))
        #expect(try rendered(["--devel"]).contains("version: \"3.0.0-rc.1\""))
        let missing = try CLI.run(["template", "rel", "nope", "--repo", repo.url])
        #expect(missing.code == 1)
        #expect(missing.stderr.contains("chart \"nope\" not found"), "\(missing.stderr)")
    }

    @Test("the same output and warnings as helm template --repo", .enabled(if: helm != nil, "set GITOPS_HELM3 to the real helm 3.19 (scripts/get-helm)"))
    func sameAsHelm() throws {
        let repo = try ChartServer()
        for version in ["1.0.0", "1.1.0", "2.0.0"] { try repo.publish(version) }
        // The last case makes Helm log a coalescing warning (`coalesce.go:237: warning: …`).
        for extra in [[], ["--version", "~1.0"], ["--set", "replicas=3", "--show-only", "templates/deployment.yaml"],
                      ["--set", "greeting.x=1"]] {
            let arguments = ["rel", "demo", "--repo", repo.url, "--namespace", "t", "--kube-version", "1.33.0"] + extra
            let ours = try CLI.run(["template"] + arguments)
            let theirs = try Self.helmTemplate(arguments)
            #expect(ours.code == theirs.code)
            #expect(ours.stdout == theirs.stdout, "\(extra)")
            #expect(ours.stderr == theirs.stderr, "\(extra)")
        }
    }
}
