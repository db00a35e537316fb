import GitOpsAPI

/// An error from the cluster, shaped like the Kubernetes API's `Status` object: a
/// machine-readable reason, the HTTP code and the server's message, plus the object concerned.
public struct ClusterError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `Status.reason` values from the Kubernetes API (k8s.io/apimachinery metav1.StatusReason).
    public enum Reason: String, Sendable, Hashable {
        case notFound = "NotFound"
        case alreadyExists = "AlreadyExists"
        case conflict = "Conflict"
        case invalid = "Invalid"
        case forbidden = "Forbidden"
        case unauthorized = "Unauthorized"
        case badRequest = "BadRequest"
        case methodNotAllowed = "MethodNotAllowed"
        case timeout = "Timeout"
        case serviceUnavailable = "ServiceUnavailable"
        case internalError = "InternalError"
        case unknown = "Unknown"

        public var code: Int {
            switch self {
            case .notFound: return 404
            case .alreadyExists, .conflict: return 409
            case .invalid: return 422
            case .forbidden: return 403
            case .unauthorized: return 401
            case .badRequest: return 400
            case .methodNotAllowed: return 405
            case .timeout: return 504
            case .serviceUnavailable: return 503
            case .internalError, .unknown: return 500
            }
        }
    }

    public var reason: Reason
    public var message: String
    /// The object the request was about, when there was one.
    public var object: ObjectID?
    public var code: Int

    public init(_ reason: Reason, _ message: String, object: ObjectID? = nil, code: Int? = nil) {
        self.reason = reason
        self.message = message
        self.object = object
        self.code = code ?? reason.code
    }

    /// `Deployment/apps/web: NotFound: namespaces "apps" not found`
    public var description: String {
        if let object { return "\(object): \(reason.rawValue): \(message)" }
        return "\(reason.rawValue): \(message)"
    }
}
