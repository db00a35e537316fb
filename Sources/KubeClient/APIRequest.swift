import GitOpsAPI

/// One call to the API server, before credentials and retries: a method, a path under the
/// server URL, query parameters, and a body with its media type.
struct APIRequest: Sendable {
    var method: String
    /// Starts with `/`: `/apis/apps/v1/namespaces/web/deployments/api`.
    var path: String
    var query: [(String, String)] = []
    var body: [UInt8]? = nil
    var contentType: String? = nil
    var kind: RequestClass
    /// The object the request is about, for error messages.
    var object: ObjectID? = nil

    /// Whether the request changes nothing on the server, so repeating it after a broken
    /// connection is safe (a read, or a write with `dryRun=All`).
    var isSafeToRepeat: Bool { kind == .read || kind == .discovery || kind == .dryRun }

    /// `path?name=value&…`, values percent-encoded as Go's `url.Values.Encode` does.
    var pathAndQuery: String {
        guard !query.isEmpty else { return path }
        return path + "?" + query.map { "\(Self.escape($0.0))=\(Self.escape($0.1))" }.joined(separator: "&")
    }

    /// Percent-encodes everything but RFC 3986 unreserved characters.
    static func escape(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
