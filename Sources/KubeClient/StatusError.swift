import Cluster
import Curl
import Foundation
import GitOpsAPI

/// Turns an API server's error answer into a `ClusterError`.
///
/// The server answers failures with a `Status` object (`kind: Status`, `status: Failure`,
/// `reason`, `message`, `code`, `details`); see the API conventions on `Status` and
/// apimachinery's `StatusReason`. The reason becomes `ClusterError.Reason` (reasons this
/// project has no case for take the reason of their HTTP code, `.unknown` when none fits, and
/// keep the server's reason in the message).
/// For `Invalid` and apply conflicts the `details.causes` (field and message) are appended
/// when the message does not already name them, so a user sees every failing field.
/// A body that is not a `Status` (a proxy's HTML page) is reported by its HTTP code.
enum StatusError {
    static func clusterError(_ response: CurlResponse, _ request: APIRequest) -> ClusterError {
        let code = response.status
        guard let status = try? JSONValue.parse(json: Data(response.body)), status["kind"]?.stringValue == "Status" else {
            let text = String(response.text.prefix(300)).trimmingCharacters(in: .whitespacesAndNewlines)
            let reason = reason(forCode: code)
            return ClusterError(reason, "\(request.method) \(request.path): HTTP \(code)\(text.isEmpty ? "" : ": \(text)")",
                                object: request.object, code: code)
        }
        let serverReason = status["reason"]?.stringValue ?? ""
        var message = status["message"]?.stringValue ?? "HTTP \(code)"
        let known = ClusterError.Reason(rawValue: serverReason)
        let mapped = known ?? reason(forCode: code)
        if known == nil || known == .unknown {
            // A reason this project has no case for (TooManyRequests, Expired, Gone, …) stays visible.
            message = "\(serverReason.isEmpty ? "HTTP \(code)" : serverReason): \(message)"
        }
        let causes = (status[path: ["details", "causes"]]?.arrayValue ?? []).compactMap { cause -> String? in
            let field = cause["field"]?.stringValue ?? ""
            let text = cause["message"]?.stringValue ?? cause["reason"]?.stringValue ?? ""
            let line = field.isEmpty ? text : "\(field): \(text)"
            return line.isEmpty || message.contains(line) ? nil : line
        }
        if !causes.isEmpty { message += " [causes: " + causes.joined(separator: "; ") + "]" }
        return ClusterError(mapped, message, object: request.object, code: code)
    }

    /// The reason the API server uses for a status code when its body says none
    /// (apimachinery `errors.NewGenericServerResponse`).
    static func reason(forCode code: Int) -> ClusterError.Reason {
        switch code {
        case 400: .badRequest
        case 401: .unauthorized
        case 403: .forbidden
        case 404: .notFound
        case 405: .methodNotAllowed
        case 409: .conflict
        case 422: .invalid
        case 429, 503: .serviceUnavailable
        case 504: .timeout
        case 500...599: .internalError
        default: .unknown
        }
    }
}
