import Foundation
import GoTemplate

extension TemplateFunctions {
    /// Sprig's `urlParse` and `urlJoin` (url.go) over a reading of Go's `net/url`.
    static func addURLs(to table: inout FunctionTable) {
        table.add("urlParse") { a in
            try a.expect(1)
            let url = GoURL(parsing: try a.string(0))
            return .map(GoMap([
                "scheme": .string(url.scheme), "host": .string(url.host), "hostname": .string(url.hostname),
                "path": .string(url.path), "query": .string(url.rawQuery), "opaque": .string(url.opaque),
                "fragment": .string(url.fragment), "userinfo": .string(url.userinfo),
            ]))
        }
        table.add("urlJoin") { a in
            try a.expect(1)
            let d = try a.map(0)
            func part(_ key: String) throws -> String {
                guard let value = d?.storage[key] else { return "" }
                guard case .string(let s) = value else {
                    throw FunctionError("unable to parse \(key) key, must be of type string, but \(try Arguments.kindForError(value)) found")
                }
                return s
            }
            var url = GoURL()
            (url.scheme, url.host, url.path) = (try part("scheme"), try part("host"), try part("path"))
            (url.rawQuery, url.opaque, url.fragment, url.userinfo) = (try part("query"), try part("opaque"), try part("fragment"), try part("userinfo"))
            return .string(url.string)
        }
    }
}

/// The parts of a URL as Go's `url.Parse` splits them.
struct GoURL {
    var scheme = "", opaque = "", userinfo = "", host = "", path = "", rawQuery = "", fragment = ""

    init() {}

    init(parsing text: String) {
        var rest = Substring(text)
        if let hash = rest.firstIndex(of: "#") {
            fragment = rest[rest.index(after: hash)...].removingPercentEncoding ?? String(rest[rest.index(after: hash)...])
            rest = rest[..<hash]
        }
        if let colon = rest.firstIndex(of: ":"), let first = rest.first, first.isASCII, first.isLetter,
           rest[..<colon].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }) {
            scheme = rest[..<colon].lowercased()
            rest = rest[rest.index(after: colon)...]
        }
        if let question = rest.firstIndex(of: "?") {
            rawQuery = String(rest[rest.index(after: question)...])
            rest = rest[..<question]
        }
        if !scheme.isEmpty, !rest.hasPrefix("/") {
            opaque = String(rest)
            return
        }
        if rest.hasPrefix("//") {
            rest = rest.dropFirst(2)
            let end = rest.firstIndex(of: "/") ?? rest.endIndex
            var authority = rest[..<end]
            rest = rest[end...]
            if let at = authority.lastIndex(of: "@") {
                userinfo = String(authority[..<at])
                authority = authority[authority.index(after: at)...]
            }
            host = String(authority)
        }
        path = rest.removingPercentEncoding ?? String(rest)
    }

    /// `URL.Hostname()`: the host without its port or IPv6 brackets.
    var hostname: String {
        if host.hasPrefix("["), let close = host.firstIndex(of: "]") { return String(host[host.index(after: host.startIndex)..<close]) }
        if let colon = host.lastIndex(of: ":") { return String(host[..<colon]) }
        return host
    }

    /// `URL.String()`.
    var string: String {
        var out = ""
        if !scheme.isEmpty { out += scheme + ":" }
        if !opaque.isEmpty {
            out += opaque
        } else {
            if !scheme.isEmpty || !host.isEmpty || !userinfo.isEmpty {
                if !host.isEmpty || !path.isEmpty || !userinfo.isEmpty { out += "//" }
                if !userinfo.isEmpty { out += userinfo + "@" }
                out += host
            }
            if !path.isEmpty, !path.hasPrefix("/"), !host.isEmpty { out += "/" }
            out += path.addingPercentEncoding(withAllowedCharacters: GoURL.pathAllowed) ?? path
        }
        if !rawQuery.isEmpty { out += "?" + rawQuery }
        if !fragment.isEmpty { out += "#" + (fragment.addingPercentEncoding(withAllowedCharacters: GoURL.pathAllowed) ?? fragment) }
        return out
    }

    private static let pathAllowed = CharacterSet(charactersIn:
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@/")
}
