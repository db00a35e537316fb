import HTTPTypes
import Hummingbird

/// Routes each request to the route with the longest matching prefix, after reading its body
/// within the size limit: handlers get the whole body and never see an oversized one.
struct PrefixResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    /// Longest prefix first.
    let routes: [ServerRoute]
    let maxBodySize: Int

    func respond(to request: Request, context: BasicRequestContext) async throws -> Response {
        let path = request.uri.path
        guard let route = routes.first(where: { $0.matches(path) }) else {
            return Self.response(.text(404, "404 page not found"))
        }
        // A declared length over the limit is refused before reading a byte of the body.
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > maxBodySize {
            return Self.response(.text(413, "request body exceeds the limit of \(maxBodySize) bytes"))
        }
        var body: [UInt8] = []
        for try await buffer in request.body {
            // Chunked bodies have no declared length: count as they arrive.
            guard body.count + buffer.readableBytes <= maxBodySize else {
                return Self.response(.text(413, "request body exceeds the limit of \(maxBodySize) bytes"))
            }
            body.append(contentsOf: buffer.readableBytesView)
        }
        let headers = request.headers.map { (name: $0.name.rawName, value: $0.value) }
        let serverRequest = ServerRequest(method: request.method.rawValue, path: path, query: request.uri.query, headers: headers, body: body)
        return Self.response(await route.handler(serverRequest))
    }

    static func response(_ answer: ServerResponse) -> Response {
        var fields = HTTPFields()
        for (name, value) in answer.headers {
            if let name = HTTPField.Name(name) { fields.append(HTTPField(name: name, value: value)) }
        }
        fields[.contentLength] = String(answer.body.count)
        return Response(status: .init(code: answer.status, reasonPhrase: reasonPhrase(answer.status)), headers: fields,
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }

    static func reasonPhrase(_ code: Int) -> String {
        switch code {
        case 200: "OK"
        case 202: "Accepted"
        case 204: "No Content"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 413: "Content Too Large"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 503: "Service Unavailable"
        default: ""
        }
    }
}
