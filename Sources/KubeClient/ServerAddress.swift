import Foundation

/// Where requests go, after kubeconfig's `tls-server-name`: client-go verifies the server's
/// certificate against (and sends SNI for) that name while connecting to the server URL's
/// address. libcurl does the same when the URL carries the name and `CURLOPT_CONNECT_TO` maps
/// it back to the real address; only the `Host` header differs from Go's (it names the TLS
/// server name), which the API server does not read.
struct ServerAddress: Sendable {
    /// `https://host:port[/prefix]` without a trailing slash.
    var baseURL: String
    var connectTo: [String] = []

    init(server: String, tlsServerName: String?) {
        var base = server
        while base.hasSuffix("/") { base.removeLast() }
        baseURL = base
        guard let tlsServerName, !tlsServerName.isEmpty,
            let components = URLComponents(string: base), components.scheme == "https", let host = components.host
        else { return }
        let port = components.port ?? 443
        var rewritten = components
        rewritten.host = tlsServerName
        rewritten.port = port
        guard let url = rewritten.string else { return }
        let target = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        baseURL = url
        connectTo = ["\(tlsServerName):\(port):\(target):\(port)"]
    }
}
