import GitOpsAPI
import Foundation
import Hummingbird
import Logging

/// An answer before it goes on the wire.
struct APIAnswer: Sendable {
    var status: Int
    var headers: [(String, String)] = []
    var body: [UInt8] = []

    static func json(_ status: Int, _ value: JSONValue) -> APIAnswer {
        APIAnswer(status: status, headers: [("Content-Type", "application/json")], body: Array(value.jsonString().utf8))
    }
}

/// Reads each request, applies faults, authenticates, dispatches, logs.
struct APIResponder: HTTPResponder {
    typealias Context = BasicRequestContext
    let server: KubeAPIServer
    static let maxBody = 16 * 1024 * 1024

    func respond(to request: Request, context: BasicRequestContext) async throws -> Response {
        var body: [UInt8] = []
        for try await buffer in request.body {
            guard body.count + buffer.readableBytes <= Self.maxBody else {
                return Self.response(StatusBody.answer(413, reason: "RequestEntityTooLarge", message: "the request body exceeds \(Self.maxBody) bytes"))
            }
            body.append(contentsOf: buffer.readableBytesView)
        }
        let header = { (name: String) in request.headers.first { $0.name.rawName.caseInsensitiveCompare(name) == .orderedSame }?.value }
        let incoming = IncomingRequest(method: request.method.rawValue, path: request.uri.path, query: request.uri.query,
                                       contentType: header("Content-Type"), body: body)
        let fault = server.state.withLock { $0.faults.take(method: incoming.method, path: incoming.path,
                                                                      dryRun: incoming.parameters["dryRun"] != nil) }
        var user: String?
        var answer: APIAnswer
        switch fault {
        case .status(let code, let retryAfter):
            answer = StatusBody.fault(code)
            if let retryAfter { answer.headers.append(("Retry-After", String(retryAfter))) }
        case .drop(let afterHandling):
            if afterHandling { _ = await handle(incoming, header: header) }
            server.log(incoming, user: nil, status: 0)
            return Self.brokenResponse()
        case .answer(let code, let contentType, let text):
            answer = APIAnswer(status: code, headers: [("Content-Type", contentType)], body: Array(text.utf8))
        case .delay(let duration):
            try? await Task.sleep(for: duration)
            (user, answer) = await handle(incoming, header: header)
        case nil:
            (user, answer) = await handle(incoming, header: header)
        }
        server.log(incoming, user: user, status: answer.status)
        return Self.response(answer)
    }

    /// Authenticates, then serves.
    private func handle(_ incoming: IncomingRequest, header: (String) -> String?) async -> (String?, APIAnswer) {
        let authentication = server.authentication
        guard let user = authentication.user(authorization: header("Authorization"), proxyUser: header("X-Remote-User"),
                                             proxySecret: header("X-Front-Proxy-Secret"))
        else {
            return (nil, StatusBody.answer(401, reason: "Unauthorized", message: "Unauthorized"))
        }
        // User impersonation (`Impersonate-User`): allowed only when the caller may
        // `impersonate` that user or service account; the request then runs as it.
        if let impersonated = header("Impersonate-User"), !impersonated.isEmpty {
            if let refusal = server.impersonationRefusal(user: user, impersonating: impersonated) { return (user, refusal) }
            return (impersonated, server.serve(incoming, user: impersonated))
        }
        return (user, server.serve(incoming, user: user))
    }

    static func response(_ answer: APIAnswer) -> Response {
        var fields = HTTPFields()
        for (name, value) in answer.headers {
            if let name = HTTPFields.Element.Name(name) { fields.append(HTTPFields.Element(name: name, value: value)) }
        }
        fields[.contentLength] = String(answer.body.count)
        return Response(status: .init(code: answer.status), headers: fields,
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }

    /// Announces a body, sends part of it and fails: the server closes the connection with
    /// the answer half sent, as a crashing apiserver or a cut network would.
    static func brokenResponse() -> Response {
        var fields = HTTPFields()
        fields[.contentType] = "application/json"
        return Response(status: .ok, headers: fields, body: ResponseBody(contentLength: 4096) { writer in
            try await writer.write(ByteBuffer(string: "{\"kind\":\"Sta"))
            throw KubeAPIServerError("connection dropped by fault injection")
        })
    }
}

/// The parts of a request the handlers read.
struct IncomingRequest: Sendable {
    var method: String
    var path: String
    var query: String?
    var contentType: String?
    var body: [UInt8]

    var parameters: [String: String] { QueryString.parse(query) }
}

extension KubeAPIServer {
    func log(_ request: IncomingRequest, user: String?, status: Int) {
        let entry = LoggedRequest(method: request.method, path: request.path, query: request.query,
                                  contentType: request.contentType, user: user, status: status)
        state.withLock { $0.log.append(entry) }
    }
}
