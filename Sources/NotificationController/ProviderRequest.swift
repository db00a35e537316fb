import Curl
import Foundation
import GitOpsAPI
import Hashing

/// Builds the HTTP request a Provider type sends for one event, the way Flux's notifiers
/// (`internal/notifier/*.go`) do, and judges the answer.
///
/// Pure: no I/O, so every payload is tested against golden JSON without a network.
enum ProviderRequest {
    static let supportedTypes: [String] = ["slack", "discord", "msteams", "googlechat", "generic", "generic-hmac", "github", "gitlab"]

    /// Types that set commit statuses rather than send messages (Flux's `isCommitStatusProvider`).
    static let commitStatusTypes: Set<String> = ["github", "gitlab"]

    /// What to do with one event.
    enum Plan {
        /// Send this request; `slackAPI` says the 200 answer carries `{"ok":…}` to check.
        case send(CurlRequest, slackAPI: Bool)
        /// Nothing to send, on purpose (e.g. a commit status without a commit): the reason.
        case skip(String)
    }

    /// Why no request could be built.
    enum Failure: Error, CustomStringConvertible {
        /// The type is in Flux's enum but not implemented here: retrying cannot help.
        case unsupported(String)
        /// The spec or its Secret is incomplete; the user may still fix it, so it is retried.
        case misconfigured(String)

        var description: String {
            switch self {
            case .unsupported(let type):
                return "provider type \"\(type)\" is not supported by this agent yet (supported: \(ProviderRequest.supportedTypes.joined(separator: ", ")))"
            case .misconfigured(let message): return message
            }
        }
    }

    static func make(settings s: ProviderSettings, event: Event) throws -> Plan {
        guard supportedTypes.contains(s.type) else { throw Failure.unsupported(s.type) }
        guard !s.address.isEmpty else { throw Failure.misconfigured("provider has no address: set spec.address or the secret's address key") }
        switch s.type {
        case "generic", "generic-hmac":
            return .send(try generic(s, event), slackAPI: false)
        case "slack":
            var headers: [(String, String)] = []
            if let token = s.token { headers.append(("Authorization", "Bearer \(token)")) }
            let body = slack(event, channel: s.channel ?? "", username: s.username)
            return .send(post(s, url: s.address, body, headers: headers), slackAPI: isSlackWebAPI(s.address))
        case "discord":
            return .send(post(s, url: discordURL(s.address), discord(event, username: s.username)), slackAPI: false)
        case "msteams":
            return .send(post(s, url: s.address, msTeams(event, address: s.address)), slackAPI: false)
        case "googlechat":
            return .send(post(s, url: s.address, googleChat(event)), slackAPI: false)
        case "github", "gitlab":
            return try commitStatus(s, event)
        default:
            throw Failure.unsupported(s.type)
        }
    }

    /// A JSON POST with the settings' timeout, proxy and CA bundle; the Secret's `headers` are
    /// set last, replacing any of the same name (Go's `Header.Set`).
    static func post(_ s: ProviderSettings, url: String, _ payload: JSONValue, headers extra: [(String, String)] = []) -> CurlRequest {
        request(s, method: "POST", url: url, body: Array(payload.jsonString().utf8), headers: [("Content-Type", "application/json")] + extra)
    }

    static func request(_ s: ProviderSettings, method: String, url: String, body: [UInt8], headers: [(String, String)]) -> CurlRequest {
        var merged = headers
        for (name, value) in s.headers {
            merged.removeAll { $0.0.lowercased() == name.lowercased() }
            merged.append((name, value))
        }
        var tls = CurlRequest.TLSOptions()
        tls.caBundlePEM = s.caBundle
        return CurlRequest(method: method, url: url, headers: merged, body: body, timeout: s.timeout, tls: tls, proxy: s.proxy)
    }

    /// Flux's forwarder: the event JSON itself, `Gotk-Component`, and for generic-hmac
    /// `X-Signature: sha256=<hex HMAC-SHA256 of the body under the token>`.
    static func generic(_ s: ProviderSettings, _ event: Event) throws -> CurlRequest {
        let body = Array(event.json.jsonString().utf8)
        var request = request(s, method: "POST", url: s.address, body: body,
                              headers: [("Content-Type", "application/json"), ("Gotk-Component", event.reportingController)])
        if s.type == "generic-hmac" {
            guard let token = s.token, !token.isEmpty else {
                throw Failure.misconfigured("generic-hmac provider needs a token in its secret (the HMAC key)")
            }
            // Set after the Secret's headers, as Flux does, so none of them can replace the signature.
            request.headers.removeAll { $0.0.lowercased() == "x-signature" }
            request.headers.append(("X-Signature", "sha256=" + Hex.encode(HMAC.sha256(key: Array(token.utf8), message: body))))
        }
        return request
    }

    /// Flux checks the `{ok, error}` body only for the Web API (`chat.postMessage` answers 200
    /// even when it rejects the message). Matched by path, so a test server stands in for it.
    static func isSlackWebAPI(_ address: String) -> Bool {
        let path = address.split(separator: "?", maxSplits: 1).first.map(String.init) ?? address
        return path.hasSuffix("/api/chat.postMessage")
    }

    /// The error in a Slack Web API answer, nil when it says `"ok": true`.
    static func slackAPIError(_ body: [UInt8]) -> String? {
        guard let json = try? JSONValue.parse(json: Data(body)) else { return "Slack answered with a body that is not JSON" }
        if json["ok"]?.boolValue == true { return nil }
        return "Slack responded with error: \(json["error"]?.stringValue ?? "unknown")"
    }

    /// `kind/name.namespace`, lower-case kind: how every chat notifier names the object.
    static func objectName(_ event: Event) -> String {
        "\(event.involvedObject.kind.lowercased())/\(event.involvedObject.name).\(event.involvedObject.namespace ?? "")"
    }
}
