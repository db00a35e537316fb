/// One request as a handler sees it: the body is already read (and within the size limit).
///
/// Named `ServerRequest` because Hummingbird re-exports `HTTPRequest`, which callers of this
/// module would otherwise see twice.
public struct ServerRequest: Sendable {
    public var method: String
    /// The path without the query string (`/hook/abc…`).
    public var path: String
    public var query: String?
    /// Header names as sent; look them up with ``header(_:)``, which ignores case.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(method: String = "GET", path: String, query: String? = nil, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// The first value of a header, compared without case as HTTP requires.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

/// A handler's answer.
public struct ServerResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A `text/plain` answer; a newline is added so `curl` output ends cleanly.
    public static func text(_ status: Int, _ text: String) -> ServerResponse {
        ServerResponse(status: status, headers: [("Content-Type", "text/plain; charset=utf-8")], body: Array((text + "\n").utf8))
    }
}

/// Answers the requests under one path prefix.
public typealias ServerHandler = @Sendable (ServerRequest) async -> ServerResponse

/// A path prefix and the handler for the requests under it. A prefix ending in `/` matches the
/// paths below it (`/hook/` matches `/hook/abc`); any other prefix matches only itself.
public struct ServerRoute: Sendable {
    public var prefix: String
    public var handler: ServerHandler

    public init(_ prefix: String, _ handler: @escaping ServerHandler) {
        self.prefix = prefix
        self.handler = handler
    }

    func matches(_ path: String) -> Bool {
        prefix.hasSuffix("/") ? path.hasPrefix(prefix) : path == prefix
    }
}

/// Why the server could not start.
public struct ServerError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
