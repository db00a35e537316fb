import Curl
import Foundation
import TestSupport
import Testing

@Suite("CurlClient sends requests and passes responses through")
struct CurlRequestTests {
    let client = CurlClient()

    @Test("a GET reaches the server with its path, query and headers")
    func getWithHeaders() async throws {
        let recorder = try HTTPRecorder { _, _ in .status(200, "hello") }
        let response = try await client.perform(CurlRequest(
            url: recorder.url + "/api/v1/things?limit=2",
            headers: [("Accept", "application/json"), ("X-Trace", "a"), ("X-Trace", "b")]))
        #expect(response.status == 200)
        #expect(response.text == "hello")
        let request = try #require(recorder.requests.first)
        #expect(request.method == "GET")
        #expect(request.target == "/api/v1/things?limit=2")
        #expect(request.path == "/api/v1/things")
        #expect(request.header("accept") == "application/json")
        #expect(request.headers(named: "X-Trace") == ["a", "b"])
        #expect(request.header("User-Agent") == "gitops")
        #expect(request.body.isEmpty)
    }

    @Test("a POST sends its body byte for byte with the caller's content type")
    func postWithBody() async throws {
        let recorder = try HTTPRecorder { _, _ in .status(202) }
        let json = #"{"involvedObject":{"kind":"Kustomization"},"message":"applied"}"#
        let response = try await client.perform(CurlRequest(
            method: "POST", url: recorder.url + "/hook",
            headers: [("Content-Type", "application/json"), ("Authorization", "Bearer abc")],
            body: Array(json.utf8)))
        #expect(response.status == 202)
        let request = try #require(recorder.requests.first)
        #expect(request.method == "POST")
        #expect(request.text == json)
        #expect(request.header("Content-Type") == "application/json")
        #expect(request.header("Content-Length") == String(json.utf8.count))
        #expect(request.header("Authorization") == "Bearer abc")
    }

    @Test("a large PUT body goes out at once, unlabelled, and a large answer comes back whole")
    func largePutBody() async throws {
        let recorder = try HTTPRecorder { request, _ in RecordedResponse(status: 200, body: request.body) }
        let body = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }  // includes NUL bytes
        let (response, elapsed) = try await measure {
            try await client.perform(CurlRequest(method: "PUT", url: recorder.url + "/blob", body: body))
        }
        #expect(response.status == 200)
        #expect(response.body == body)
        let request = try #require(recorder.requests.first)
        #expect(request.method == "PUT")
        #expect(request.body == body)
        #expect(request.header("Expect") == nil)
        #expect(request.header("Content-Type") == nil)
        // Many webhook receivers never answer `Expect: 100-continue`; libcurl would wait 1 s.
        #expect(elapsed < .milliseconds(900))
    }

    @Test("PATCH, DELETE and HEAD use their own method; PATCH without a body sends Content-Length 0")
    func otherMethods() async throws {
        let recorder = try HTTPRecorder { _, _ in .status(200, "body") }
        _ = try await client.perform(CurlRequest(method: "PATCH", url: recorder.url + "/p"))
        _ = try await client.perform(CurlRequest(method: "DELETE", url: recorder.url + "/d"))
        let head = try await client.perform(CurlRequest(method: "HEAD", url: recorder.url + "/h"))
        #expect(head.status == 200)
        #expect(head.body.isEmpty)
        let seen = recorder.requests
        #expect(seen.map(\.method) == ["PATCH", "DELETE", "HEAD"])
        #expect(seen[0].header("Content-Length") == "0")
        #expect(seen[1].header("Content-Length") == nil)
    }

    @Test("error statuses are responses, not errors, with their headers and bodies")
    func statusesPassThrough() async throws {
        let recorder = try HTTPRecorder(script: [
            RecordedResponse(status: 503, headers: [("Retry-After", "7")], body: Array("down".utf8)),
            .status(404, "no such hook"),
            RecordedResponse(status: 201, headers: [("Set-Cookie", "a=1"), ("set-cookie", "b=2")]),
        ])
        let first = try await client.perform(CurlRequest(url: recorder.url))
        #expect(first.status == 503)
        #expect(first.text == "down")
        #expect(first.header("retry-after") == "7")
        #expect(!first.isSuccess)
        let second = try await client.perform(CurlRequest(url: recorder.url))
        #expect(second.status == 404)
        #expect(second.text == "no such hook")
        let third = try await client.perform(CurlRequest(url: recorder.url))
        #expect(third.status == 201)
        #expect(third.isSuccess)
        #expect(third.headers.filter { $0.0.lowercased() == "set-cookie" }.map(\.1) == ["a=1", "b=2"])
    }

    @Test("redirects are returned as they are unless following is asked for")
    func redirects() async throws {
        let recorder = try HTTPRecorder { request, _ in
            request.path == "/start"
                ? RecordedResponse(status: 302, headers: [("Location", "/final")])
                : .status(200, "arrived")
        }
        let unfollowed = try await client.perform(CurlRequest(url: recorder.url + "/start"))
        #expect(unfollowed.status == 302)
        #expect(unfollowed.header("Location") == "/final")
        let followed = try await client.perform(CurlRequest(url: recorder.url + "/start", followRedirects: true))
        #expect(followed.status == 200)
        #expect(followed.text == "arrived")
        #expect(followed.header("Location") == nil)  // only the final response's headers
    }
}
