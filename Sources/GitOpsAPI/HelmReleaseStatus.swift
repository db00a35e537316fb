/// `HelmRelease.status` as helm-controller v2 writes it (the fields this agent fills).
public struct HelmReleaseStatus: Sendable, Hashable {
    public var conditions: Conditions
    public var observedGeneration: Int
    public var lastHandledReconcileAt: String?
    /// The chart version last attempted (Flux: `lastAttemptedRevision`).
    public var lastAttemptedRevision: String?
    /// `sha256:<hex>` of the values last attempted.
    public var lastAttemptedConfigDigest: String?
    public var lastAttemptedGeneration: Int
    /// `install` or `upgrade`.
    public var lastAttemptedReleaseAction: String?
    public var installFailures: Int
    public var upgradeFailures: Int
    public var failures: Int
    public var storageNamespace: String?
    /// `sha256:<hex>` of `spec.postRenderers` and of `spec.commonMetadata` as last released
    /// (Flux: `observedPostRenderersDigest`, `observedCommonMetadataDigest`); a change upgrades.
    public var observedPostRenderersDigest: String?
    public var observedCommonMetadataDigest: String?
    /// Newest first, back to the last successful release.
    public var history: [Snapshot]

    /// `status.history[]`: one Helm release revision.
    public struct Snapshot: Sendable, Hashable {
        public var version: Int
        public var name: String
        public var namespace: String
        public var chartName: String
        public var chartVersion: String
        public var appVersion: String
        public var configDigest: String
        public var firstDeployed: String
        public var lastDeployed: String
        public var status: String
        public var action: String

        public init(version: Int, name: String, namespace: String, chartName: String, chartVersion: String, appVersion: String,
                    configDigest: String, firstDeployed: String, lastDeployed: String, status: String, action: String) {
            self.version = version
            self.name = name
            self.namespace = namespace
            self.chartName = chartName
            self.chartVersion = chartVersion
            self.appVersion = appVersion
            self.configDigest = configDigest
            self.firstDeployed = firstDeployed
            self.lastDeployed = lastDeployed
            self.status = status
            self.action = action
        }

        init?(json: JSONValue) {
            guard let version = json["version"]?.intValue, let name = json["name"]?.stringValue else { return nil }
            self.version = version
            self.name = name
            namespace = json["namespace"]?.stringValue ?? ""
            chartName = json["chartName"]?.stringValue ?? ""
            chartVersion = json["chartVersion"]?.stringValue ?? ""
            appVersion = json["appVersion"]?.stringValue ?? ""
            configDigest = json["configDigest"]?.stringValue ?? ""
            firstDeployed = json["firstDeployed"]?.stringValue ?? ""
            lastDeployed = json["lastDeployed"]?.stringValue ?? ""
            status = json["status"]?.stringValue ?? ""
            action = json["action"]?.stringValue ?? ""
        }

        var json: JSONValue {
            var o: JSONObject = ["appVersion": .string(appVersion), "chartName": .string(chartName), "chartVersion": .string(chartVersion),
                                 "configDigest": .string(configDigest), "firstDeployed": .string(firstDeployed),
                                 "lastDeployed": .string(lastDeployed), "name": .string(name), "namespace": .string(namespace),
                                 "status": .string(status), "version": .int(version)]
            if !action.isEmpty { o["action"] = .string(action) }
            return .object(o)
        }
    }

    public init(json: JSONValue?) {
        conditions = Conditions(json: json?["conditions"])
        observedGeneration = json?["observedGeneration"]?.intValue ?? 0
        lastHandledReconcileAt = json?["lastHandledReconcileAt"]?.stringValue
        lastAttemptedRevision = json?["lastAttemptedRevision"]?.stringValue
        lastAttemptedConfigDigest = json?["lastAttemptedConfigDigest"]?.stringValue
        lastAttemptedGeneration = json?["lastAttemptedGeneration"]?.intValue ?? 0
        lastAttemptedReleaseAction = json?["lastAttemptedReleaseAction"]?.stringValue
        installFailures = json?["installFailures"]?.intValue ?? 0
        upgradeFailures = json?["upgradeFailures"]?.intValue ?? 0
        failures = json?["failures"]?.intValue ?? 0
        storageNamespace = json?["storageNamespace"]?.stringValue
        observedPostRenderersDigest = json?["observedPostRenderersDigest"]?.stringValue
        observedCommonMetadataDigest = json?["observedCommonMetadataDigest"]?.stringValue
        history = json?["history"]?.arrayValue?.compactMap(Snapshot.init(json:)) ?? []
    }

    public var json: JSONValue {
        var o: JSONObject = ["conditions": conditions.json, "observedGeneration": .int(observedGeneration)]
        if let lastHandledReconcileAt { o["lastHandledReconcileAt"] = .string(lastHandledReconcileAt) }
        if let lastAttemptedRevision { o["lastAttemptedRevision"] = .string(lastAttemptedRevision) }
        if let lastAttemptedConfigDigest { o["lastAttemptedConfigDigest"] = .string(lastAttemptedConfigDigest) }
        if lastAttemptedGeneration > 0 { o["lastAttemptedGeneration"] = .int(lastAttemptedGeneration) }
        if let lastAttemptedReleaseAction { o["lastAttemptedReleaseAction"] = .string(lastAttemptedReleaseAction) }
        if installFailures > 0 { o["installFailures"] = .int(installFailures) }
        if upgradeFailures > 0 { o["upgradeFailures"] = .int(upgradeFailures) }
        if failures > 0 { o["failures"] = .int(failures) }
        if let storageNamespace { o["storageNamespace"] = .string(storageNamespace) }
        if let observedPostRenderersDigest { o["observedPostRenderersDigest"] = .string(observedPostRenderersDigest) }
        if let observedCommonMetadataDigest { o["observedCommonMetadataDigest"] = .string(observedCommonMetadataDigest) }
        if !history.isEmpty { o["history"] = .array(history.map(\.json)) }
        return .object(o)
    }
}
