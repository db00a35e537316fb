import Curl
import HTTPServer
import Testing

/// The agent's HTTP server on a real loopback socket, driven by the project's libcurl client.
@Suite("The agent's HTTP server")
struct HTTPServerTests {
    let client = CurlClient()

    /// A server on an ephemeral loopback port with an echoing `/hook/` route.
    func startServer(maxBodySize: Int = HTTPServer.defaultMaxBodySize, ready: @escaping @Sendable () async -> Bool = { true })
        async throws -> (HTTPServer, String)
    {
        let server = HTTPServer(address: try ServerAddress(parsing: "127.0.0.1:0"), routes: [
            ServerRoute("/hook/") { request in
                .text(200, "\(request.method) \(request.path) \(request.header("x-test") ?? "-") \(request.body.count)")
            },
            ServerRoute("/exact") { _ in .text(202, "exact") },
        ], maxBodySize: maxBodySize, ready: ready)
        let port = try await server.start()
        return (server, "http://127.0.0.1:\(port)")
    }

    @Test("port 0 binds an ephemeral port and reports it")
    func ephemeralPort() async throws {
        let (server, base) = try await startServer()
        let port = try #require(server.port)
        #expect(port > 0)
        #expect(base.hasSuffix(":\(port)"))
        await server.stop()
        #expect(server.port == nil)
    }

    @Test("a request is routed by path prefix with its method, headers and body")
    func routesByPrefix() async throws {
        let (server, base) = try await startServer()
        let response = try await client.perform(CurlRequest(method: "POST", url: base + "/hook/abc?x=1", headers: [("X-Test", "yes")], body: Array("hello".utf8)))
        #expect(response.status == 200)
        #expect(response.text == "POST /hook/abc yes 5\n")
        let exact = try await client.perform(CurlRequest(url: base + "/exact"))
        #expect(exact.status == 202)
        await server.stop()
    }

    @Test("an unknown path is 404, and a prefix without a slash matches only itself")
    func unknownPath() async throws {
        let (server, base) = try await startServer()
        for path in ["/nothing", "/hook", "/exact/more", "/"] {
            #expect(try await client.perform(CurlRequest(url: base + path)).status == 404, "\(path)")
        }
        await server.stop()
    }

    @Test("a body over the limit is refused with 413 and never reaches the handler")
    func oversizedBody() async throws {
        let (server, base) = try await startServer(maxBodySize: 1024)
        let fits = try await client.perform(CurlRequest(method: "POST", url: base + "/hook/x", body: Array(repeating: 65, count: 1024)))
        #expect(fits.status == 200)
        #expect(fits.text == "POST /hook/x - 1024\n")
        let tooBig = try await client.perform(CurlRequest(method: "POST", url: base + "/hook/x", body: Array(repeating: 65, count: 1025)))
        #expect(tooBig.status == 413)
        // The server is still serving after refusing.
        #expect(try await client.perform(CurlRequest(url: base + "/healthz")).status == 200)
        await server.stop()
    }

    @Test("the default limit is Flux's 3 MiB")
    func defaultLimit() async throws {
        let (server, base) = try await startServer()
        let tooBig = try await client.perform(CurlRequest(method: "POST", url: base + "/hook/x", body: Array(repeating: 65, count: 3 * 1024 * 1024 + 1)))
        #expect(tooBig.status == 413)
        await server.stop()
    }

    @Test("/healthz and /readyz answer ok, and /readyz follows the readiness check")
    func healthEndpoints() async throws {
        let (server, base) = try await startServer()
        let health = try await client.perform(CurlRequest(url: base + "/healthz"))
        #expect(health.status == 200)
        #expect(health.text == "ok\n")
        let ready = try await client.perform(CurlRequest(url: base + "/readyz"))
        #expect(ready.status == 200)
        #expect(ready.text == "ok\n")
        await server.stop()

        let (notReady, base2) = try await startServer(ready: { false })
        #expect(try await client.perform(CurlRequest(url: base2 + "/readyz")).status == 503)
        #expect(try await client.perform(CurlRequest(url: base2 + "/healthz")).status == 200)
        await notReady.stop()
    }

    @Test("a port in use is an error that names the address")
    func portInUse() async throws {
        let (first, _) = try await startServer()
        let port = try #require(first.port)
        let second = HTTPServer(address: ServerAddress(host: "127.0.0.1", port: port), routes: [])
        await #expect(throws: ServerError.self) { try await second.start() }
        await first.stop()
    }

    @Test("cancelling run() stops the server and refuses new connections")
    func cancelStops() async throws {
        let server = HTTPServer(address: try ServerAddress(parsing: "127.0.0.1:0"), routes: [])
        let task = Task { try await server.run() }
        var port: Int?
        for _ in 0..<200 where port == nil {
            port = server.port
            if port == nil { try await Task.sleep(for: .milliseconds(10)) }
        }
        let bound = try #require(port)
        #expect(try await client.perform(CurlRequest(url: "http://127.0.0.1:\(bound)/healthz")).status == 200)
        task.cancel()
        try await task.value
        let after = await Result { try await client.perform(CurlRequest(url: "http://127.0.0.1:\(bound)/healthz", timeout: .seconds(2))) }
        #expect((after.failure as? CurlError)?.kind == .couldNotConnect)
    }

    @Test("addresses parse as the command line gives them")
    func addressParsing() throws {
        #expect(try ServerAddress(parsing: "127.0.0.1:9292") == ServerAddress(host: "127.0.0.1", port: 9292))
        #expect(try ServerAddress(parsing: ":9292") == ServerAddress(host: "0.0.0.0", port: 9292))
        #expect(try ServerAddress(parsing: "[::1]:0") == ServerAddress(host: "::1", port: 0))
        #expect(throws: ServerError.self) { try ServerAddress(parsing: "localhost") }
        #expect(throws: ServerError.self) { try ServerAddress(parsing: "localhost:http") }
        #expect(throws: ServerError.self) { try ServerAddress(parsing: "localhost:70000") }
    }
}

extension Result where Failure == any Error {
    init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }

    var failure: (any Error)? { if case .failure(let e) = self { e } else { nil } }
}
