import Curl
import Foundation
import GitOpsAPI
import Hashing

/// Builds the HTTP request a Provider type sends for one event, the way Flux's notifiers do.
enum ProviderRequest {
    static let supportedTypes: Set<String> = ["generic", "generic-hmac", "slack"]

    struct Settings {
        var address: String
        var token: String?
        var headers: [(String, String)]
        var channel: String?
        var username: String?
        var timeout: Duration
        var caBundle: String?
        var proxy: String?
    }

    enum Failure: Error, CustomStringConvertible {
        case unsupported(String)
        case misconfigured(String)
        var description: String {
            switch self {
            case .unsupported(let type): return "provider type \"\(type)\" is not supported by this agent yet (supported: generic, generic-hmac, slack)"
            case .misconfigured(let message): return message
            }
        }
    }

    static func make(type: String, settings s: Settings, event: Event) throws -> CurlRequest {
        guard !s.address.isEmpty else { throw Failure.misconfigured("provider has no address: set spec.address or the secret's address key") }
        var headers = [("Content-Type", "application/json")] + s.headers
        let body: [UInt8]
        switch type {
        case "generic", "generic-hmac":
            body = Array(event.json.jsonString().utf8)
            headers.append(("gotk-component", event.reportingController))
            if type == "generic-hmac" {
                guard let token = s.token else { throw Failure.misconfigured("generic-hmac provider needs a token in its secret") }
                let signature = HMAC.sha256(key: Array(token.utf8), message: body)
                headers.append(("X-Signature", "sha256=" + Hex.encode(signature)))
            }
        case "slack":
            body = Array(slack(event, channel: s.channel, username: s.username).jsonString().utf8)
            if let token = s.token { headers.append(("Authorization", "Bearer \(token)")) }
        default:
            throw Failure.unsupported(type)
        }
        var tls = CurlRequest.TLSOptions()
        tls.caBundlePEM = s.caBundle
        return CurlRequest(method: "POST", url: s.address, headers: headers, body: body, timeout: s.timeout, tls: tls, proxy: s.proxy)
    }

    /// Flux's Slack attachment: author `kind/name.namespace`, colour by severity, metadata as fields.
    static func slack(_ event: Event, channel: String?, username: String?) -> JSONValue {
        let author = "\(event.involvedObject.kind.lowercased())/\(event.involvedObject.name).\(event.involvedObject.namespace ?? "")"
        let firstLine = event.message.split(separator: "\n").first.map(String.init) ?? ""
        let fields: [JSONValue] = event.metadata.keys.sorted().map { k in
            ["title": .string(k), "value": .string(event.metadata[k]!), "short": false]
        }
        var payload: JSONObject = [:]
        if let channel { payload["channel"] = .string(channel) }
        payload["username"] = .string(username ?? event.reportingController)
        payload["attachments"] = [[
            "fallback": .string("\(author): \(firstLine)"),
            "color": .string(event.severity == .error ? "danger" : "good"),
            "author_name": .string(author),
            "text": .string(event.message),
            "mrkdwn_in": ["text"],
            "fields": .array(fields),
        ]]
        return .object(payload)
    }
}
