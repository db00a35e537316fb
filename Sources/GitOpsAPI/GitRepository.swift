/// `source.toolkit.fluxcd.io/v1` GitRepository: where manifests come from.
public struct GitRepository: APIObject {
    public static let apiVersion = "source.toolkit.fluxcd.io/v1"
    public static let kind = "GitRepository"

    public struct Ref: Sendable, Hashable {
        public var branch: String?
        public var tag: String?
        public var semver: String?
        public var name: String?
        public var commit: String?
    }

    public struct Spec: Sendable, Hashable {
        public var url: String
        public var ref: Ref?
        public var interval: GoDuration
        public var timeout: GoDuration
        public var secretRef: LocalObjectReference?
        /// gitignore-format rules; replaces the default exclusions when set.
        public var ignore: String?
        public var suspend: Bool
        public var recurseSubmodules: Bool
    }

    public var metadata: ObjectMeta
    public var spec: Spec
    public var object: KubeObject

    public init(_ object: KubeObject) throws {
        let r = try Self.specReader(object)
        try r.rejectUnknown(["url", "ref", "interval", "timeout", "secretRef", "ignore", "suspend", "recurseSubmodules",
                             "proxySecretRef", "verify", "include", "sparseCheckout", "provider"])
        spec = Spec(
            url: try r.requiredString("url"),
            ref: try r.nested("ref") { r in
                Ref(branch: try r.string("branch"), tag: try r.string("tag"), semver: try r.string("semver"),
                    name: try r.string("name"), commit: try r.string("commit"))
            },
            interval: try r.requiredDuration("interval"),
            timeout: try r.duration("timeout") ?? GoDuration(seconds: 60),
            secretRef: try r.nested("secretRef", LocalObjectReference.init),
            ignore: try r.string("ignore"),
            suspend: try r.bool("suspend") ?? false,
            recurseSubmodules: try r.bool("recurseSubmodules") ?? false
        )
        // Fields Flux has that this agent does not implement yet are refused, not ignored.
        for unsupported in ["proxySecretRef", "verify", "include", "sparseCheckout", "provider"] where r.raw(unsupported) != nil {
            throw APIError(object: "\(Self.kind)/\(object.namespace ?? "default")/\(object.name)", field: "spec.\(unsupported)",
                           message: "not supported by this agent yet; remove it")
        }
        try r.finish()
        metadata = ObjectMeta(object)
        self.object = object
    }

    public var artifact: Artifact? { object.status?["artifact"].flatMap(Artifact.init(json:)) }
}

/// A source artifact: an immutable snapshot of a revision, stored by the Source component.
public struct Artifact: Sendable, Hashable {
    /// `main@sha1:<hex>`
    public var revision: String
    /// `sha256:<hex>`
    public var digest: String
    /// Where the snapshot is (a `file://` URL of a directory for this agent).
    public var url: String
    public var path: String
    public var size: Int
    public var lastUpdateTime: String

    public init(revision: String, digest: String, url: String, path: String, size: Int, lastUpdateTime: String = Timestamp.now()) {
        self.revision = revision
        self.digest = digest
        self.url = url
        self.path = path
        self.size = size
        self.lastUpdateTime = lastUpdateTime
    }

    public init?(json: JSONValue) {
        guard let revision = json["revision"]?.stringValue, let url = json["url"]?.stringValue else { return nil }
        self.revision = revision
        self.url = url
        digest = json["digest"]?.stringValue ?? ""
        path = json["path"]?.stringValue ?? ""
        size = json["size"]?.intValue ?? 0
        lastUpdateTime = json["lastUpdateTime"]?.stringValue ?? ""
    }

    public var json: JSONValue {
        ["digest": .string(digest), "lastUpdateTime": .string(lastUpdateTime), "path": .string(path),
         "revision": .string(revision), "size": .int(size), "url": .string(url)]
    }

    /// The local directory of a `file://` artifact URL.
    public var localDirectory: String? {
        url.hasPrefix("file://") ? String(url.dropFirst("file://".count)) : nil
    }
}
