/// `source.toolkit.fluxcd.io/v1` HelmRepository. Decoded so that repositories using it are read
/// and reported; the Release component that uses it comes with the Helm issue.
public struct HelmRepository: APIObject {
    public static let apiVersion = "source.toolkit.fluxcd.io/v1"
    public static let kind = "HelmRepository"

    public struct Spec: Sendable, Hashable {
        public var url: String
        public var type: String
        public var interval: GoDuration?
        public var timeout: GoDuration?
        public var secretRef: LocalObjectReference?
        public var suspend: Bool
    }

    public var metadata: ObjectMeta
    public var spec: Spec
    public var object: KubeObject

    public init(_ object: KubeObject) throws {
        let r = try Self.specReader(object)
        try r.rejectUnknown(["url", "type", "interval", "timeout", "secretRef", "suspend", "provider", "passCredentials", "insecure", "certSecretRef", "accessFrom"])
        spec = Spec(url: try r.requiredString("url"), type: try r.oneOf("type", ["default", "oci"]) ?? "default",
                    interval: try r.duration("interval"), timeout: try r.duration("timeout"),
                    secretRef: try r.nested("secretRef", LocalObjectReference.init), suspend: try r.bool("suspend") ?? false)
        for key in ["provider", "passCredentials", "insecure", "certSecretRef", "accessFrom"] { _ = r.raw(key) }
        try r.finish()
        metadata = ObjectMeta(object)
        self.object = object
    }
}

/// `helm.toolkit.fluxcd.io/v2` HelmRelease: the top-level fields, decoded strictly; the nested
/// install/upgrade/rollback blocks are read by the Release component (a later issue).
public struct HelmRelease: APIObject {
    public static let apiVersion = "helm.toolkit.fluxcd.io/v2"
    public static let kind = "HelmRelease"

    static let topLevelFields = [
        "chart", "chartRef", "interval", "kubeConfig", "suspend", "releaseName", "targetNamespace", "storageNamespace",
        "dependsOn", "timeout", "maxHistory", "serviceAccountName", "persistentClient", "driftDetection", "install",
        "upgrade", "test", "rollback", "uninstall", "valuesFrom", "values", "postRenderers", "commonMetadata",
        "waitStrategy", "healthCheckExprs",
    ]

    public var metadata: ObjectMeta
    public var interval: GoDuration
    public var suspend: Bool
    public var spec: JSONValue
    public var object: KubeObject

    public init(_ object: KubeObject) throws {
        let r = try Self.specReader(object)
        try r.rejectUnknown(Self.topLevelFields)
        interval = try r.requiredDuration("interval")
        suspend = try r.bool("suspend") ?? false
        for key in Self.topLevelFields { _ = r.raw(key) }
        if r.raw("chart") == nil && r.raw("chartRef") == nil {
            throw APIError(object: r.object, field: "spec.chart", message: "one of spec.chart or spec.chartRef is required")
        }
        try r.finish()
        metadata = ObjectMeta(object)
        spec = object.body["spec"] ?? .null
        self.object = object
    }
}
