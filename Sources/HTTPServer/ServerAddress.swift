/// A listening address as the command line gives it: `host:port`, `:port` (every interface, as
/// Go's `net.Listen` and Flux's `--receiverAddr :9292` read it), `[::1]:port`; port 0 asks the
/// system for a free port (tests).
public struct ServerAddress: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    public init(parsing text: String) throws {
        guard let colon = text.lastIndex(of: ":") else {
            throw ServerError("HTTP address '\(text)': expected host:port, e.g. 127.0.0.1:9292 or :9292")
        }
        var host = String(text[..<colon])
        let portText = text[text.index(after: colon)...]
        guard let port = Int(portText), (0...65535).contains(port) else {
            throw ServerError("HTTP address '\(text)': '\(portText)' is not a port number (0-65535)")
        }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        self.host = host.isEmpty ? "0.0.0.0" : host
        self.port = port
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
