import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A real HTTP/1.1 server on `127.0.0.1` for tests: it records every request and answers each
/// with whatever its responder says (a status, a body, a delay, or no answer at all).
///
/// It speaks plain POSIX sockets on threads of its own (one accepting, one per connection), so a
/// delayed answer never blocks another request or Swift's cooperative pool. Every answer carries
/// `Connection: close`. ``stop()`` closes the listening socket, so new connections are refused,
/// and ``start()`` listens again on the same port: the "receiver is down, then comes back" case.
///
/// ```swift
/// let recorder = try HTTPRecorder(script: [.status(503), .status(503)], then: .status(200))
/// // … point the code under test at recorder.url …
/// let seen = await recorder.waitForRequests(count: 3)
/// ```
public final class HTTPRecorder: Sendable {
    /// Chooses the answer to a request; `index` counts requests from 0 over the recorder's life.
    public typealias Responder = @Sendable (_ request: RecordedRequest, _ index: Int) -> RecordedResponse

    /// The port the recorder listens on, the same across ``stop()`` and ``start()``.
    public let port: UInt16
    private let state: RecorderBox<RecorderState>

    /// Starts listening on an ephemeral port; `responder` picks every answer (default: 200).
    public init(responder: @escaping Responder = { _, _ in .status(200) }) throws {
        let (fd, port) = try RecorderSocket.openListener(port: 0)
        self.port = port
        state = RecorderBox(RecorderState(responder: responder))
        startAccepting(fd)
    }

    /// Starts listening; the first requests get the `script` answers in order, later ones
    /// `fallback`. E.g. `script: [.status(503), .status(503)], then: .status(200)`.
    public convenience init(script: [RecordedResponse], then fallback: RecordedResponse = .status(200)) throws {
        try self.init { _, index in index < script.count ? script[index] : fallback }
    }

    deinit { stop() }

    /// The base URL, `http://127.0.0.1:<port>`.
    public var url: String { "http://127.0.0.1:\(port)" }

    /// Every request received so far, in arrival order.
    public var requests: [RecordedRequest] { state.withLock { $0.requests } }

    /// Whether the recorder is listening.
    public var isRunning: Bool { state.withLock { $0.listener != nil } }

    /// Replaces the responder for requests that arrive from now on.
    public func respond(with responder: @escaping Responder) {
        state.withLock { $0.responder = responder }
    }

    /// Waits until at least `count` requests were recorded or `timeout` passed, and returns the
    /// requests recorded by then (possibly fewer than `count`).
    public func waitForRequests(count: Int, timeout: Duration = .seconds(5)) async -> [RecordedRequest] {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while true {
            let seen = requests
            if seen.count >= count || ContinuousClock.now >= deadline { return seen }
            try? await Task.sleep(for: .milliseconds(10))
        }
    }

    /// Stops listening: new connections are refused, stalled answers end with a closed
    /// connection. Returns once the port is released. Calling it twice is harmless.
    public func stop() {
        let listener = state.withLock { state -> RecorderListener? in
            state.generation += 1
            defer { state.listener = nil }
            return state.listener
        }
        guard let listener else { return }
        // Wakes the accept thread's poll; it closes the socket and signals `closed`.
        _ = shutdown(listener.fd, Int32(SHUT_RDWR))
        listener.closed.wait()
    }

    /// Listens again on the same ``port`` after ``stop()``; does nothing while running.
    public func start() throws {
        guard !isRunning else { return }
        let (fd, _) = try RecorderSocket.openListener(port: port)
        startAccepting(fd)
    }

    private func startAccepting(_ fd: Int32) {
        let listener = RecorderListener(fd: fd)
        let generation = state.withLock { state in
            state.generation += 1
            state.listener = listener
            return state.generation
        }
        let state = self.state
        let thread = Thread {
            Thread.current.name = "recorder-accept"
            acceptLoop(listener: listener, generation: generation, state: state)
        }
        thread.start()
    }
}

/// One request as the ``HTTPRecorder`` read it off the wire.
public struct RecordedRequest: Sendable {
    /// The method, e.g. `POST`.
    public let method: String
    /// The request target as sent: path and query, e.g. `/hook?x=1`.
    public let target: String
    /// Header fields in arrival order, names as sent.
    public let headers: [(String, String)]
    /// The body, with any chunked transfer coding removed.
    public let body: [UInt8]

    /// The target without its query.
    public var path: String { String(target.prefix { $0 != "?" }) }

    /// The first value of header `name`, compared case-insensitively.
    public func header(_ name: String) -> String? { headers(named: name).first }

    /// Every value of header `name`, compared case-insensitively, in arrival order.
    public func headers(named name: String) -> [String] {
        let wanted = name.lowercased()
        return headers.filter { $0.0.lowercased() == wanted }.map(\.1)
    }

    /// The body as UTF-8 text.
    public var text: String { String(decoding: body, as: UTF8.self) }
}

/// The answer an ``HTTPRecorder`` gives to one request.
public struct RecordedResponse: Sendable {
    /// The status code.
    public var status: Int
    /// Extra header fields; `Content-Length` and `Connection: close` are added.
    public var headers: [(String, String)]
    /// The body.
    public var body: [UInt8]
    /// How long to wait before answering (the connection stays open meanwhile).
    public var delay: Duration
    /// Never answer: hold the connection open until the client gives up or the recorder stops.
    public var stalls: Bool

    /// Creates an answer.
    public init(status: Int = 200, headers: [(String, String)] = [], body: [UInt8] = [],
                delay: Duration = .zero, stalls: Bool = false) {
        self.status = status
        self.headers = headers
        self.body = body
        self.delay = delay
        self.stalls = stalls
    }

    /// An answer with `status` and a text body.
    public static func status(_ status: Int, _ text: String = "") -> RecordedResponse {
        RecordedResponse(status: status, body: Array(text.utf8))
    }

    /// An answer that never comes (for timeout and cancellation tests).
    public static var stall: RecordedResponse { RecordedResponse(stalls: true) }

    /// This answer, sent after `delay`.
    public func delayed(by delay: Duration) -> RecordedResponse {
        var copy = self
        copy.delay = delay
        return copy
    }
}

/// Why the recorder could not listen.
public struct HTTPRecorderError: Error, Sendable, CustomStringConvertible {
    /// The failed call and the system's reason.
    public let description: String
}

// MARK: - Shared state

/// What the accept and connection threads share with the recorder.
private struct RecorderState {
    var requests: [RecordedRequest] = []
    var responder: HTTPRecorder.Responder
    /// Bumped by every start and stop; threads of an older generation wind down.
    var generation = 0
    var listener: RecorderListener?

    init(responder: @escaping HTTPRecorder.Responder) { self.responder = responder }
}

/// A listening socket and the signal its accept thread gives after closing it.
private struct RecorderListener: Sendable {
    let fd: Int32
    let closed = DispatchSemaphore(value: 0)
}

/// A value behind a lock (Synchronization's `Mutex` needs macOS 15; the package supports 14).
private final class RecorderBox<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}

// MARK: - Threads

private func acceptLoop(listener: RecorderListener, generation: Int, state: RecorderBox<RecorderState>) {
    defer {
        _ = close(listener.fd)
        listener.closed.signal()
    }
    while state.withLock({ $0.generation == generation }) {
        // A timeout as well as the shutdown in stop(): either way the loop notices it is over.
        guard RecorderSocket.waitReadable(listener.fd, milliseconds: 100) else { continue }
        guard state.withLock({ $0.generation == generation }) else { return }
        let client = RecorderSocket.accept(listener.fd)
        guard client >= 0 else { continue }
        let thread = Thread {
            Thread.current.name = "recorder-conn"
            serve(client, generation: generation, state: state)
        }
        thread.start()
    }
}

/// Reads one request, records it, answers it and closes the connection.
private func serve(_ fd: Int32, generation: Int, state: RecorderBox<RecorderState>) {
    defer { _ = close(fd) }
    var reader = RecorderReader(fd: fd)
    guard let request = reader.readRequest() else { return }
    let response = state.withLock { state in
        state.requests.append(request)
        return state.responder(request, state.requests.count - 1)
    }
    if response.stalls {
        // Hold the connection until the client hangs up or the recorder stops.
        while state.withLock({ $0.generation == generation }) {
            if RecorderSocket.waitReadable(fd, milliseconds: 20), !RecorderSocket.discardInput(fd) { return }
        }
        return
    }
    if response.delay > .zero { Thread.sleep(forTimeInterval: response.delay.recorderSeconds) }
    RecorderSocket.sendAll(fd, RecorderWire.encode(response))
    _ = shutdown(fd, Int32(SHUT_WR))
}

extension Duration {
    fileprivate var recorderSeconds: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}

// MARK: - Parsing and encoding

/// Reads an HTTP/1.1 request from a blocking socket: head, then a Content-Length or chunked body.
private struct RecorderReader {
    let fd: Int32
    var buffer: [UInt8] = []
    /// Bytes in `buffer` before this index are consumed.
    var position = 0

    init(fd: Int32) { self.fd = fd }

    mutating func readRequest() -> RecordedRequest? {
        guard let head = readLine(), !head.isEmpty else { return nil }
        let parts = head.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 3 else { return nil }
        var headers: [(String, String)] = []
        while let line = readLine() {
            if line.isEmpty { break }
            guard let colon = line.firstIndex(of: ":") else { return nil }
            headers.append((String(line[..<colon]),
                            line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        func value(_ name: String) -> String? {
            headers.first { $0.0.lowercased() == name }?.1
        }
        if value("expect")?.lowercased() == "100-continue" {
            RecorderSocket.sendAll(fd, Array("HTTP/1.1 100 Continue\r\n\r\n".utf8))
        }
        let body: [UInt8]
        if value("transfer-encoding")?.lowercased().contains("chunked") == true {
            guard let chunked = readChunkedBody() else { return nil }
            body = chunked
        } else if let length = value("content-length").flatMap({ Int($0) }), length > 0 {
            guard let bytes = read(count: length) else { return nil }
            body = bytes
        } else {
            body = []
        }
        return RecordedRequest(method: String(parts[0]), target: String(parts[1]), headers: headers, body: body)
    }

    /// Chunks are `<hex size>[;extensions]CRLF<data>CRLF`, ended by a zero size and trailers.
    private mutating func readChunkedBody() -> [UInt8]? {
        var body: [UInt8] = []
        while true {
            guard let line = readLine() else { return nil }
            let sizeText = line.prefix { $0 != ";" }.trimmingCharacters(in: .whitespaces)
            guard let size = Int(sizeText, radix: 16) else { return nil }
            if size == 0 { break }
            guard let chunk = read(count: size), readLine() == "" else { return nil }
            body += chunk
        }
        while let trailer = readLine(), !trailer.isEmpty {}
        return body
    }

    private mutating func readLine() -> String? {
        while true {
            if let end = buffer[position...].firstIndex(of: UInt8(ascii: "\n")) {
                var line = buffer[position..<end]
                if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
                position = end + 1
                return String(decoding: line, as: UTF8.self)
            }
            // A head larger than 1 MiB is no request a test sends.
            guard buffer.count - position < 1 << 20, fill() else { return nil }
        }
    }

    private mutating func read(count: Int) -> [UInt8]? {
        while buffer.count - position < count {
            guard fill() else { return nil }
        }
        defer { position += count }
        return Array(buffer[position..<position + count])
    }

    private mutating func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        let received = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard received > 0 else { return false }
        buffer += chunk[..<received]
        return true
    }
}

private enum RecorderWire {
    static func encode(_ response: RecordedResponse) -> [UInt8] {
        var head = "HTTP/1.1 \(response.status) \(reason(response.status))\r\n"
        for (name, value) in response.headers { head += "\(name): \(value)\r\n" }
        if !response.headers.contains(where: { $0.0.lowercased() == "content-length" }) {
            head += "Content-Length: \(response.body.count)\r\n"
        }
        head += "Connection: close\r\n\r\n"
        return Array(head.utf8) + response.body
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 201: "Created"
        case 202: "Accepted"
        case 204: "No Content"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 409: "Conflict"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        default: "Status"
        }
    }
}

// MARK: - Sockets

/// The few socket calls the recorder makes, with the Linux/Darwin differences in one place.
private enum RecorderSocket {
    /// A listening IPv4 socket on 127.0.0.1:`port` (0: any free port) and its actual port.
    static func openListener(port: UInt16) throws -> (Int32, UInt16) {
        #if canImport(Glibc)
        // Close-on-exec from the start: a test may spawn a process at any moment, and an
        // inherited copy would keep the port bound after stop().
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw failure("socket") }
        #if !canImport(Glibc)
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        #endif
        // Rebinding the same port right after stop() would otherwise fail while connections of
        // the previous run linger in TIME_WAIT.
        var one: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else {
            let error = failure("bind 127.0.0.1:\(port)")
            _ = close(fd)
            throw error
        }
        guard listen(fd, 128) == 0 else {
            let error = failure("listen")
            _ = close(fd)
            throw error
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return (fd, UInt16(bigEndian: address.sin_port))
    }

    static func accept(_ fd: Int32) -> Int32 {
        #if canImport(Glibc)
        // accept4 needs _GNU_SOURCE, which the Glibc module does not import. A connection that
        // leaks into a child spawned in between only delays that connection's final close.
        let client = Glibc.accept(fd, nil, nil)
        #else
        let client = Darwin.accept(fd, nil, nil)
        if client >= 0 {
            var one: Int32 = 1
            _ = setsockopt(client, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        }
        #endif
        if client >= 0 {
            _ = fcntl(client, F_SETFD, FD_CLOEXEC)
            // A client that connects and never sends must not pin a thread forever.
            var limit = timeval(tv_sec: 10, tv_usec: 0)
            _ = setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        }
        return client
    }

    /// Whether `fd` has something to read (or is closed/shut down) within `milliseconds`.
    static func waitReadable(_ fd: Int32, milliseconds: Int32) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, milliseconds) > 0
    }

    /// After `waitReadable`: reads and drops what the peer sent; false when it hung up.
    static func discardInput(_ fd: Int32) -> Bool {
        var scratch = [UInt8](repeating: 0, count: 4096)
        return scratch.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) } > 0
    }

    static func sendAll(_ fd: Int32, _ bytes: [UInt8]) {
        #if canImport(Glibc)
        // A client that gave up must not kill the test process with SIGPIPE.
        let flags = Int32(MSG_NOSIGNAL)
        #else
        let flags: Int32 = 0
        #endif
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, flags) }
            guard sent > 0 else { return }
            offset += sent
        }
    }

    private static func failure(_ call: String) -> HTTPRecorderError {
        HTTPRecorderError(description: "HTTPRecorder: \(call) failed: \(String(cString: strerror(errno)))")
    }
}
