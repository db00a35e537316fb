import Cluster
import Foundation
import GitOpsAPI
import KubeAPIServer
import KubeClient
import Testing

@Suite("Retries, timeouts and broken connections")
struct RetryTests {
    @Test("429 is retried after the Retry-After the server asked for")
    func tooManyRequests() async throws {
        let f = try await Fixture.start()
        defer { Task { await f.stop() } }
        _ = try await f.client.create(configMap("a"), options: WriteOptions())
        f.server.clearRequests()
        f.server.inject(.status(429, retryAfter: 1), pathPrefix: "/api/v1/namespaces/default/configmaps/a")
        let clock = ContinuousClock()
        let start = clock.now
        let object = try await f.client.get(configMap("a").ref)
        let elapsed = clock.now - start
        #expect(object != nil)
        #expect(elapsed >= .seconds(1))
        #expect(elapsed < .seconds(3))
        #expect(f.server.requests.map(\.status) == [429, 200])
        #expect(f.client.requestCounts.retries == 1)
    }

    @Test("500 and 503 are retried with backoff until the server recovers")
    func serverErrors() async throws {
        let f = try await Fixture.start()
        defer { Task { await f.stop() } }
        _ = try await f.client.resource(apiVersion: "v1", kind: "ConfigMap")
        f.server.inject(.status(503), times: 1, pathPrefix: "/api/v1/namespaces")
        f.server.inject(.status(500), times: 1, pathPrefix: "/api/v1/namespaces")
        let result = try await f.client.apply(configMap("a"), options: ApplyOptions())
        #expect(result.action == .created)
        #expect(f.server.requests.filter { $0.path.hasPrefix("/api/v1/namespaces") }.map(\.status) == [503, 500, 404, 201])
    }

    @Test("gives up after the policy's attempts with the server's last error")
    func givesUp() async throws {
        let f = try await Fixture.start()
        defer { Task { await f.stop() } }
        _ = try await f.client.resource(apiVersion: "v1", kind: "ConfigMap")
        f.server.inject(.status(500), times: 10, pathPrefix: "/api/v1/namespaces")
        let error = try #require(await clusterError { _ = try await f.client.get(configMap("a").ref) })
        #expect(error.reason == .internalError && error.code == 500)
        #expect(error.message.contains("injected fault"))
        #expect(f.server.requests.filter { $0.path.hasPrefix("/api/v1/namespaces") }.count == Fixture.quickRetries.maxAttempts)
    }

    @Test("a connection broken after a write was carried out is an error, never a success, and is not repeated")
    func droppedWrite() async throws {
        let f = try await Fixture.start()
        defer { Task { await f.stop() } }
        _ = try await f.client.resource(apiVersion: "v1", kind: "ConfigMap")
        f.server.inject(.drop(afterHandling: true), pathPrefix: "/api/v1/namespaces", method: "POST")
        let error = try #require(await clusterError { _ = try await f.client.create(configMap("a"), options: WriteOptions()) })
        #expect(error.reason == .serviceUnavailable)
        #expect(error.message.contains("connection to the API server broke during POST"))
        #expect(error.message.contains("may or may not have been applied"))
        #expect(f.server.requests.filter { $0.method == "POST" }.count == 1)
        #expect(try f.cluster.get(configMap("a").ref) != nil)  // the server did store it
    }

    @Test("a read whose connection broke is repeated")
    func droppedRead() async throws {
        let f = try await Fixture.start()
        defer { Task { await f.stop() } }
        _ = try await f.client.create(configMap("a"), options: WriteOptions())
        f.server.inject(.drop(afterHandling: false), pathPrefix: "/api/v1/namespaces/default/configmaps/a", method: "GET")
        #expect(try await f.client.get(configMap("a").ref) != nil)
        #expect(f.server.requests.suffix(2).map(\.status) == [0, 200])
    }

    @Test("a request slower than the timeout fails as Timeout")
    func timeout() async throws {
        let f = try await Fixture.start(retryPolicy: .none, requestTimeout: .milliseconds(300))
        defer { Task { await f.stop() } }
        _ = try await f.client.resource(apiVersion: "v1", kind: "ConfigMap")
        f.server.inject(.delay(.seconds(2)), pathPrefix: "/api/v1/namespaces")
        let error = try #require(await clusterError { _ = try await f.client.get(configMap("a").ref) })
        #expect(error.reason == .timeout)
        #expect(error.message.contains("timed out"))
    }

    @Test("a server that is not there is an error naming the server")
    func unreachable() async throws {
        let f = try await Fixture.start()
        await f.stop()
        let error = try #require(await clusterError { _ = try await f.client.get(configMap("a").ref) })
        #expect(error.reason == .serviceUnavailable)
        #expect(error.message.contains(f.url))
    }
}
