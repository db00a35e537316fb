/// `kustomize.toolkit.fluxcd.io/v1` Kustomization: a path of a source, built and applied.
public struct Kustomization: APIObject {
    public static let apiVersion = "kustomize.toolkit.fluxcd.io/v1"
    public static let kind = "Kustomization"

    public struct HealthCheck: Sendable, Hashable {
        public var apiVersion: String
        public var kind: String
        public var name: String
        public var namespace: String?
    }

    public struct Image: Sendable, Hashable {
        public var name: String
        public var newName: String?
        public var newTag: String?
        public var digest: String?
    }

    public struct Spec: Sendable, Hashable {
        public var sourceRef: CrossNamespaceReference
        public var path: String
        public var interval: GoDuration
        public var retryInterval: GoDuration?
        public var timeout: GoDuration?
        public var prune: Bool
        public var wait: Bool
        public var healthChecks: [HealthCheck]
        public var dependsOn: [CrossNamespaceReference]
        public var targetNamespace: String?
        public var namePrefix: String?
        public var nameSuffix: String?
        public var suspend: Bool
        public var force: Bool
        public var images: [Image]
        public var commonLabels: [String: String]
        public var commonAnnotations: [String: String]
        public var substitute: [String: String]
        /// `postBuild.substituteFrom`: ConfigMaps and Secrets whose data are variables; later
        /// entries override earlier ones, and `substitute` overrides them all.
        public var substituteFrom: [SubstituteReference]
        /// `patches`: `{patch, target}` entries, applied as kustomize's `patches` field.
        public var patches: [JSONValue]
        /// `components`: component directories relative to `path`.
        public var components: [String]
        /// `driftDetection.mode` (this agent's extension, shaped like HelmRelease v2's field of the
        /// same name): `enabled` (the default) puts objects changed by hand back; `warn` reports
        /// them — which objects and fields — as the `Drifted` condition, a warning event and the
        /// `gitops_drifted_objects` metric, and corrects nothing until the next Git revision.
        public var driftMode: DriftMode = .enabled
        /// `serviceAccountName`: the account (in the Kustomization's namespace) the objects are
        /// applied, pruned and health-checked as (kube's impersonation), so RBAC bounds a tenant.
        public var serviceAccountName: String?

        /// Flux: failures are retried after `retryInterval`, which defaults to `interval`.
        public var effectiveRetryInterval: GoDuration { retryInterval ?? interval }
        /// Flux: the timeout for build, apply and health checks defaults to `interval`.
        public var effectiveTimeout: GoDuration { timeout ?? interval }
    }

    /// Every field of Flux's KustomizationSpec (v1).
    static let specFields = [
        "commonMetadata", "components", "decryption", "deletionPolicy", "dependsOn", "force", "healthCheckExprs",
        "healthChecks", "ignoreMissingComponents", "images", "interval", "kubeConfig", "namePrefix", "nameSuffix",
        "patches", "path", "postBuild", "prune", "retryInterval", "serviceAccountName", "sourceRef", "suspend",
        "targetNamespace", "timeout", "wait",
        // This agent's additive extension (see `Spec.driftMode`).
        "driftDetection",
    ]

    public enum DriftMode: String, Sendable, Hashable, CaseIterable {
        case enabled, warn
    }

    public var metadata: ObjectMeta
    public var spec: Spec
    public var object: KubeObject

    public init(_ object: KubeObject) throws {
        let r = try Self.specReader(object)
        try r.rejectUnknown(Self.specFields)
        var metadata = ObjectMeta(object)
        var labels: [String: String] = [:], annotations: [String: String] = [:]
        _ = try r.nested("commonMetadata") { m in
            labels = try m.stringMap("labels")
            annotations = try m.stringMap("annotations")
        }
        var substitute: [String: String] = [:]
        var substituteFrom: [SubstituteReference] = []
        _ = try r.nested("postBuild") { p in
            substitute = try p.stringMap("substitute")
            substituteFrom = try p.list("substituteFrom") { s in
                SubstituteReference(kind: try s.oneOf("kind", ["ConfigMap", "Secret"]) ?? { throw APIError(object: s.object, field: "\(s.path).kind", message: "required: ConfigMap or Secret") }(),
                                    name: try s.requiredString("name"), optional: try s.bool("optional") ?? false)
            }
        }
        let sourceRef = try r.nested("sourceRef") { try CrossNamespaceReference($0) }
        guard var sourceRef else { throw APIError(object: r.object, field: "spec.sourceRef", message: "required field is missing") }
        guard sourceRef.kind == GitRepository.kind else {
            throw APIError(object: r.object, field: "spec.sourceRef.kind",
                           message: "unsupported source kind \"\(sourceRef.kind)\": this agent reads GitRepository sources")
        }
        if sourceRef.namespace == nil { sourceRef.namespace = metadata.namespace }
        guard let prune = try r.bool("prune") else {
            throw APIError(object: r.object, field: "spec.prune", message: "required field is missing: set prune: true or false")
        }
        spec = Spec(
            sourceRef: sourceRef,
            path: try r.string("path") ?? "./",
            interval: try r.requiredDuration("interval"),
            retryInterval: try r.duration("retryInterval"),
            timeout: try r.duration("timeout"),
            prune: prune,
            wait: try r.bool("wait") ?? false,
            healthChecks: try r.list("healthChecks") { h in
                HealthCheck(apiVersion: try h.string("apiVersion") ?? "", kind: try h.requiredString("kind"),
                            name: try h.requiredString("name"), namespace: try h.string("namespace"))
            },
            dependsOn: try r.list("dependsOn") { d in
                var ref = try CrossNamespaceReference(d, defaultKind: Kustomization.kind)
                if ref.namespace == nil { ref.namespace = metadata.namespace }
                return ref
            },
            targetNamespace: try r.string("targetNamespace"),
            namePrefix: try r.string("namePrefix"),
            nameSuffix: try r.string("nameSuffix"),
            suspend: try r.bool("suspend") ?? false,
            force: try r.bool("force") ?? false,
            images: try r.list("images") { i in
                Image(name: try i.requiredString("name"), newName: try i.string("newName"), newTag: try i.string("newTag"), digest: try i.string("digest"))
            },
            commonLabels: labels,
            commonAnnotations: annotations,
            substitute: substitute,
            substituteFrom: substituteFrom,
            patches: try r.list("patches") { p in
                guard let patch = try p.string("patch"), !patch.isEmpty else {
                    throw APIError(object: p.object, field: "\(p.path).patch", message: "required field is missing")
                }
                var entry: JSONObject = ["patch": .string(patch)]
                if let target = p.raw("target") { entry["target"] = target }
                return .object(entry)
            },
            components: try r.stringList("components")
        )
        let driftMode = try r.nested("driftDetection") { d in
            try d.rejectUnknown(["mode"])
            return try d.oneOf("mode", DriftMode.allCases.map(\.rawValue)).flatMap(DriftMode.init(rawValue:))
        }
        spec.driftMode = (driftMode ?? nil) ?? .enabled
        spec.serviceAccountName = try r.string("serviceAccountName").flatMap { $0.isEmpty ? nil : $0 }
        // Flux fields this agent does not implement yet are refused with a clear message rather
        // than silently ignored: applying something other than what the user wrote is worse.
        for unsupported in ["decryption", "kubeConfig",
                            "healthCheckExprs", "ignoreMissingComponents", "deletionPolicy"] where r.raw(unsupported) != nil {
            throw APIError(object: r.object, field: "spec.\(unsupported)", message: "not supported by this agent yet; remove it")
        }
        try r.finish()
        metadata.labels = object.labels
        self.metadata = metadata
        self.object = object
    }

    public var status: KustomizationStatus { KustomizationStatus(json: object.status) }
}

/// The status of a Kustomization: Flux's fields plus two documented additions,
/// `lastAppliedArtifact` (where the last healthy revision's snapshot is, so it can be
/// re-applied) and `rollback` (the revision whose health checks failed and what was restored).
public struct KustomizationStatus: Sendable, Hashable {
    public var conditions: Conditions
    public var observedGeneration: Int
    public var lastAppliedRevision: String?
    public var lastAttemptedRevision: String?
    public var lastHandledReconcileAt: String?
    public var inventory: [InventoryEntry]
    public var lastAppliedArtifact: Artifact?
    public var rollback: RollbackRecord?

    public init(json: JSONValue?) {
        conditions = Conditions(json: json?["conditions"])
        observedGeneration = json?["observedGeneration"]?.intValue ?? 0
        lastAppliedRevision = json?["lastAppliedRevision"]?.stringValue
        lastAttemptedRevision = json?["lastAttemptedRevision"]?.stringValue
        lastHandledReconcileAt = json?["lastHandledReconcileAt"]?.stringValue
        inventory = json?[path: ["inventory", "entries"]]?.arrayValue?.compactMap(InventoryEntry.init(json:)) ?? []
        lastAppliedArtifact = json?["lastAppliedArtifact"].flatMap(Artifact.init(json:))
        rollback = json?["rollback"].flatMap(RollbackRecord.init(json:))
    }

    public var json: JSONValue {
        var o: JSONObject = ["conditions": conditions.json, "observedGeneration": .int(observedGeneration)]
        if let lastAppliedRevision { o["lastAppliedRevision"] = .string(lastAppliedRevision) }
        if let lastAttemptedRevision { o["lastAttemptedRevision"] = .string(lastAttemptedRevision) }
        if let lastHandledReconcileAt { o["lastHandledReconcileAt"] = .string(lastHandledReconcileAt) }
        o["inventory"] = ["entries": .array(inventory.map(\.json))]
        if let lastAppliedArtifact { o["lastAppliedArtifact"] = lastAppliedArtifact.json }
        if let rollback { o["rollback"] = rollback.json }
        return .object(o)
    }
}

/// A `postBuild.substituteFrom` entry.
public struct SubstituteReference: Sendable, Hashable {
    public var kind: String
    public var name: String
    /// A missing object is not an error (its variables are just absent).
    public var optional: Bool
}

/// `status.inventory.entries[]`: `{id: "<ns>_<name>_<group>_<kind>", v: "<version>"}`.
public struct InventoryEntry: Sendable, Hashable {
    public var id: ObjectID
    public var version: String

    public init(id: ObjectID, version: String) {
        self.id = id
        self.version = version
    }

    public init?(json: JSONValue) {
        guard let s = json["id"]?.stringValue, let id = ObjectID(inventoryID: s) else { return nil }
        self.id = id
        version = json["v"]?.stringValue ?? "v1"
    }

    public var json: JSONValue { ["id": .string(id.inventoryID), "v": .string(version)] }

    public var ref: ObjectRef {
        ObjectRef(apiVersion: GroupVersion(group: id.group, version: version).apiVersion, kind: id.kind,
                  namespace: id.namespace.isEmpty ? nil : id.namespace, name: id.name)
    }
}

/// Written when a revision failed its health checks and the last healthy one was re-applied.
/// While `failedRevision` is still the source's revision, the agent does not apply it again
/// unless a user asks (`gitops reconcile`).
public struct RollbackRecord: Sendable, Hashable {
    public var failedRevision: String
    public var restoredRevision: String
    public var time: String
    public var message: String

    public init(failedRevision: String, restoredRevision: String, time: String = Timestamp.now(), message: String) {
        self.failedRevision = failedRevision
        self.restoredRevision = restoredRevision
        self.time = time
        self.message = message
    }

    public init?(json: JSONValue) {
        guard let f = json["failedRevision"]?.stringValue else { return nil }
        failedRevision = f
        restoredRevision = json["restoredRevision"]?.stringValue ?? ""
        time = json["time"]?.stringValue ?? ""
        message = json["message"]?.stringValue ?? ""
    }

    public var json: JSONValue {
        ["failedRevision": .string(failedRevision), "message": .string(message),
         "restoredRevision": .string(restoredRevision), "time": .string(time)]
    }
}
