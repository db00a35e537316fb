import Curl
import Foundation
import TestSupport
import Testing

@Suite("HTTPRecorder is a real HTTP/1.1 server for tests")
struct HTTPRecorderTests {
    let client = CurlClient()

    @Test("a script answers the first requests with 503 and the rest with 200")
    func scriptedAnswers() async throws {
        let recorder = try HTTPRecorder(script: [.status(503), .status(503)], then: .status(200, "ok"))
        var statuses: [Int] = []
        for _ in 0..<4 { statuses.append(try await client.perform(CurlRequest(url: recorder.url)).status) }
        #expect(statuses == [503, 503, 200, 200])
        #expect(await recorder.waitForRequests(count: 4).count == 4)
    }

    @Test("it stops, refuses connections, and comes back on the same port")
    func restartOnSamePort() async throws {
        let recorder = try HTTPRecorder()
        let port = recorder.port
        #expect(try await client.perform(CurlRequest(url: recorder.url + "/one")).status == 200)
        recorder.stop()
        #expect(!recorder.isRunning)
        let down = await Result { try await client.perform(CurlRequest(url: recorder.url + "/down")) }
        #expect((down.failure as? CurlError)?.kind == .couldNotConnect)
        try recorder.start()
        #expect(recorder.port == port)
        #expect(try await client.perform(CurlRequest(url: recorder.url + "/two")).status == 200)
        #expect(recorder.requests.map(\.path) == ["/one", "/two"])
    }

    @Test("the responder can be replaced while running")
    func replaceResponder() async throws {
        let recorder = try HTTPRecorder()
        recorder.respond { _, _ in .status(418, "teapot") }
        let response = try await client.perform(CurlRequest(url: recorder.url))
        #expect(response.status == 418)
        #expect(response.text == "teapot")
    }

    @Test("a chunked request body is decoded")
    func chunkedBody() async throws {
        let recorder = try HTTPRecorder()
        // libcurl's easy API sends chunked bodies only with a read callback; the curl tool does
        // it when told to, which also shows the recorder serves clients other than ours.
        let output = try await runToolChecked([
            "curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}",
            "-H", "Transfer-Encoding: chunked", "-H", "Content-Type: text/plain",
            "--data-binary", "hello chunked world", recorder.url + "/chunked",
        ])
        #expect(output == "200")
        let request = try #require(recorder.requests.first)
        #expect(request.header("Transfer-Encoding") == "chunked")
        #expect(request.text == "hello chunked world")
    }

    @Test("a client that asks for 100 Continue gets it at once")
    func expectContinue() async throws {
        let recorder = try HTTPRecorder()
        let body = [UInt8](repeating: 7, count: 50_000)
        let (response, elapsed) = try await measure {
            try await client.perform(CurlRequest(
                method: "POST", url: recorder.url, headers: [("Expect", "100-continue")], body: body))
        }
        #expect(response.status == 200)
        #expect(recorder.requests.first?.header("Expect") == "100-continue")
        #expect(recorder.requests.first?.body == body)
        #expect(elapsed < .milliseconds(900))  // libcurl gives up waiting after 1 s
    }

    @Test("waitForRequests returns what arrived when the timeout passes")
    func waitTimesOut() async throws {
        let recorder = try HTTPRecorder()
        _ = try await client.perform(CurlRequest(url: recorder.url))
        let (seen, elapsed) = await measure {
            await recorder.waitForRequests(count: 2, timeout: .milliseconds(150))
        }
        #expect(seen.count == 1)
        #expect(elapsed >= .milliseconds(150))
    }
}
