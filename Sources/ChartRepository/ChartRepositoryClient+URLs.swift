import Foundation

extension ChartRepositoryClient {
    /// Helm's `repo.ResolveReferenceURL`: an absolute `reference` is used as is; a relative one
    /// is resolved against `base` with a trailing `/` added, and the base's query is kept (some
    /// repositories put a token there).
    public static func resolve(_ reference: String, against base: String) -> String {
        if let scheme = reference.firstIndex(of: ":"), reference[..<scheme].allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }),
           reference[reference.index(after: scheme)...].hasPrefix("//") {
            return reference
        }
        var root = base
        var query: String?
        if let mark = root.firstIndex(of: "?") {
            query = String(root[root.index(after: mark)...])
            root = String(root[..<mark])
        }
        while root.hasSuffix("/") { root.removeLast() }
        root += "/"
        guard let baseURL = URL(string: root), let resolved = URL(string: reference, relativeTo: baseURL)?.absoluteString else {
            return root + reference
        }
        guard let query, !query.isEmpty else { return resolved }
        let withoutQuery = resolved.split(separator: "?", maxSplits: 1).first.map(String.init) ?? resolved
        return withoutQuery + "?" + query
    }

    /// Same scheme, host and port: where credentials may go without `passCredentials`.
    static func sameOrigin(_ a: String, _ b: String) -> Bool {
        guard let left = URLComponents(string: a), let right = URLComponents(string: b) else { return false }
        return left.scheme?.lowercased() == right.scheme?.lowercased() && left.host?.lowercased() == right.host?.lowercased()
            && (left.port ?? defaultPort(left.scheme)) == (right.port ?? defaultPort(right.scheme))
    }

    private static func defaultPort(_ scheme: String?) -> Int { scheme?.lowercased() == "https" ? 443 : 80 }
}
