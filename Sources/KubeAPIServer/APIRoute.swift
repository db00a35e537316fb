import Foundation

/// What a request path names in the Kubernetes REST API (api-concepts, "Resource URIs").
enum APIRoute: Equatable {
    /// `/version`
    case version
    /// `/api`
    case coreVersions
    /// `/apis`
    case groups
    /// `/apis/GROUP`
    case group(String)
    /// `/api/v1`, `/apis/GROUP/VERSION`
    case resourceList(group: String, version: String)
    /// Anything under a group version.
    case resource(ResourceTarget)
    case unknown

    struct ResourceTarget: Equatable {
        var group: String
        var version: String
        var namespace: String?
        var plural: String
        var name: String?
        var subresource: String?
    }

    init(path: String) {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).map { QueryString.decodePath(String($0)) }
        var rest: ArraySlice<String>
        let group: String, version: String
        if segments == ["version"] { self = .version; return }
        switch segments.first {
        case "api":
            if segments.count == 1 { self = .coreVersions; return }
            (group, version) = ("", segments[1])
            rest = segments.dropFirst(2)
        case "apis":
            if segments.count == 1 { self = .groups; return }
            if segments.count == 2 { self = .group(segments[1]); return }
            (group, version) = (segments[1], segments[2])
            rest = segments.dropFirst(3)
        default:
            self = .unknown
            return
        }
        if rest.isEmpty { self = .resourceList(group: group, version: version); return }
        var target = ResourceTarget(group: group, version: version, plural: "")
        // `namespaces/NS/PLURAL…` addresses objects in a namespace, except the Namespace's own
        // subresources (`namespaces/NAME/status`, `namespaces/NAME/finalize`).
        if rest.first == "namespaces", rest.count >= 3, !(rest.count == 3 && ["status", "finalize"].contains(rest.last!)) {
            target.namespace = rest.dropFirst().first
            rest = rest.dropFirst(2)
        }
        let parts = Array(rest)
        guard parts.count <= 3 else { self = .unknown; return }
        target.plural = parts[0]
        target.name = parts.count > 1 ? parts[1] : nil
        target.subresource = parts.count > 2 ? parts[2] : nil
        self = .resource(target)
    }
}

extension QueryString {
    /// Percent-decoding of one path segment (`+` stays `+`).
    static func decodePath(_ text: String) -> String {
        decode(text.replacingOccurrences(of: "+", with: "%2B"))
    }
}
