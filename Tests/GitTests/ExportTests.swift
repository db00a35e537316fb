import Foundation
import Git
import TestSupport
import Testing

@Suite("Export of a commit's files")
struct ExportTests {
    /// A repository with a bit of everything the default exclusions know about.
    static func sampleRepository() throws -> (GitFixture, String) {
        let repo = try GitFixture()
        try repo.write("deploy/app.yaml", "kind: Deployment\n")
        try repo.write("deploy/logo.png", "not really a png")
        try repo.write("bundle.tar.gz", "archive")
        try repo.write(".github/workflows/ci.yml", "on: push\n")
        try repo.write(".gitignore", "*.log\n")
        try repo.write(".travis.yml", "language: go\n")
        try repo.write("apps/.sops.yaml", "creation_rules: []\n")
        try repo.write("scripts/run.sh", "#!/bin/sh\necho hi\n", executable: true)
        try repo.write("README.md", "# sample\n")
        let commit = try repo.commit("Sample")
        return (repo, commit)
    }

    static func export(_ repo: GitFixture, commit: String, ignore: IgnoreRules = IgnoreRules()) async throws -> (ExportedTree, String) {
        let target = try scratchDirectory("export") + "/out"
        let tree = try await fetched(repo.fileURL) { try $0.export(commit: commit, to: target, ignore: ignore) }
        return (tree, target)
    }

    @Test("writes the tree without Flux's default exclusions")
    func defaults() async throws {
        let (repo, commit) = try Self.sampleRepository()
        let (tree, target) = try await Self.export(repo, commit: commit)
        #expect(tree.paths == ["README.md", "deploy/app.yaml", "scripts/run.sh"])
        #expect(tree.fileCount == 3)
        #expect(tree.size == "# sample\n".utf8.count + "kind: Deployment\n".utf8.count + "#!/bin/sh\necho hi\n".utf8.count)
        #expect(try String(contentsOfFile: target + "/deploy/app.yaml", encoding: .utf8) == "kind: Deployment\n")
        let mode = try FileManager.default.attributesOfItem(atPath: target + "/scripts/run.sh")[.posixPermissions] as? Int
        #expect(mode == 0o755)
        #expect(!FileManager.default.fileExists(atPath: target + "/.git"))
        #expect(tree.digest.hasPrefix("sha256:") && tree.digest.count == 7 + 64)
    }

    @Test("spec.ignore replaces the defaults but never lets .git files in")
    func specIgnore() async throws {
        let (repo, commit) = try Self.sampleRepository()
        let (tree, _) = try await Self.export(repo, commit: commit, ignore: IgnoreRules(spec: "# only scripts go\n/scripts/\n"))
        #expect(tree.paths == [".github/workflows/ci.yml", ".travis.yml", "README.md", "apps/.sops.yaml",
                               "bundle.tar.gz", "deploy/app.yaml", "deploy/logo.png"])
    }

    @Test(".sourceignore files apply relative to their directory, with negation")
    func sourceIgnore() async throws {
        let repo = try GitFixture()
        try repo.write("keep.yaml", "a: 1\n")
        try repo.write("apps/.sourceignore", "*.yaml\n!keep-me.yaml\n/local-only/\n")
        try repo.write("apps/drop.yaml", "b: 2\n")
        try repo.write("apps/keep-me.yaml", "c: 3\n")
        try repo.write("apps/local-only/x.txt", "x\n")
        try repo.write("other/local-only/y.txt", "y\n")
        try repo.write("other/z.yaml", "z: 1\n")
        try repo.write("picture.png", "png")
        let commit = try repo.commit("Ignore files")
        let (tree, _) = try await Self.export(repo, commit: commit)
        // A .sourceignore with patterns replaces the defaults (Flux's rule), so picture.png stays.
        #expect(tree.paths == ["apps/.sourceignore", "apps/keep-me.yaml", "keep.yaml", "other/local-only/y.txt",
                               "other/z.yaml", "picture.png"])
    }

    @Test("the digest is stable and follows content, mode and path")
    func digest() async throws {
        let repo = try GitFixture()
        try repo.write("a.yaml", "a: 1\n")
        try repo.write("dir/b.yaml", "b: 1\n")
        let first = try repo.commit("First")
        let (one, _) = try await Self.export(repo, commit: first)
        let (again, _) = try await Self.export(repo, commit: first)
        #expect(one.digest == again.digest)

        try repo.write("a.yaml", "a: 2\n")
        let second = try repo.commit("Change content")
        let (changed, _) = try await Self.export(repo, commit: second)
        #expect(changed.digest != one.digest)

        try repo.write("a.yaml", "a: 1\n", executable: true)
        let third = try repo.commit("Change mode")
        let (moded, _) = try await Self.export(repo, commit: third)
        #expect(Set([one.digest, changed.digest, moded.digest]).count == 3)

        // A commit that changes only an ignored file yields the same digest.
        try repo.write("a.yaml", "a: 1\n")
        try repo.write("image.png", "png")
        let fourth = try repo.commit("Add ignored image")
        let (ignoredOnly, _) = try await Self.export(repo, commit: fourth)
        #expect(ignoredOnly.digest == one.digest)
    }

    @Test("skips symbolic links and refuses a non-empty target")
    func symlinksAndTarget() async throws {
        let repo = try GitFixture()
        try repo.write("real.yaml", "a: 1\n")
        try FileManager.default.createSymbolicLink(atPath: repo.workTree + "/link.yaml", withDestinationPath: "/etc/passwd")
        let commit = try repo.commit("Link")
        let (tree, target) = try await Self.export(repo, commit: commit)
        #expect(tree.paths == ["real.yaml"])
        let error = try await #require(throws: GitError.self) {
            _ = try await fetched(repo.fileURL) { try $0.export(commit: commit, to: target, ignore: IgnoreRules()) }
        }
        #expect(error.message.contains("not an empty directory"))
    }
}
