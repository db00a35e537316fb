import Foundation
import CGitOpsCurl

/// A transfer that produced no HTTP response: the connection, TLS handshake, name lookup or
/// time limit failed, or the request was malformed. HTTP error statuses are *not* errors.
///
/// The description names the method, the URL with secrets redacted, and libcurl's message;
/// headers and bodies never appear in it.
public struct CurlError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, coarse enough for a caller to decide between retrying and giving up.
    public enum Kind: Sendable, Equatable {
        /// Nothing accepted the connection (refused, unreachable).
        case couldNotConnect
        /// The request's ``CurlRequest/timeout`` passed.
        case timeout
        /// The TLS handshake failed or the peer's certificate was not trusted.
        case tls
        /// The host name (or proxy name) did not resolve.
        case dns
        /// The request itself is malformed (method, header, URL, certificate pair).
        case invalidRequest
        /// Any other libcurl failure; ``CurlError/code`` tells which.
        case other
    }

    /// libcurl's `CURLcode` (0 when the request was refused before reaching libcurl).
    public let code: Int
    /// The category of the failure.
    public let kind: Kind
    /// libcurl's explanation: `curl_easy_strerror` plus its error buffer, secrets scrubbed.
    public let message: String
    /// The request method.
    public let method: String
    /// The request URL with user information and query values replaced by `***`.
    public let url: String

    /// Creates an error; `url` is redacted here so no caller can forget it.
    init(code: Int, kind: Kind, message: String, method: String, url rawURL: String) {
        self.code = code
        self.kind = kind
        self.message = Self.scrub(message, secretsOf: rawURL)
        self.method = method
        self.url = Self.redactedURL(rawURL)
    }

    /// `POST https://***@host/path?token=***: <libcurl's message> (curl error 7)`.
    public var description: String {
        let target = method.isEmpty ? url : "\(method) \(url)"
        return code == 0 ? "\(target): \(message)" : "\(target): \(message) (curl error \(code))"
    }

    /// The kind of a libcurl result code.
    static func kind(of code: CURLcode) -> Kind {
        switch code {
        case CURLE_COULDNT_CONNECT: .couldNotConnect
        case CURLE_OPERATION_TIMEDOUT: .timeout
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: .dns
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL, CURLE_BAD_FUNCTION_ARGUMENT: .invalidRequest
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM,
            CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ENGINE_NOTFOUND,
            CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_ENGINE_INITFAILED, CURLE_SSL_SHUTDOWN_FAILED,
            CURLE_SSL_CRL_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
            CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CLIENTCERT:
            .tls
        default: .other
        }
    }

    /// `url` with everything that commonly carries a credential replaced by `***`: the
    /// `user:password@` part and every query value (`?token=***`). The fragment is dropped.
    /// Path segments are kept; callers whose URL path is itself a secret (Slack-style webhook
    /// addresses) should report ``kind`` and ``message`` rather than the description.
    public static func redactedURL(_ url: String) -> String {
        var rest = Substring(url)
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        var query: Substring?
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        var result = String(rest)
        if let schemeEnd = rest.range(of: "://") {
            let authorityEnd = rest[schemeEnd.upperBound...].firstIndex(of: "/") ?? rest.endIndex
            let authority = rest[schemeEnd.upperBound..<authorityEnd]
            if let at = authority.lastIndex(of: "@") {
                result = String(rest[..<schemeEnd.upperBound]) + "***"
                    + String(rest[at..<rest.endIndex])
            }
        }
        if let query, !query.isEmpty {
            let pairs = query.split(separator: "&", omittingEmptySubsequences: false).map { pair in
                pair.firstIndex(of: "=").map { String(pair[..<$0]) + "=***" } ?? "***"
            }
            result += "?" + pairs.joined(separator: "&")
        }
        return result
    }

    /// Removes from `message` the parts of `url` that `redactedURL` hides, in case libcurl ever
    /// echoes them (it names hosts and ports today, but the contract is ours to keep).
    static func scrub(_ message: String, secretsOf url: String) -> String {
        var secrets: [String] = []
        if let schemeEnd = url.range(of: "://") {
            let authority = url[schemeEnd.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
            if let at = authority.lastIndex(of: "@") {
                let userinfo = authority[..<at]
                secrets.append(String(userinfo))
                secrets += userinfo.split(separator: ":").map(String.init)
            }
        }
        if let mark = url.firstIndex(of: "?") {
            let query = url[url.index(after: mark)...].prefix { $0 != "#" }
            for pair in query.split(separator: "&") {
                secrets.append(String(pair.split(separator: "=", maxSplits: 1).last ?? pair))
            }
        }
        var scrubbed = message
        // Longest first, so a password is not half-replaced inside its own user:password.
        for secret in secrets.sorted(by: { $0.count > $1.count }) where secret.count >= 3 {
            scrubbed = scrubbed.replacingOccurrences(of: secret, with: "***")
        }
        return scrubbed
    }
}
