import Foundation

/// Who may call a `KubeAPIServer`, the way kube-apiserver's authenticators decide it: static
/// bearer tokens (`--token-auth-file`), basic auth (removed from kube-apiserver in 1.19 but
/// still spoken by kubeconfigs and proxies, so clients must send it right), and client
/// certificates, whose identity a TLS-terminating front proxy passes on in `X-Remote-User` /
/// `X-Remote-Group` (kube's request-header authentication). The headers are believed only
/// when the request also carries the proxy's shared secret, so a client on loopback cannot
/// claim an identity by sending them itself.
public struct Authentication: Sendable {
    /// Bearer token → user name.
    public var tokens: [String: String]
    /// User name → password.
    public var basicUsers: [String: String]
    /// The secret the front proxy adds in `X-Front-Proxy-Secret`; nil trusts no proxy.
    public var frontProxySecret: String?
    /// Whether a request without credentials is served (as `system:anonymous`).
    public var allowAnonymous: Bool

    public init(tokens: [String: String] = [:], basicUsers: [String: String] = [:], frontProxySecret: String? = nil,
                allowAnonymous: Bool = false) {
        self.tokens = tokens
        self.basicUsers = basicUsers
        self.frontProxySecret = frontProxySecret
        self.allowAnonymous = allowAnonymous
    }

    /// Everyone is served as `system:anonymous` (the default of a test server).
    public static let anonymous = Authentication(allowAnonymous: true)

    /// The user a request authenticates as; nil means 401. As kube-apiserver's union of
    /// authenticators: the client certificate (here, the front proxy's headers) first, then the
    /// `Authorization` header; a request with both is the certificate's user.
    func user(authorization: String?, proxyUser: String?, proxySecret: String?) -> String? {
        if let proxyUser, !proxyUser.isEmpty, let frontProxySecret, proxySecret == frontProxySecret {
            return proxyUser
        }
        if let authorization {
            if authorization.hasPrefix("Bearer ") {
                return tokens[String(authorization.dropFirst("Bearer ".count))]
            }
            if authorization.hasPrefix("Basic "),
                let decoded = Base64.decode(String(authorization.dropFirst("Basic ".count))),
                let colon = decoded.firstIndex(of: ":")
            {
                let name = String(decoded[..<colon]), password = String(decoded[decoded.index(after: colon)...])
                return basicUsers[name] == password ? name : nil
            }
            return nil
        }
        return allowAnonymous ? "system:anonymous" : nil
    }
}

/// What a request asks to do, for an authorizer (kube's `authorizer.Attributes`).
public struct RequestAttributes: Sendable, Hashable {
    public var user: String
    /// get, list, create, update, patch, delete
    public var verb: String
    public var group: String
    /// The plural, with `/status` for the subresource.
    public var resource: String
    public var namespace: String?
    public var name: String?
    /// The path of a non-resource request (`/healthz`, `/metrics`), asked about through a
    /// SelfSubjectAccessReview's `nonResourceAttributes`; nil for requests about resources.
    public var path: String? = nil
}

/// Standard base64 decoding to text, without Foundation's Data round trip at call sites.
enum Base64 {
    static func decode(_ text: String) -> String? {
        var bits = 0, count = 0
        var bytes: [UInt8] = []
        for scalar in text.unicodeScalars {
            let value: Int
            switch scalar {
            case "A"..."Z": value = Int(scalar.value) - 65
            case "a"..."z": value = Int(scalar.value) - 97 + 26
            case "0"..."9": value = Int(scalar.value) - 48 + 52
            case "+", "-": value = 62
            case "/", "_": value = 63
            case "=": continue
            default: return nil
            }
            bits = (bits << 6) | value
            count += 6
            if count >= 8 {
                count -= 8
                bytes.append(UInt8((bits >> count) & 0xFF))
            }
        }
        return String(bytes: bytes, encoding: .utf8)
    }
}
