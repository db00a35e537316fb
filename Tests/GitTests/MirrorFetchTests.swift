import Foundation
import Git
import TestSupport
import Testing

@Suite("Mirror fetch and resolve")
struct MirrorFetchTests {
    @Test("mirrors a file:// repository and resolves its branch")
    func fileURL() async throws {
        let repo = try GitFixture()
        try repo.write("app.yaml", "kind: ConfigMap\n")
        let commit = try repo.commit("Add app\n\nLonger body.")
        let checkout = try await fetched(repo.fileURL) { try $0.resolve(.branch("main")) }
        #expect(checkout == GitCheckout(revision: "main@sha1:\(commit)", commit: commit, subject: "Add app"))
    }

    @Test("mirrors a repository given as a local path")
    func localPath() async throws {
        let repo = try GitFixture()
        let commit = try repo.commit("Initial")
        let checkout = try await fetched(repo.workTree) { try $0.resolve(.branch("main")) }
        #expect(checkout.commit == commit)
    }

    @Test("a second fetch into the same mirror sees a new commit")
    func incremental() async throws {
        let repo = try GitFixture()
        let first = try repo.commit("First")
        let directory = try scratchDirectory()
        let before = try await fetched(repo.fileURL, into: directory) { try $0.resolve(.branch("main")).commit }
        #expect(before == first)
        try repo.write("new.yaml", "a: 1\n")
        let second = try repo.commit("Second")
        let after = try await fetched(repo.fileURL, into: directory) { try $0.resolve(.branch("main")).commit }
        #expect(after == second)
    }

    @Test("branch, tag, semver, name and commit references give Flux revisions")
    func references() async throws {
        let repo = try GitFixture()
        let c1 = try repo.commit("One")
        try repo.tag("v1.0.0")
        let c2 = try repo.commit("Two")
        try repo.tag("v1.2.0", message: "annotated release")
        try repo.tag("v2.0.0-rc.1")
        try repo.tag("not-a-version")
        try repo.branch("feature")
        let c3 = try repo.commit("Three on feature")
        try repo.checkout("main")

        let results = try await fetched(repo.fileURL) { mirror in
            [
                try mirror.resolve(.branch("feature")),
                try mirror.resolve(.tag("v1.0.0")),
                try mirror.resolve(.tag("v1.2.0")), // annotated: peeled to the commit
                try mirror.resolve(.semver(">=1.0.0 <2.0.0")),
                try mirror.resolve(.semver("~1.0")),
                try mirror.resolve(.semver(">=2.0.0-0")),
                try mirror.resolve(.name("refs/heads/main")),
                try mirror.resolve(.name("refs/tags/v1.0.0")),
                try mirror.resolve(.commit(c1, branch: nil)),
                try mirror.resolve(.commit(c1, branch: "main")),
                try mirror.resolve(.commit(String(c3.prefix(10)), branch: "feature")),
            ].map(\.revision)
        }
        #expect(results == [
            "feature@sha1:\(c3)", "v1.0.0@sha1:\(c1)", "v1.2.0@sha1:\(c2)", "v1.2.0@sha1:\(c2)",
            "v1.0.0@sha1:\(c1)", "v2.0.0-rc.1@sha1:\(c2)", "refs/heads/main@sha1:\(c2)",
            "refs/tags/v1.0.0@sha1:\(c1)", "sha1:\(c1)", "main@sha1:\(c1)", "feature@sha1:\(c3)",
        ])
    }

    @Test("a missing branch, tag, commit or semver match is a clear notFound")
    func notFound() async throws {
        let repo = try GitFixture()
        try repo.commit("One")
        try repo.tag("v1.0.0")
        try repo.branch("other")
        let featureOnly = try repo.commit("Only on other")
        let errors = try await fetched(repo.fileURL) { mirror in
            [
                GitReference.branch("nope"), .tag("v9.9.9"), .semver(">=5.0.0"),
                .commit("0123456789abcdef0123456789abcdef01234567", branch: nil),
                .commit(featureOnly, branch: "main"), .name("refs/heads/missing"),
            ].map { reference -> GitError? in
                do { _ = try mirror.resolve(reference); return nil } catch { return error as? GitError }
            }
        }
        #expect(errors.allSatisfy { $0?.kind == .notFound }, "\(errors)")
        #expect(errors[0]?.message.contains("branch 'nope' not found") == true, "\(errors[0]?.message ?? "")")
        #expect(errors[2]?.message.contains("no tag") == true)
        #expect(errors[4]?.message.contains("not on branch 'main'") == true)
    }

    @Test("a branch deleted upstream disappears from the mirror")
    func prune() async throws {
        let repo = try GitFixture()
        try repo.commit("One")
        try repo.branch("short-lived")
        try repo.checkout("main")
        let directory = try scratchDirectory()
        _ = try await fetched(repo.fileURL, into: directory) { try $0.resolve(.branch("short-lived")) }
        try repo.git("branch", "-D", "short-lived")
        let error = try await #require(throws: GitError.self) {
            _ = try await fetched(repo.fileURL, into: directory) { try $0.resolve(.branch("short-lived")) }
        }
        #expect(error.kind == .notFound)
    }

    @Test("a repository that does not exist is notFound")
    func missingRepository() async throws {
        let error = try await fetchError("file:///nonexistent/gitops/repo.git")
        #expect(error.kind == .notFound, "\(error)")
    }

    @Test("unsupported or empty URLs are invalidURL")
    func invalidURLs() async throws {
        for url in ["", "ftp://example.com/repo.git", "https://", "ssh://host", "justaword-that-is-no-path"] {
            let error = try #require(throws: GitError.self) { _ = try GitMirror(url: url, directory: try scratchDirectory()) }
            #expect(error.kind == .invalidURL, "\(url): \(error)")
        }
    }

    @Test("an unreachable server fails fast with a network error")
    func unreachable() async throws {
        let directory = try scratchDirectory()
        // Timed inside the worker: with every test starting at once on two cores, the wait
        // for a thread says nothing about how long the fetch itself took.
        let (error, elapsed) = try await GitWorker.run { () -> (GitError?, Duration) in
            let mirror = try GitMirror(url: "http://127.0.0.1:1/x.git", directory: directory)
            let start = ContinuousClock.now
            do {
                try mirror.fetch(credentials: nil, timeout: .seconds(30))
                return (nil, ContinuousClock.now - start)
            } catch {
                return (error as? GitError, ContinuousClock.now - start)
            }
        }
        #expect(error?.kind == .network, "\(String(describing: error))")
        #expect(elapsed < .seconds(5))
    }

    @Test("GitWorker runs work off the cooperative pool and forwards errors")
    func worker() async throws {
        #expect(try await GitWorker.run { GitWorker.isWorkerThread })
        #expect(!GitWorker.isWorkerThread)
        await #expect(throws: GitError.self) {
            try await GitWorker.run { throw GitError(.other, "boom") }
        }
    }
}
