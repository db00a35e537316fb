/// A status condition the way Kubernetes (metav1.Condition) and Flux write them.
public struct Condition: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable { case `true` = "True", `false` = "False", unknown = "Unknown" }

    public var type: String
    public var status: Status
    public var reason: String
    public var message: String
    public var observedGeneration: Int
    public var lastTransitionTime: String

    public init(type: String, status: Status, reason: String, message: String, observedGeneration: Int = 0, lastTransitionTime: String = Timestamp.now()) {
        self.type = type
        self.status = status
        self.reason = reason
        self.message = message
        self.observedGeneration = observedGeneration
        self.lastTransitionTime = lastTransitionTime
    }

    public init?(json: JSONValue) {
        guard let type = json["type"]?.stringValue else { return nil }
        self.type = type
        status = Status(rawValue: json["status"]?.stringValue ?? "") ?? .unknown
        reason = json["reason"]?.stringValue ?? ""
        message = json["message"]?.stringValue ?? ""
        observedGeneration = json["observedGeneration"]?.intValue ?? 0
        lastTransitionTime = json["lastTransitionTime"]?.stringValue ?? ""
    }

    public var json: JSONValue {
        [
            "lastTransitionTime": .string(lastTransitionTime),
            "message": .string(message),
            "observedGeneration": .int(observedGeneration),
            "reason": .string(reason),
            "status": .string(status.rawValue),
            "type": .string(type),
        ]
    }
}

/// Condition types and reasons Flux uses (fluxcd/pkg/apis/meta and the controllers' APIs).
public enum ConditionType {
    public static let ready = "Ready"
    public static let reconciling = "Reconciling"
    public static let stalled = "Stalled"
    public static let healthy = "Healthy"
    /// HelmRelease: the last Helm action (install, upgrade, rollback) succeeded.
    public static let released = "Released"
    /// HelmRelease: the Helm tests passed.
    public static let testSuccess = "TestSuccess"
    /// HelmRelease: the last failure was remediated (rollback or uninstall).
    public static let remediated = "Remediated"
    /// This agent's: objects differ from Git and were left so (`driftDetection.mode: warn`).
    public static let drifted = "Drifted"
    public static let artifactInStorage = "ArtifactInStorage"
    public static let fetchFailed = "FetchFailed"
}

public enum Reason {
    public static let succeeded = "Succeeded"
    public static let failed = "Failed"
    public static let progressing = "Progressing"
    public static let progressingWithRetry = "ProgressingWithRetry"
    public static let reconciliationSucceeded = "ReconciliationSucceeded"
    public static let reconciliationFailed = "ReconciliationFailed"
    public static let artifactFailed = "ArtifactFailed"
    public static let buildFailed = "BuildFailed"
    public static let validationFailed = "ValidationFailed"
    public static let healthCheckFailed = "HealthCheckFailed"
    public static let pruneFailed = "PruneFailed"
    public static let dependencyNotReady = "DependencyNotReady"
    public static let suspended = "Suspended"
    public static let invalidSpec = "InvalidSpec"
    public static let gitOperationFailed = "GitOperationFailed"
    public static let authenticationFailed = "AuthenticationFailed"
    public static let newArtifact = "NewArtifact"
    public static let artifactUpToDate = "ArtifactUpToDate"
    public static let rollbackSucceeded = "RollbackSucceeded"
    public static let rolledBack = "RolledBack"
    public static let unsupported = "UnsupportedField"
    public static let driftDetected = "DriftDetected"
    // helm-controller's reasons.
    public static let installSucceeded = "InstallSucceeded"
    public static let installFailed = "InstallFailed"
    public static let upgradeSucceeded = "UpgradeSucceeded"
    public static let upgradeFailed = "UpgradeFailed"
    public static let testSucceeded = "TestSucceeded"
    public static let testFailed = "TestFailed"
    public static let rollbackFailed = "RollbackFailed"
    public static let uninstallSucceeded = "UninstallSucceeded"
    public static let uninstallFailed = "UninstallFailed"
    public static let retriesExceeded = "RetriesExceeded"
    public static let initFailed = "InitFailed"
    public static let valuesError = "ValuesError"
    public static let chartLoadFailed = "ChartLoadFailed"
    public static let noDriftDetected = "NoDriftDetected"
}

/// A set of conditions with Flux's update rules: setting a condition whose status did not change
/// keeps its `lastTransitionTime`.
public struct Conditions: Sendable, Hashable {
    public var items: [Condition]

    public init(_ items: [Condition] = []) { self.items = items }

    public init(json: JSONValue?) { items = json?.arrayValue?.compactMap(Condition.init(json:)) ?? [] }

    public subscript(type: String) -> Condition? { items.first { $0.type == type } }

    public func isTrue(_ type: String) -> Bool { self[type]?.status == .true }

    public mutating func set(_ condition: Condition) {
        var condition = condition
        if let i = items.firstIndex(where: { $0.type == condition.type }) {
            if items[i].status == condition.status { condition.lastTransitionTime = items[i].lastTransitionTime }
            items[i] = condition
        } else {
            items.append(condition)
        }
        // Ready first, as Flux orders them.
        items.sort { ($0.type == ConditionType.ready ? 0 : 1) < ($1.type == ConditionType.ready ? 0 : 1) }
    }

    public mutating func remove(_ type: String) { items.removeAll { $0.type == type } }

    public var json: JSONValue { .array(items.map(\.json)) }
}
