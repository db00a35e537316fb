import Foundation
import Testing
@testable import KubeConfig

@Suite("finding and merging kubeconfig files")
struct KubeConfigLoadTests {
    static func file(_ dir: TempDir, _ name: String, current: String?, server: String, contexts: [String], users: [String] = []) throws -> String {
        var text = current.map { "current-context: \($0)\n" } ?? ""
        text += "clusters:\n- name: shared\n  cluster: {server: \"\(server)\"}\n"
        text += "users:\n" + (["shared"] + users).map { "- name: \($0)\n  user: {token: t-\(name)}\n" }.joined()
        text += "contexts:\n" + contexts.map { "- name: \($0)\n  context: {cluster: shared, user: shared, namespace: ns-\(name)}\n" }.joined()
        return try dir.write(name, text)
    }

    @Test("in a KUBECONFIG list the first file that defines a name wins, for clusters, users and contexts")
    func firstWins() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let a = try Self.file(dir, "a", current: nil, server: "https://a", contexts: ["both", "only-a"])
        let b = try Self.file(dir, "b", current: "both", server: "https://b", contexts: ["both", "only-b"], users: ["extra"])
        let config = try KubeConfig.load(explicitPath: nil, environment: ["KUBECONFIG": "\(a):\(dir.path)/missing::\(b)"])
        #expect(config.files == [a, b])
        #expect(config.clusters["shared"]?.server == "https://a")
        #expect(config.clusters["shared"]?.file == a)
        #expect(config.contexts["both"]?.namespace == "ns-a")
        #expect(config.contexts["only-b"]?.namespace == "ns-b")
        #expect(config.users["extra"]?.file == b)
        #expect(try config.resolve(context: "only-b").credentials == .bearerToken("t-a"))
        // a sets no current-context, so b's applies.
        #expect(config.currentContext == "both")
        #expect(try config.resolve(context: nil).server == "https://a")
    }

    @Test("current-context comes from the first file that sets it")
    func currentContextFirstSetter() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let a = try Self.file(dir, "a", current: "ctx-x", server: "https://a", contexts: ["ctx-x", "ctx-y"])
        let b = try Self.file(dir, "b", current: "ctx-y", server: "https://b", contexts: ["ctx-y"])
        #expect(try KubeConfig.load(explicitPath: nil, environment: ["KUBECONFIG": "\(a):\(b)"]).currentContext == "ctx-x")
        #expect(try KubeConfig.load(explicitPath: nil, environment: ["KUBECONFIG": "\(b):\(a)"]).currentContext == "ctx-y")
    }

    @Test("--kubeconfig wins over KUBECONFIG and must exist")
    func explicitPath() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let a = try Self.file(dir, "a", current: "x", server: "https://a", contexts: ["x"])
        let b = try Self.file(dir, "b", current: "x", server: "https://b", contexts: ["x"])
        let config = try KubeConfig.load(explicitPath: b, environment: ["KUBECONFIG": a])
        #expect(config.files == [b])
        let missing = "\(dir.path)/nope"
        let error = try #require(throws: KubeConfigError.self) { try KubeConfig.load(explicitPath: missing, environment: [:]) }
        #expect(error.message.contains(missing))
        #expect(error.message.contains("--kubeconfig"))
    }

    @Test("without --kubeconfig or KUBECONFIG, ~/.kube/config is read")
    func homeConfig() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let text = "current-context: h\nclusters: [{name: c, cluster: {server: 'https://home'}}]\ncontexts: [{name: h, context: {cluster: c}}]\n"
        try dir.write(".kube/config", text)
        let config = try KubeConfig.load(explicitPath: nil, environment: ["HOME": dir.path])
        let connection = try config.resolve(context: nil)
        #expect(connection.server == "https://home")
        #expect(connection.credentials == .none)
        // A home without one is an empty configuration; resolving says what to do.
        let empty = try KubeConfig.load(explicitPath: nil, environment: ["HOME": "\(dir.path)/nowhere"])
        let error = try #require(throws: KubeConfigError.self) { try empty.resolve(context: nil) }
        #expect(error.reason == .noContext)
        #expect(error.message.contains("--context"))
    }
}
