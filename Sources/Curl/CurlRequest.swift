/// One HTTP request for ``CurlClient/perform(_:)``.
///
/// A value type so callers can build, copy and log-free pass it between tasks; nothing in it is
/// ever printed (headers and bodies often carry tokens).
public struct CurlRequest: Sendable {
    /// The HTTP method, e.g. `GET`, `POST`, `PUT`, `PATCH`, `DELETE`, `HEAD`.
    public var method: String
    /// The absolute `http://` or `https://` URL. Other schemes are refused by libcurl.
    public var url: String
    /// Request headers in the order they are sent; a name may appear more than once.
    /// An empty value sends the header with an empty value.
    public var headers: [(String, String)]
    /// The request body, sent with `Content-Length`; `nil` sends none.
    public var body: [UInt8]?
    /// The limit for the whole transfer: connect, TLS, send and receive.
    public var timeout: Duration
    /// How the server's certificate is checked and which client certificate is shown.
    public var tls: TLSOptions
    /// A proxy URL (`http://proxy:3128`). `nil` keeps libcurl's default, which honours the
    /// `http_proxy`/`https_proxy`/`no_proxy` environment variables; `""` disables proxies.
    public var proxy: String?
    /// Whether 3xx responses are followed (at most 10 hops, http and https only).
    public var followRedirects: Bool
    /// `HOST:PORT:CONNECT-TO-HOST:CONNECT-TO-PORT` entries (libcurl's `CURLOPT_CONNECT_TO`): the
    /// URL's host names the server for TLS (SNI and certificate check) while the connection
    /// goes elsewhere. kubeconfig's `tls-server-name` is done this way.
    public var connectTo: [String] = []

    /// Creates a request; only `url` is required.
    public init(
        method: String = "GET",
        url: String,
        headers: [(String, String)] = [],
        body: [UInt8]? = nil,
        timeout: Duration = .seconds(30),
        tls: TLSOptions = TLSOptions(),
        proxy: String? = nil,
        followRedirects: Bool = false
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.tls = tls
        self.proxy = proxy
        self.followRedirects = followRedirects
    }

    /// TLS settings of one request.
    public struct TLSOptions: Sendable {
        /// PEM certificates trusted *instead of* the system store (as Flux's `caFile` does).
        public var caBundlePEM: String?
        /// Skips verification of the server's certificate chain and host name. Tests only.
        public var insecureSkipVerify: Bool
        /// A PEM client certificate for mutual TLS; needs ``clientKeyPEM``.
        public var clientCertificatePEM: String?
        /// The unencrypted PEM private key of ``clientCertificatePEM``.
        public var clientKeyPEM: String?

        /// Creates TLS options; the defaults verify against the system trust store.
        public init(
            caBundlePEM: String? = nil,
            insecureSkipVerify: Bool = false,
            clientCertificatePEM: String? = nil,
            clientKeyPEM: String? = nil
        ) {
            self.caBundlePEM = caBundlePEM
            self.insecureSkipVerify = insecureSkipVerify
            self.clientCertificatePEM = clientCertificatePEM
            self.clientKeyPEM = clientKeyPEM
        }
    }
}

extension CurlRequest {
    /// Rejects what would corrupt the request on the wire: a method that is not an HTTP token,
    /// header names or values that could smuggle a second header (CR, LF, NUL), and a client
    /// certificate without its key.
    func validate() throws(CurlError) {
        func invalid(_ message: String) -> CurlError {
            CurlError(code: 0, kind: .invalidRequest, message: message, method: "", url: url)
        }
        guard !method.isEmpty, method.utf8.allSatisfy(Self.isTokenByte) else {
            throw invalid("invalid HTTP method")
        }
        for (name, value) in headers {
            guard !name.isEmpty, name.utf8.allSatisfy(Self.isTokenByte) else {
                // The name is not echoed back: a mistyped header may well be a secret.
                throw invalid("invalid header name")
            }
            guard !value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0x00 }) else {
                throw invalid("header \(name) contains a line break")
            }
        }
        if (tls.clientCertificatePEM == nil) != (tls.clientKeyPEM == nil) {
            throw invalid("a client certificate needs both certificate and key")
        }
    }

    /// RFC 9110 `tchar`.
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }

    /// Whether the caller set header `name` (case-insensitive).
    func hasHeader(_ name: String) -> Bool {
        headers.contains { $0.0.lowercased() == name.lowercased() }
    }
}
