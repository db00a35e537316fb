import Cluster
import GitOpsAPI

/// `Status` answers as kube-apiserver writes them (apimachinery `metav1.Status`): `kind: Status`,
/// `status: Failure`, `message`, `reason`, `details` (`name`, `group`, `kind` = the resource,
/// `causes`) and `code`, with the HTTP status equal to `code`.
enum StatusBody {
    static func answer(_ code: Int, reason: String, message: String, details: JSONObject? = nil) -> APIAnswer {
        var status: JSONObject = [
            "kind": "Status", "apiVersion": "v1", "metadata": .object([:]), "status": "Failure",
            "message": .string(message), "reason": .string(reason),
        ]
        if let details, !details.isEmpty { status["details"] = .object(details) }
        status["code"] = .int(code)
        return .json(code, .object(status))
    }

    /// A success `Status`, as DELETE answers for an object deleted at once.
    static func success(name: String, group: String, resource: String, uid: String?) -> APIAnswer {
        var details: JSONObject = ["name": .string(name), "group": .string(group), "kind": .string(resource)]
        if let uid { details["uid"] = .string(uid) }
        return .json(200, ["kind": "Status", "apiVersion": "v1", "metadata": .object([:]), "status": "Success",
                           "details": .object(details)])
    }

    /// The answer of an injected failure, worded as the API server words it.
    static func fault(_ code: Int) -> APIAnswer {
        switch code {
        case 429:
            return answer(429, reason: "TooManyRequests", message: "Too many requests, please try again later.",
                          details: ["retryAfterSeconds": 1])
        case 503: return answer(503, reason: "ServiceUnavailable", message: "the server is currently unable to handle the request")
        case 504: return answer(504, reason: "Timeout", message: "the server was unable to return a response in the time allotted, but may still be processing the request")
        case 500...599: return answer(code, reason: "InternalError", message: "Internal error occurred: injected fault")
        default: return answer(code, reason: StatusReason.forCode(code), message: "injected fault")
        }
    }

    /// A `ClusterError` from the embedded cluster as the API server would send it.
    static func from(_ error: ClusterError, group: String?, resource: String?) -> APIAnswer {
        var details: JSONObject = [:]
        if let name = error.object?.name, !name.isEmpty { details["name"] = .string(name) }
        if let group { details["group"] = .string(group) }
        if let resource { details["kind"] = .string(resource) }
        let causes: [JSONValue]
        switch error.reason {
        case .invalid: causes = invalidCauses(error.message)
        case .conflict: causes = conflictCauses(error.message)
        default: causes = []
        }
        if !causes.isEmpty { details["causes"] = .array(causes) }
        return answer(error.code, reason: error.reason.rawValue, message: error.message, details: details)
    }

    /// `Kind "name" is invalid: FIELD: Invalid value: "x": why` → one cause per field error,
    /// as `errors.NewInvalid` builds them (`[a, b]` when there are several).
    static func invalidCauses(_ message: String) -> [JSONValue] {
        guard let marker = message.range(of: " is invalid: ") else { return [] }
        var rest = String(message[marker.upperBound...])
        var parts = [rest]
        if rest.hasPrefix("["), rest.hasSuffix("]") {
            rest = String(rest.dropFirst().dropLast())
            parts = rest.components(separatedBy: ", ").filter { $0.contains(": ") }
        }
        return parts.compactMap { part in
            guard let colon = part.range(of: ": ") else { return nil }
            let field = String(part[..<colon.lowerBound]), body = String(part[colon.upperBound...])
            let types: [(String, String)] = [
                ("Invalid value", "FieldValueInvalid"), ("Required value", "FieldValueRequired"),
                ("Unsupported value", "FieldValueNotSupported"), ("Forbidden", "FieldValueForbidden"),
                ("Duplicate value", "FieldValueDuplicate"), ("Too long", "FieldValueTooLong"),
                ("Not found", "FieldValueNotFound"),
            ]
            let type = types.first { body.hasPrefix($0.0) }?.1 ?? "FieldValueInvalid"
            return ["reason": .string(type), "message": .string(body), "field": .string(field)]
        }
    }

    /// An apply conflict's fields: `FieldManagerConflict` causes naming the manager.
    static func conflictCauses(_ message: String) -> [JSONValue] {
        guard message.hasPrefix("Apply failed with") else { return [] }
        var causes: [JSONValue] = []
        var manager = ""
        for line in message.split(separator: "\n").map(String.init) {
            if line.hasPrefix("- ") {
                causes.append(["reason": "FieldManagerConflict", "message": .string(manager), "field": .string(String(line.dropFirst(2)))])
            } else if let range = line.range(of: "conflicts with ") {
                manager = "conflict with " + line[range.upperBound...].trimmingSuffix(":")
            } else if let range = line.range(of: "conflict with "), let last = line.range(of: ": ", options: .backwards),
                last.lowerBound > range.upperBound
            {
                causes.append(["reason": "FieldManagerConflict",
                               "message": .string("conflict with " + line[range.upperBound..<last.lowerBound]),
                               "field": .string(String(line[last.upperBound...]))])
            }
        }
        return causes
    }
}

/// Reasons for codes, as apimachinery's `NewGenericServerResponse` picks them.
enum StatusReason {
    static func forCode(_ code: Int) -> String {
        switch code {
        case 400: "BadRequest"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "NotFound"
        case 405: "MethodNotAllowed"
        case 409: "Conflict"
        case 410: "Expired"
        case 415: "UnsupportedMediaType"
        case 422: "Invalid"
        case 429: "TooManyRequests"
        case 504: "Timeout"
        case 503: "ServiceUnavailable"
        default: code >= 500 ? "InternalError" : "Unknown"
        }
    }
}

extension Substring {
    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : String(self)
    }
}
