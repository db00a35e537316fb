/// `source.toolkit.fluxcd.io/v1` HelmRepository: a chart repository (`index.yaml` over HTTP(S)).
/// The Source component fetches its index; the Release component fetches charts from it.
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
