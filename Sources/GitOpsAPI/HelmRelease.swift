/// `helm.toolkit.fluxcd.io/v2` HelmRelease, decoded strictly. The fields the Release component
/// implements are typed; Flux fields it does not implement are refused by name (see
/// `unsupported`), never ignored.
public struct HelmRelease: APIObject {
    public static let apiVersion = "helm.toolkit.fluxcd.io/v2"
    public static let kind = "HelmRelease"

    static let topLevelFields = [
        "chart", "chartRef", "interval", "kubeConfig", "suspend", "releaseName", "targetNamespace", "storageNamespace",
        "dependsOn", "timeout", "maxHistory", "serviceAccountName", "persistentClient", "driftDetection", "install",
        "upgrade", "test", "rollback", "uninstall", "valuesFrom", "values", "postRenderers", "commonMetadata",
        "waitStrategy", "healthCheckExprs",
    ]
    /// Flux fields this agent does not implement yet: refused with a message.
    static let unsupported = ["chartRef", "kubeConfig", "healthCheckExprs"]

    /// `spec.chart.spec`: where the chart comes from.
    public struct ChartTemplate: Sendable, Hashable {
        /// A chart name in a HelmRepository, or a path in a GitRepository's artifact.
        public var chart: String
        /// A semver range for HelmRepository charts (default `*`).
        public var version: String
        public var sourceRef: CrossNamespaceReference
        /// Values files merged in order instead of the chart's values.yaml (paths in a
        /// GitRepository artifact, or files of a HelmRepository chart).
        public var valuesFiles: [String]
        /// A listed values file that does not exist is skipped instead of failing the chart.
        public var ignoreMissingValuesFiles = false
    }

    public struct ValuesReference: Sendable, Hashable {
        public var kind: String
        public var name: String
        public var valuesKey: String
        public var targetPath: String?
        public var optional: Bool
    }

    public enum RemediationStrategy: String, Sendable, Hashable { case rollback, uninstall }

    public struct Remediation: Sendable, Hashable {
        /// Attempts after the first failure (negative: forever).
        public var retries: Int
        public var ignoreTestFailures: Bool
        /// Remediate the last failure too, when retries are exhausted.
        public var remediateLastFailure: Bool?
        public var strategy: RemediationStrategy
    }

    public struct Install: Sendable, Hashable {
        public var createNamespace = false
        public var disableWait = false
        public var disableHooks = false
        /// Values are not checked against the charts' values.schema.json.
        public var disableSchemaValidation = false
        public var skipCRDs = false
        public var timeout: GoDuration?
        public var remediation = Remediation(retries: 0, ignoreTestFailures: false, remediateLastFailure: nil, strategy: .uninstall)
    }

    public struct Upgrade: Sendable, Hashable {
        public var disableWait = false
        public var disableHooks = false
        /// Values are not checked against the charts' values.schema.json.
        public var disableSchemaValidation = false
        public var force = false
        public var cleanupOnFail = false
        public var timeout: GoDuration?
        public var remediation = Remediation(retries: 0, ignoreTestFailures: false, remediateLastFailure: nil, strategy: .rollback)
    }

    public struct Test: Sendable, Hashable {
        public var enable = false
        public var ignoreFailures = false
        public var timeout: GoDuration?
    }

    public struct Uninstall: Sendable, Hashable {
        public var keepHistory = false
        public var disableHooks = false
        public var timeout: GoDuration?
    }

    public enum DriftMode: String, Sendable, Hashable { case enabled, warn, disabled }

    /// `spec.postRenderers[].kustomize`: kustomize `patches` (`{patch, target}`) and `images`
    /// applied to the rendered manifests (not the hooks), as kustomize reads them.
    public struct KustomizePostRenderer: Sendable, Hashable {
        public var patches: [JSONValue]
        public var images: [JSONValue]
    }

    /// `spec.commonMetadata`: labels and annotations set on every rendered object's metadata.
    public struct CommonMetadata: Sendable, Hashable {
        public var labels: [String: String]
        public var annotations: [String: String]
    }

    public struct Spec: Sendable, Hashable {
        public var chart: ChartTemplate
        public var interval: GoDuration
        public var timeout: GoDuration
        public var suspend: Bool
        public var releaseName: String?
        public var targetNamespace: String?
        public var storageNamespace: String?
        public var dependsOn: [CrossNamespaceReference]
        public var maxHistory: Int
        public var values: JSONValue?
        public var valuesFrom: [ValuesReference]
        public var install: Install
        public var upgrade: Upgrade
        public var test: Test
        public var uninstall: Uninstall
        public var driftMode: DriftMode
        /// In order; entries without `kustomize` are skipped, as Flux does.
        public var postRenderers: [KustomizePostRenderer] = []
        public var commonMetadata: CommonMetadata?
        /// The two fields as written, for the digests that tell a change (Flux's
        /// `observedPostRenderersDigest`, `observedCommonMetadataDigest`).
        public var postRenderersJSON: JSONValue?
        public var commonMetadataJSON: JSONValue?
        /// `serviceAccountName`: the account (in the HelmRelease's namespace) the release is
        /// installed, upgraded, tested and uninstalled as, its records included (impersonation).
        public var serviceAccountName: String?
    }

    public var metadata: ObjectMeta
    public var spec: Spec
    public var object: KubeObject
    public var interval: GoDuration { spec.interval }
    public var suspend: Bool { spec.suspend }

    public init(_ object: KubeObject) throws {
        let r = try Self.specReader(object)
        try r.rejectUnknown(Self.topLevelFields)
        let metadata = ObjectMeta(object)
        for key in Self.unsupported where r.raw(key) != nil {
            throw APIError(object: r.object, field: "spec.\(key)", message: "not supported by this agent yet; use spec.chart with a HelmRepository or GitRepository source")
        }
        guard let chart = try r.nested("chart", { c -> ChartTemplate? in
            try c.rejectUnknown(["spec", "metadata"])
            _ = c.raw("metadata")
            return try c.nested("spec") { s in
                try s.rejectUnknown(["chart", "version", "sourceRef", "interval", "reconcileStrategy", "valuesFiles", "ignoreMissingValuesFiles", "verify"])
                if s.raw("verify") != nil {
                    throw APIError(object: s.object, field: "\(s.path).verify", message: "chart verification is not supported by this agent yet")
                }
                guard var source = try s.nested("sourceRef", { try CrossNamespaceReference($0) }) else {
                    throw APIError(object: s.object, field: "\(s.path).sourceRef", message: "required field is missing")
                }
                guard ["HelmRepository", "GitRepository"].contains(source.kind) else {
                    throw APIError(object: s.object, field: "\(s.path).sourceRef.kind",
                                   message: "unsupported source kind \"\(source.kind)\": this agent reads HelmRepository and GitRepository sources")
                }
                if source.namespace == nil { source.namespace = metadata.namespace }
                // Harmless here: the chart is read on every reconcile of its source's revision.
                for key in ["interval", "reconcileStrategy"] { _ = s.raw(key) }
                return ChartTemplate(chart: try s.requiredString("chart"), version: try s.string("version") ?? "*",
                                     sourceRef: source, valuesFiles: try s.stringList("valuesFiles"),
                                     ignoreMissingValuesFiles: try s.bool("ignoreMissingValuesFiles") ?? false)
            } ?? nil
        }) ?? nil else {
            throw APIError(object: r.object, field: "spec.chart", message: "spec.chart.spec is required (chart, sourceRef)")
        }
        let remediation = { (x: FieldReader, strategy: RemediationStrategy) throws -> Remediation in
            try x.rejectUnknown(["retries", "ignoreTestFailures", "remediateLastFailure", "strategy"])
            return Remediation(retries: try x.int("retries") ?? 0, ignoreTestFailures: try x.bool("ignoreTestFailures") ?? false,
                               remediateLastFailure: try x.bool("remediateLastFailure"),
                               strategy: try x.oneOf("strategy", ["rollback", "uninstall"]).flatMap(RemediationStrategy.init(rawValue:)) ?? strategy)
        }
        var install = Install()
        _ = try r.nested("install") { i in
            try i.rejectUnknown(["timeout", "crds", "replace", "createNamespace", "disableHooks", "disableOpenAPIValidation",
                                 "disableSchemaValidation", "disableTakeOwnership", "disableWait", "disableWaitForJobs",
                                 "serverSideApply", "strategy", "remediation"])
            install.createNamespace = try i.bool("createNamespace") ?? false
            install.disableWait = try i.bool("disableWait") ?? false
            install.disableHooks = try i.bool("disableHooks") ?? false
            install.disableSchemaValidation = try i.bool("disableSchemaValidation") ?? false
            install.skipCRDs = try i.oneOf("crds", ["Skip", "Create", "CreateReplace"]) == "Skip"
            install.timeout = try i.duration("timeout")
            if let r = try i.nested("remediation", { try remediation($0, .uninstall) }) { install.remediation = r }
            try Self.refuseUnlessDefault(i, ["replace": false])
            try Self.checkStrategy(i)
            // No effect here: objects are always applied server-side, without OpenAPI checks of
            // the client, taking ownership; Jobs are waited for as any other object.
            for key in ["disableOpenAPIValidation", "disableTakeOwnership", "disableWaitForJobs", "serverSideApply"] {
                _ = i.raw(key)
            }
        }
        var upgrade = Upgrade()
        _ = try r.nested("upgrade") { u in
            try u.rejectUnknown(["timeout", "crds", "chartNameChangeStrategy", "cleanupOnFail", "disableHooks", "disableOpenAPIValidation",
                                 "disableSchemaValidation", "disableTakeOwnership", "disableWait", "disableWaitForJobs", "force",
                                 "preserveValues", "serverSideApply", "strategy", "remediation"])
            upgrade.disableWait = try u.bool("disableWait") ?? false
            upgrade.disableHooks = try u.bool("disableHooks") ?? false
            upgrade.disableSchemaValidation = try u.bool("disableSchemaValidation") ?? false
            upgrade.force = try u.bool("force") ?? false
            upgrade.cleanupOnFail = try u.bool("cleanupOnFail") ?? false
            upgrade.timeout = try u.duration("timeout")
            if let r = try u.nested("remediation", { try remediation($0, .rollback) }) { upgrade.remediation = r }
            try Self.refuseUnlessDefault(u, ["preserveValues": false, "chartNameChangeStrategy": "InPlaceUpdate"])
            try Self.checkStrategy(u)
            _ = try u.oneOf("crds", ["Skip", "Create", "CreateReplace"]).map { crds in
                if crds != "Skip" { throw APIError(object: u.object, field: "\(u.path).crds", message: "\(crds) is not supported by this agent yet: CRDs are created on install and left alone on upgrade (Skip)") }
            }
            for key in ["disableOpenAPIValidation", "disableTakeOwnership", "disableWaitForJobs", "serverSideApply"] {
                _ = u.raw(key)
            }
        }
        var test = Test()
        _ = try r.nested("test") { t in
            try t.rejectUnknown(["enable", "ignoreFailures", "timeout", "filters"])
            test.enable = try t.bool("enable") ?? false
            test.ignoreFailures = try t.bool("ignoreFailures") ?? false
            test.timeout = try t.duration("timeout")
            try Self.refuseUnlessDefault(t, ["filters": nil])
        }
        var uninstall = Uninstall()
        _ = try r.nested("uninstall") { u in
            try u.rejectUnknown(["timeout", "deletionPropagation", "disableHooks", "disableWait", "keepHistory"])
            uninstall.keepHistory = try u.bool("keepHistory") ?? false
            uninstall.disableHooks = try u.bool("disableHooks") ?? false
            uninstall.timeout = try u.duration("timeout")
            try Self.refuseUnlessDefault(u, ["deletionPropagation": "background"])
            _ = u.raw("disableWait")
        }
        let driftMode = try r.nested("driftDetection") { d in
            try d.rejectUnknown(["mode", "ignore"])
            try Self.refuseUnlessDefault(d, ["ignore": nil])
            return try d.oneOf("mode", ["enabled", "warn", "disabled"]).flatMap(DriftMode.init(rawValue:))
        }
        let values = r.raw("values")
        if let values, values.objectValue == nil, !values.isNull {
            throw APIError(object: r.object, field: "spec.values", message: "must be a map of values")
        }
        spec = Spec(
            chart: chart,
            interval: try r.requiredDuration("interval"),
            timeout: try r.duration("timeout") ?? GoDuration(seconds: 300),
            suspend: try r.bool("suspend") ?? false,
            releaseName: try r.string("releaseName"),
            targetNamespace: try r.string("targetNamespace"),
            storageNamespace: try r.string("storageNamespace"),
            dependsOn: try r.list("dependsOn") { d in
                var ref = try CrossNamespaceReference(d, defaultKind: HelmRelease.kind)
                if ref.namespace == nil { ref.namespace = metadata.namespace }
                return ref
            },
            maxHistory: try r.int("maxHistory") ?? 5,
            values: values,
            valuesFrom: try r.list("valuesFrom") { v in
                try v.rejectUnknown(["kind", "name", "valuesKey", "targetPath", "optional"])
                return ValuesReference(kind: try v.oneOf("kind", ["ConfigMap", "Secret"]) ?? { throw APIError(object: v.object, field: "\(v.path).kind", message: "required: ConfigMap or Secret") }(),
                                       name: try v.requiredString("name"), valuesKey: try v.string("valuesKey") ?? "values.yaml",
                                       targetPath: try v.string("targetPath"), optional: try v.bool("optional") ?? false)
            },
            install: install, upgrade: upgrade, test: test, uninstall: uninstall,
            driftMode: (driftMode ?? nil) ?? .disabled,
            postRenderers: try r.list("postRenderers") { p -> KustomizePostRenderer? in
                try p.rejectUnknown(["kustomize"])
                return try p.nested("kustomize") { k in
                    try k.rejectUnknown(["patches", "images"])
                    let patches = try k.list("patches") { patch -> JSONValue in
                        try patch.rejectUnknown(["patch", "target"])
                        _ = try patch.requiredString("patch")
                        _ = try patch.nested("target") { t in
                            try t.rejectUnknown(["group", "version", "kind", "name", "namespace", "labelSelector", "annotationSelector"])
                            for key in ["group", "version", "kind", "name", "namespace", "labelSelector", "annotationSelector"] { _ = try t.string(key) }
                        }
                        return JSONValue.object(patch.map)
                    }
                    let images = try k.list("images") { image -> JSONValue in
                        try image.rejectUnknown(["name", "newName", "newTag", "digest"])
                        _ = try image.requiredString("name")
                        for key in ["newName", "newTag", "digest"] { _ = try image.string(key) }
                        return JSONValue.object(image.map)
                    }
                    return KustomizePostRenderer(patches: patches, images: images)
                }
            }.compactMap { $0 },
            commonMetadata: try r.nested("commonMetadata") { c in
                try c.rejectUnknown(["labels", "annotations"])
                return CommonMetadata(labels: try c.stringMap("labels"), annotations: try c.stringMap("annotations"))
            },
            postRenderersJSON: r.raw("postRenderers"),
            commonMetadataJSON: r.raw("commonMetadata"),
            serviceAccountName: try r.string("serviceAccountName").flatMap { $0.isEmpty ? nil : $0 }
        )
        for key in ["persistentClient", "waitStrategy", "rollback"] { _ = r.raw(key) }
        try r.finish()
        self.metadata = metadata
        self.object = object
    }

    /// Fields this agent does not implement are accepted only with Flux's default value (nil: only
    /// when absent); anything else is refused by name rather than silently ignored.
    static func refuseUnlessDefault(_ r: FieldReader, _ defaults: [String: JSONValue?]) throws {
        for (key, value) in defaults.sorted(by: { $0.key < $1.key }) {
            guard let given = r.raw(key) else { continue }
            if let value, given == value { continue }
            throw APIError(object: r.object, field: "\(r.path).\(key)", message: "not supported by this agent yet (only \(value.map { "\($0.jsonString())" } ?? "leaving it unset") is)")
        }
    }

    /// `strategy.name`: Flux's default `RemediateOnFailure` is what this agent does;
    /// `RetryOnFailure` (retry without remediating) is refused.
    static func checkStrategy(_ r: FieldReader) throws {
        guard let strategy = r.raw("strategy") else { return }
        let name = strategy["name"]?.stringValue ?? ""
        guard name == "RemediateOnFailure" else {
            throw APIError(object: r.object, field: "\(r.path).strategy.name",
                           message: "\(name.isEmpty ? "(empty)" : name) is not supported by this agent yet (only RemediateOnFailure is)")
        }
    }

    /// Flux's default release name: `[<targetNamespace>-]<name>`, shortened past 53 characters
    /// to its first 40 + `-` + 12 hex characters of its SHA-256 (computed by the caller).
    public var defaultReleaseName: String {
        if let target = spec.targetNamespace, !target.isEmpty { return "\(target)-\(metadata.name)" }
        return metadata.name
    }
}
