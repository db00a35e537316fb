/// The answer to a ``CurlRequest``: any status the server sent, including 4xx and 5xx
/// (only transport failures throw).
public struct CurlResponse: Sendable {
    /// The HTTP status code of the final response (after redirects, if followed).
    public var status: Int
    /// The headers of the final response in the order received.
    public var headers: [(String, String)]
    /// The response body, decoded from any transfer encoding.
    public var body: [UInt8]

    /// Creates a response; the client builds these, tests may too.
    public init(status: Int, headers: [(String, String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of header `name`, compared case-insensitively.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.0.lowercased() == wanted }?.1
    }

    /// The body as UTF-8 text (invalid sequences become U+FFFD).
    public var text: String { String(decoding: body, as: UTF8.self) }

    /// Whether the status is 2xx.
    public var isSuccess: Bool { (200..<300).contains(status) }
}
