import Foundation
import GitOpsAPI

/// Microsoft Teams and Google Chat cards (Flux `internal/notifier/teams.go`, `google_chat.go`).
extension ProviderRequest {
    /// Teams: an Adaptive Card 1.4 (Flux's current format for Workflows webhooks), or the
    /// deprecated MessageCard for `*.webhook.office.com` connector URLs, as Flux picks.
    static func msTeams(_ event: Event, address: String) -> JSONValue {
        let host = URLComponents(string: address)?.host ?? ""
        return host.hasSuffix(".webhook.office.com") ? msTeamsMessageCard(event) : msTeamsAdaptiveCard(event)
    }

    /// Title, message (red for errors), then the facts: `summary` first, the rest sorted.
    static func msTeamsAdaptiveCard(_ event: Event) -> JSONValue {
        var message: JSONObject = ["type": "TextBlock", "text": .string(event.message)]
        if event.severity == .error { message["color"] = "attention" }
        message["wrap"] = true
        var facts: [JSONValue] = []
        if let summary = event.metadata["summary"] { facts.append(["title": "summary", "value": .string(summary)]) }
        for key in event.metadata.keys.sorted() where key != "summary" {
            facts.append(["title": .string(key), "value": .string(event.metadata[key]!)])
        }
        var factSet: JSONObject = ["type": "FactSet"]
        if !facts.isEmpty { factSet["facts"] = .array(facts) }  // omitempty in Flux
        let title: JSONValue = ["type": "TextBlock", "text": .string(objectName(event)), "size": "large", "weight": "bolder", "wrap": true]
        return [
            "type": "message",
            "attachments": [[
                "contentType": "application/vnd.microsoft.card.adaptive",
                "content": [
                    "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
                    "type": "AdaptiveCard",
                    "version": "1.4",
                    "body": [["type": "Container", "items": [title, .object(message), .object(factSet)]]],
                    "msteams": ["width": "Full"],
                ],
            ]],
        ]
    }

    static func msTeamsMessageCard(_ event: Event) -> JSONValue {
        let facts: [JSONValue] = event.metadata.keys.sorted().map { ["name": .string($0), "value": .string(event.metadata[$0]!)] }
        return [
            "@type": "MessageCard",
            "@context": "http://schema.org/extensions",
            "themeColor": .string(event.severity == .error ? "FF0000" : "0076D7"),
            "summary": .string(objectName(event)),
            "sections": [["activityTitle": .string(event.message), "activitySubtitle": .string(objectName(event)), "facts": .array(facts)]],
        ]
    }

    /// Google Chat: a card headed by the object and the reporting controller; the message in
    /// red for errors; the metadata as key-value widgets. Go's nil pointers are sent as null.
    static func googleChat(_ event: Event) -> JSONValue {
        let text = event.severity == .error ? "<font color=\"#ff0000\">\(event.message)</font>" : event.message
        var sections: [JSONValue] = [["header": "", "widgets": [["textParagraph": ["text": .string(text)], "keyValue": nil]]]]
        if !event.metadata.isEmpty {
            let widgets: [JSONValue] = event.metadata.keys.sorted().map { key in
                ["textParagraph": nil,
                 "keyValue": ["topLabel": .string(key), "content": .string(event.metadata[key]!), "contentMultiline": false,
                              "bottomLabel": nil, "icon": nil]]
            }
            sections.append(["header": "", "widgets": .array(widgets)])
        }
        let header: JSONValue = ["title": .string(objectName(event)), "subtitle": .string(event.reportingController), "imageUrl": nil, "imageStyle": nil]
        return ["cards": [["header": header, "sections": .array(sections)]]]
    }
}
