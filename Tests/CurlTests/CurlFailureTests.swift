import Curl
import Foundation
import TestSupport
import Testing

@Suite("CurlClient reports failures by kind and never leaks secrets")
struct CurlFailureTests {
    let client = CurlClient()

    /// A port on which nothing listens: the recorder's, after it stopped.
    func closedPort() throws -> UInt16 {
        let recorder = try HTTPRecorder()
        recorder.stop()
        return recorder.port
    }

    @Test("a refused connection fails quickly as couldNotConnect")
    func connectionRefused() async throws {
        let port = try closedPort()
        let (result, elapsed) = await measure {
            await Result { try await client.perform(CurlRequest(url: "http://127.0.0.1:\(port)/")) }
        }
        let error = try #require(result.failure as? CurlError)
        #expect(error.kind == .couldNotConnect)
        #expect(error.code == 7)
        #expect(error.description.contains("127.0.0.1"))
        #expect(elapsed < .seconds(1))
    }

    @Test("a server that never answers runs into the request's timeout")
    func timeout() async throws {
        let recorder = try HTTPRecorder { _, _ in .stall }
        let (result, elapsed) = await measure {
            await Result { try await client.perform(CurlRequest(url: recorder.url, timeout: .milliseconds(300))) }
        }
        let error = try #require(result.failure as? CurlError)
        #expect(error.kind == .timeout)
        #expect(elapsed >= .milliseconds(250))
        #expect(elapsed < .seconds(2))
    }

    @Test("cancelling the task aborts its transfer, and the client keeps working")
    func cancellation() async throws {
        let recorder = try HTTPRecorder { request, _ in request.path == "/slow" ? .stall : .status(200) }
        let client = self.client
        let task = Task {
            try await client.perform(CurlRequest(url: recorder.url + "/slow", timeout: .seconds(30)))
        }
        _ = await recorder.waitForRequests(count: 1)
        let (result, elapsed) = await measure {
            task.cancel()
            return await task.result
        }
        #expect(result.failure is CancellationError)
        #expect(elapsed < .seconds(1))
        let after = try await client.perform(CurlRequest(url: recorder.url + "/fast"))
        #expect(after.status == 200)
    }

    @Test("a task cancelled before it starts sends nothing")
    func cancelledBeforeStart() async throws {
        let recorder = try HTTPRecorder()
        let client = self.client
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await client.perform(CurlRequest(url: recorder.url))
        }
        #expect(await task.result.failure is CancellationError)
        try await Task.sleep(for: .milliseconds(100))
        #expect(recorder.requests.isEmpty)
    }

    @Test("user information and query values never appear in an error")
    func redactsSecrets() async throws {
        let port = try closedPort()
        let url = "http://alice:s3cret-pass@127.0.0.1:\(port)/hooks/flux?token=t0p-secret&channel=ops"
        let result = await Result { try await client.perform(CurlRequest(method: "POST", url: url, body: [1])) }
        let error = try #require(result.failure as? CurlError)
        #expect(error.kind == .couldNotConnect)
        #expect(error.url == "http://***@127.0.0.1:\(port)/hooks/flux?token=***&channel=***")
        let text = String(describing: error)
        print("redacted error: \(text)")
        for secret in ["alice", "s3cret", "t0p-secret"] {
            #expect(!text.contains(secret))
            #expect(!error.message.contains(secret))
        }
        #expect(text.hasPrefix("POST http://***@127.0.0.1:\(port)/hooks/flux"))
    }

    @Test("redactedURL hides user information, query values and fragments", arguments: [
        ("https://example.com/a/b", "https://example.com/a/b"),
        ("https://user:pw@example.com:8443/x", "https://***@example.com:8443/x"),
        ("https://token@example.com", "https://***@example.com"),
        ("https://example.com/p?a=1&b&c=", "https://example.com/p?a=***&***&c=***"),
        ("https://example.com/p#frag", "https://example.com/p"),
        ("https://example.com/p@q", "https://example.com/p@q"),
    ])
    func redactedURL(raw: String, expected: String) {
        #expect(CurlError.redactedURL(raw) == expected)
    }

    @Test("a header value with a line break is refused before anything is sent")
    func headerInjection() async throws {
        let recorder = try HTTPRecorder()
        let result = await Result {
            try await client.perform(CurlRequest(url: recorder.url, headers: [("X-Note", "a\r\nX-Evil: 1")]))
        }
        let error = try #require(result.failure as? CurlError)
        #expect(error.kind == .invalidRequest)
        #expect(recorder.requests.isEmpty)
    }

    @Test("schemes other than http and https are refused")
    func otherSchemes() async throws {
        let result = await Result { try await client.perform(CurlRequest(url: "file:///etc/passwd")) }
        let error = try #require(result.failure as? CurlError)
        #expect(error.kind == .invalidRequest)
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { error } else { nil }
    }
}

extension Result where Failure == any Error {
    /// Runs `body`, capturing what it throws.
    init(_ body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
