import Cluster
import Foundation
import GitOpsAPI
import KubeAPIServer
import KubeClient
import KubeConfig
import TestSupport
import Testing

@Suite("Credentials")
struct AuthenticationTests {
    @Test("sends a bearer token; a wrong one is Unauthorized")
    func bearerToken() async throws {
        let f = try await Fixture.start(authentication: Authentication(tokens: ["t-123": "alice"]), credentials: .bearerToken("t-123"))
        defer { Task { await f.stop() } }
        _ = try await f.client.create(configMap("a"), options: WriteOptions())
        #expect(f.server.requests.allSatisfy { $0.user == "alice" })

        let stranger = KubeClient(connection: ClusterConnection(server: f.url, credentials: .bearerToken("wrong")), retryPolicy: .none)
        let error = try #require(await clusterError { _ = try await stranger.get(configMap("a").ref) })
        #expect(error.reason == .unauthorized && error.code == 401)
        #expect(!error.message.contains("wrong"))
    }

    @Test("re-reads a token file on every request, so rotation is picked up")
    func tokenFileRotation() async throws {
        let directory = try GitFixture.temporaryDirectory(prefix: "token")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/token"
        try "first-token\n".write(toFile: path, atomically: true, encoding: .utf8)
        let f = try await Fixture.start(authentication: Authentication(tokens: ["first-token": "sa"]), credentials: .bearerTokenFile(path: path))
        defer { Task { await f.stop() } }
        _ = try await f.client.create(configMap("a"), options: WriteOptions())

        // The kubelet rotates the projected token; the old one stops working.
        try "second-token\n".write(toFile: path, atomically: true, encoding: .utf8)
        f.server.authentication = Authentication(tokens: ["second-token": "sa-rotated"])
        #expect(try await f.client.get(configMap("a").ref) != nil)
        #expect(f.server.requests.last?.user == "sa-rotated")
    }

    @Test("sends basic auth")
    func basicAuth() async throws {
        let f = try await Fixture.start(authentication: Authentication(basicUsers: ["bob": "s3cret:pw"]),
                                        credentials: .basic(username: "bob", password: "s3cret:pw"))
        defer { Task { await f.stop() } }
        _ = try await f.client.list(ListQuery(apiVersion: "v1", kind: "Namespace"))
        #expect(f.server.requests.last?.user == "bob")
        let wrong = KubeClient(connection: ClusterConnection(server: f.url, credentials: .basic(username: "bob", password: "nope")), retryPolicy: .none)
        #expect(await clusterError { _ = try await wrong.list(ListQuery(apiVersion: "v1", kind: "Namespace")) }?.reason == .unauthorized)
    }

    /// A plugin that logs each run and prints the token in `token` valid for `lifetime` seconds.
    func execPlugin(in directory: String, lifetime: Int) throws -> KubeConfig.ExecConfig {
        let script = directory + "/plugin.sh"
        try """
            #!/bin/sh
            echo run >> "$RUNS_FILE"
            expiry=$(date -u -d "+\(lifetime) seconds" +%Y-%m-%dT%H:%M:%SZ)
            printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"%s","expirationTimestamp":"%s"}}\\n' "$(cat "$TOKEN_FILE")" "$expiry"
            """.write(toFile: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script)
        try "exec-1".write(toFile: directory + "/token", atomically: true, encoding: .utf8)
        return KubeConfig.ExecConfig(apiVersion: "client.authentication.k8s.io/v1", command: script,
                                     env: [.init(name: "RUNS_FILE", value: directory + "/runs"), .init(name: "TOKEN_FILE", value: directory + "/token")])
    }

    func runs(_ directory: String) -> Int {
        ((try? String(contentsOfFile: directory + "/runs", encoding: .utf8)) ?? "").split(separator: "\n").count
    }

    @Test("runs an exec plugin once while its credential is valid, and again after a 401")
    func execPluginCached() async throws {
        let directory = try GitFixture.temporaryDirectory(prefix: "exec")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let exec = try execPlugin(in: directory, lifetime: 3600)
        let f = try await Fixture.start(authentication: Authentication(tokens: ["exec-1": "ci"]), credentials: .exec(exec))
        defer { Task { await f.stop() } }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<6 {
                group.addTask { _ = try await f.client.create(configMap("c\(index)"), options: WriteOptions()) }
            }
            try await group.waitForAll()
        }
        #expect(runs(directory) == 1)
        #expect(f.server.requests.allSatisfy { $0.user == "ci" })

        // The server revokes the token; the plugin now hands out another.
        try "exec-2".write(toFile: directory + "/token", atomically: true, encoding: .utf8)
        f.server.authentication = Authentication(tokens: ["exec-2": "ci-2"])
        #expect(try await f.client.get(configMap("c0").ref) != nil)
        #expect(runs(directory) == 2)
        #expect(f.server.requests.suffix(2).map(\.status) == [401, 200])
    }

    @Test("runs the exec plugin again once its credential expired")
    func execPluginExpiry() async throws {
        let directory = try GitFixture.temporaryDirectory(prefix: "exec")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let exec = try execPlugin(in: directory, lifetime: 2)
        let f = try await Fixture.start(authentication: Authentication(tokens: ["exec-1": "ci"]), credentials: .exec(exec))
        defer { Task { await f.stop() } }
        _ = try await f.client.list(ListQuery(apiVersion: "v1", kind: "ConfigMap"))
        _ = try await f.client.list(ListQuery(apiVersion: "v1", kind: "ConfigMap"))
        #expect(runs(directory) == 1)
        try await Task.sleep(for: .milliseconds(2500))
        _ = try await f.client.list(ListQuery(apiVersion: "v1", kind: "ConfigMap"))
        #expect(runs(directory) == 2)
        #expect(!f.server.requests.contains { $0.status == 401 })
    }
}
