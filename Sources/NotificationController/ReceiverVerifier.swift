import Foundation
import Hashing

/// An incoming hook call, independent of the HTTP server that received it.
public struct WebhookRequest: Sendable {
    /// `/hook/<digest>`.
    public var path: String
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(path: String, headers: [(name: String, value: String)], body: [UInt8]) {
        self.path = path
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

/// The answer to a hook call: an HTTP status and a short message free of secrets.
public struct WebhookResponse: Sendable, Equatable {
    public var status: Int
    public var message: String

    public init(status: Int, message: String) {
        self.status = status
        self.message = message
    }
}

/// Checks a hook call against its Receiver's type and token, the way Flux's
/// notification-controller does (`validate` in receiver_handlers.go). Pure: no cluster, no I/O.
enum ReceiverVerifier {
    enum Verdict: Sendable, Equatable {
        /// Authentic and wanted: reconcile the resources. `event` names it for the log.
        case accept(event: String?)
        /// Authentic, but a ping (GitHub's `ping` on hook creation, Bitbucket's test
        /// connection): answered 200 without reconciling anything.
        case ping(event: String)
        /// Not authentic (missing or wrong signature or token): 401.
        case unauthorized(String)
        /// Authentic but not wanted (an event outside `events`): 400, as Flux answers.
        case rejected(String)
    }

    static func verify(type: String, token: String, events: [String], request: WebhookRequest) -> Verdict {
        switch type {
        case "generic":
            return .accept(event: nil)
        case "generic-hmac":
            if let failure = checkSignature(request.header("X-Signature"), header: "X-Signature", token: token, body: request.body) {
                return .unauthorized(failure)
            }
            return .accept(event: nil)
        case "github":
            // GitHub sends X-Hub-Signature-256 (SHA-256) and, for old hooks, X-Hub-Signature (SHA-1);
            // go-github, which Flux uses, prefers the first.
            let (name, value) = request.header("X-Hub-Signature-256").map { ("X-Hub-Signature-256", $0) }
                ?? request.header("X-Hub-Signature").map { ("X-Hub-Signature", $0) } ?? ("X-Hub-Signature-256", nil)
            if let failure = checkSignature(value, header: name, token: token, body: request.body) { return .unauthorized(failure) }
            let event = request.header("X-GitHub-Event") ?? ""
            // A ping arrives when the hook is created; answering it keeps GitHub's delivery
            // log green even when `events` lists only `push`.
            if event.lowercased() == "ping" { return .ping(event: event) }
            return filter(event, events, source: "GitHub")
        case "gitlab":
            guard let sent = request.header("X-Gitlab-Token") else { return .unauthorized("the X-Gitlab-Token header is missing") }
            guard constantTimeEquals(Array(sent.utf8), Array(token.utf8)) else {
                return .unauthorized("the X-Gitlab-Token header value does not match the receiver token")
            }
            return filter(request.header("X-Gitlab-Event") ?? "", events, source: "GitLab")
        case "bitbucket":
            // Bitbucket Server signs like GitHub: X-Hub-Signature: sha256=<hex>.
            let (name, value) = request.header("X-Hub-Signature-256").map { ("X-Hub-Signature-256", $0) }
                ?? ("X-Hub-Signature", request.header("X-Hub-Signature"))
            if let failure = checkSignature(value, header: name, token: token, body: request.body) { return .unauthorized(failure) }
            let event = request.header("X-Event-Key") ?? ""
            // "Test connection" in Bitbucket Server's webhook settings.
            if event == "diagnostics:ping" { return .ping(event: event) }
            return filter(event, events, source: "Bitbucket server")
        default:
            return .rejected("receiver type '\(type)' is not supported by this agent")
        }
    }

    /// Flux compares event names without case (`strings.EqualFold`); no `events` means all.
    static func filter(_ event: String, _ events: [String], source: String) -> Verdict {
        guard events.isEmpty || events.contains(where: { $0.caseInsensitiveCompare(event) == .orderedSame }) else {
            return .rejected("the \(source) event '\(event)' is not authorised")
        }
        return .accept(event: event.isEmpty ? nil : event)
    }

    /// Checks `<algorithm>=<hex HMAC of the body under the token>`; nil when it holds, else why
    /// not (never quoting the expected value).
    static func checkSignature(_ value: String?, header: String, token: String, body: [UInt8]) -> String? {
        guard let value, !value.isEmpty else { return "the \(header) signature header is missing" }
        guard let equals = value.firstIndex(of: "=") else { return "the \(header) header is not of the form <algorithm>=<hex>" }
        let algorithm = value[..<equals].lowercased()
        guard let sent = Hex.decode(String(value[value.index(after: equals)...])) else {
            return "the \(header) signature is not hexadecimal"
        }
        let key = Array(token.utf8)
        let expected: [UInt8]
        switch algorithm {
        case "sha256": expected = HMAC.sha256(key: key, message: body)
        case "sha1": expected = HMAC.sha1(key: key, message: body)
        case "sha512": expected = HMAC.sha512(key: key, message: body)
        default: return "the \(header) hash algorithm '\(algorithm)' is not supported (use sha256, sha512 or sha1)"
        }
        // Constant time, so a caller cannot learn how many leading bytes it guessed right.
        return constantTimeEquals(expected, sent) ? nil : "the \(header) signature does not match the payload"
    }
}
