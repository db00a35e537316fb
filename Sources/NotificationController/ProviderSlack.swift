import Foundation
import GitOpsAPI

/// Slack and Discord messages (Flux `internal/notifier/slack.go`, `discord.go`): one attachment
/// whose author is the object, whose text is the event message (what changed, or which objects
/// failed and why), coloured `good`/`danger` by severity, with the metadata (revision, summary,
/// …) as fields. Flux orders the fields by Go map iteration; here they are sorted, so the same
/// event always reads the same.
extension ProviderRequest {
    static func slack(_ event: Event, channel: String, username: String?) -> JSONValue {
        let author = objectName(event)
        let firstLine = event.message.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
        return slackPayload(event, channel: channel, username: username, fallback: "\(author): \(firstLine)")
    }

    /// Discord's Slack-compatible endpoint takes the same attachment, without channel or
    /// fallback (Flux leaves both empty).
    static func discord(_ event: Event, username: String?) -> JSONValue {
        slackPayload(event, channel: "", username: username, fallback: "")
    }

    /// Flux posts to `<webhook>/slack` unless the address already ends so.
    static func discordURL(_ address: String) -> String {
        guard var components = URLComponents(string: address) else { return address }
        if components.path.hasSuffix("/slack") { return address }
        components.path = components.path.hasSuffix("/") ? components.path + "slack" : components.path + "/slack"
        return components.string ?? address
    }

    private static func slackPayload(_ event: Event, channel: String, username: String?, fallback: String) -> JSONValue {
        let fields: [JSONValue] = event.metadata.keys.sorted().map { key in
            ["title": .string(key), "value": .string(event.metadata[key]!), "short": false]
        }
        let attachment: JSONValue = [
            "fallback": .string(fallback),
            "color": .string(event.severity == .error ? "danger" : "good"),
            "author_name": .string(objectName(event)),
            "text": .string(event.message),
            "mrkdwn_in": ["text"],
            "fields": .array(fields),
        ]
        // Flux's SlackPayload has no omitempty on these: empty strings are sent.
        return [
            "channel": .string(channel),
            "username": .string(username.flatMap { $0.isEmpty ? nil : $0 } ?? event.reportingController),
            "icon_url": "",
            "icon_emoji": "",
            "attachments": [attachment],
        ]
    }
}
