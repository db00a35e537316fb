/// `notification.toolkit.fluxcd.io/v1beta3` Provider: where alerts are sent.
public struct Provider: APIObject {
    public static let apiVersion = "notification.toolkit.fluxcd.io/v1beta3"
    public static let kind = "Provider"

    /// Flux's provider type enum; only some are implemented by the Notification component
    /// (see `NotificationController.supportedProviderTypes`).
    public static let knownTypes = [
        "slack", "discord", "msteams", "rocket", "generic", "generic-hmac", "github", "gitlab", "gitea",
        "giteapullrequestcomment", "bitbucketserver", "bitbucket", "azuredevops", "googlechat", "googlepubsub",
        "webex", "sentry", "azureeventhub", "telegram", "lark", "matrix", "opsgenie", "alertmanager", "grafana",
        "githubdispatch", "githubpullrequestcomment", "gitlabmergerequestcomment", "pagerduty", "datadog", "nats",
        "zulip", "otel", "zoom", "incident.io",
    ]

    public struct Spec: Sendable, Hashable {
        public var type: String
        public var address: String?
        public var channel: String?
        public var username: String?
        public var timeout: GoDuration
        public var secretRef: LocalObjectReference?
        public var certSecretRef: LocalObjectReference?
        public var proxy: String?
        public var suspend: Bool
    }

    public var metadata: ObjectMeta
    public var spec: Spec
    public var object: KubeObject

    public init(_ object: KubeObject) throws {
        let r = try Self.specReader(object)
        try r.rejectUnknown(["type", "address", "channel", "username", "timeout", "secretRef", "certSecretRef", "proxy", "suspend",
                             "interval", "commitStatusExpr", "proxySecretRef", "serviceAccountName"])
        spec = Spec(
            type: try r.oneOf("type", Self.knownTypes) ?? { throw APIError(object: r.object, field: "spec.type", message: "required field is missing") }(),
            address: try r.string("address"),
            channel: try r.string("channel"),
            username: try r.string("username"),
            timeout: try r.duration("timeout") ?? GoDuration(seconds: 15),
            secretRef: try r.nested("secretRef", LocalObjectReference.init),
            certSecretRef: try r.nested("certSecretRef", LocalObjectReference.init),
            proxy: try r.string("proxy"),
            suspend: try r.bool("suspend") ?? false
        )
        _ = r.raw("interval")  // deprecated in v1beta3, accepted and ignored as Flux does
        if r.raw("commitStatusExpr") != nil || r.raw("proxySecretRef") != nil || r.raw("serviceAccountName") != nil {
            throw APIError(object: r.object, field: "spec", message: "commitStatusExpr, proxySecretRef and serviceAccountName are not supported by this agent yet")
        }
        try r.finish()
        metadata = ObjectMeta(object)
        self.object = object
    }
}

/// `notification.toolkit.fluxcd.io/v1beta3` Alert: which events go to which Provider.
public struct Alert: APIObject {
    public static let apiVersion = "notification.toolkit.fluxcd.io/v1beta3"
    public static let kind = "Alert"

    public struct EventSource: Sendable, Hashable {
        public var kind: String
        /// A name or `*`.
        public var name: String
        public var namespace: String?
        public var matchLabels: [String: String]
    }

    public struct Spec: Sendable, Hashable {
        public var providerRef: LocalObjectReference
        /// `info` (everything) or `error`.
        public var eventSeverity: String
        public var eventSources: [EventSource]
        public var inclusionList: [String]
        public var exclusionList: [String]
        public var eventMetadata: [String: String]
        public var summary: String?
        public var suspend: Bool
    }

    public var metadata: ObjectMeta
    public var spec: Spec
    public var object: KubeObject

    public init(_ object: KubeObject) throws {
        let r = try Self.specReader(object)
        try r.rejectUnknown(["providerRef", "eventSeverity", "eventSources", "inclusionList", "exclusionList", "eventMetadata", "summary", "suspend"])
        guard let providerRef = try r.nested("providerRef", LocalObjectReference.init) else {
            throw APIError(object: r.object, field: "spec.providerRef", message: "required field is missing")
        }
        spec = Spec(
            providerRef: providerRef,
            eventSeverity: try r.oneOf("eventSeverity", ["info", "error"]) ?? "info",
            eventSources: try r.list("eventSources") { s in
                EventSource(kind: try s.requiredString("kind"), name: try s.requiredString("name"),
                            namespace: try s.string("namespace"), matchLabels: try s.stringMap("matchLabels"))
            },
            inclusionList: try r.stringList("inclusionList"),
            exclusionList: try r.stringList("exclusionList"),
            eventMetadata: try r.stringMap("eventMetadata"),
            summary: try r.string("summary"),
            suspend: try r.bool("suspend") ?? false
        )
        if spec.eventSources.isEmpty {
            throw APIError(object: r.object, field: "spec.eventSources", message: "required: list at least one event source")
        }
        try r.finish()
        metadata = ObjectMeta(object)
        self.object = object
    }
}

/// `notification.toolkit.fluxcd.io/v1` Receiver: an HTTP hook that wakes sources.
public struct Receiver: APIObject {
    public static let apiVersion = "notification.toolkit.fluxcd.io/v1"
    public static let kind = "Receiver"

    public struct Spec: Sendable, Hashable {
        public var type: String
        public var events: [String]
        public var secretRef: LocalObjectReference
        public var resources: [CrossNamespaceReference]
        public var suspend: Bool
    }

    public var metadata: ObjectMeta
    public var spec: Spec
    public var object: KubeObject

    public init(_ object: KubeObject) throws {
        let r = try Self.specReader(object)
        try r.rejectUnknown(["type", "events", "secretRef", "resources", "suspend", "interval", "resourceFilter", "oidcProviders"])
        guard let secretRef = try r.nested("secretRef", LocalObjectReference.init) else {
            throw APIError(object: r.object, field: "spec.secretRef", message: "required field is missing")
        }
        spec = Spec(
            type: try r.oneOf("type", ["generic", "generic-hmac", "generic-oidc", "github", "gitlab", "bitbucket", "harbor",
                                       "dockerhub", "quay", "nexus", "acr", "gcr", "cdevents"]) ?? "generic",
            events: try r.stringList("events"),
            secretRef: secretRef,
            resources: try r.list("resources") { try CrossNamespaceReference($0) },
            suspend: try r.bool("suspend") ?? false
        )
        for accepted in ["interval", "resourceFilter", "oidcProviders"] { _ = r.raw(accepted) }
        try r.finish()
        metadata = ObjectMeta(object)
        self.object = object
    }
}
