import Foundation
import GitOpsAPI

/// kstatus's vocabulary (sigs.k8s.io/cli-utils/pkg/kstatus), which Flux's health checks use.
public enum HealthStatus: String, Sendable, Hashable {
    case current = "Current"
    case inProgress = "InProgress"
    case failed = "Failed"
    case terminating = "Terminating"
    case notFound = "NotFound"
    case unknown = "Unknown"
}

/// The health of one object with a message a person can act on.
public struct HealthResult: Sendable, Hashable {
    public var status: HealthStatus
    public var message: String

    public init(_ status: HealthStatus, _ message: String) {
        self.status = status
        self.message = message
    }
}

/// Computes an object's status the way kstatus does: generic checks first (deletion,
/// observedGeneration, `Reconciling`/`Stalled`), then the rules of its kind, then the `Ready`
/// condition, else Current. Pure: it reads only the object.
public enum Health {
    public static func assess(_ object: KubeObject) -> HealthResult {
        if object.deletionTimestamp != nil { return HealthResult(.terminating, "Resource scheduled for deletion") }
        let status = object.status ?? .object([:])
        let generation = object.generation
        if let observed = status["observedGeneration"]?.intValue, object.body[path: ["metadata", "generation"]] != nil, observed != generation {
            return HealthResult(.inProgress, "\(object.kind) generation is \(generation), but latest observed generation is \(observed)")
        }
        let conditions = Conditions(json: status["conditions"])
        if let c = conditions[ConditionType.stalled], c.status == .true { return HealthResult(.failed, c.message.isEmpty ? c.reason : c.message) }
        if let c = conditions[ConditionType.reconciling], c.status == .true { return HealthResult(.inProgress, c.message.isEmpty ? c.reason : c.message) }

        switch (object.group, object.kind) {
        case ("apps", "Deployment"): return deployment(object, status, conditions)
        case ("apps", "StatefulSet"): return statefulSet(object, status)
        case ("apps", "DaemonSet"): return daemonSet(object, status)
        case ("apps", "ReplicaSet"): return replicaSet(object, status, conditions)
        case ("batch", "Job"): return job(status, conditions)
        case ("", "Pod"): return pod(object, status, conditions)
        case ("", "PersistentVolumeClaim"):
            let phase = status["phase"]?.stringValue ?? ""
            return phase == "Bound" ? HealthResult(.current, "PVC is Bound") : HealthResult(.inProgress, "PVC is not Bound. phase: \(phase)")
        case ("", "Service"):
            if object.body[path: ["spec", "type"]]?.stringValue == "LoadBalancer",
               (object.body[path: ["spec", "clusterIP"]]?.stringValue ?? "").isEmpty
            {
                return HealthResult(.inProgress, "ClusterIP not set. Service type: LoadBalancer")
            }
            return HealthResult(.current, "Service is ready")
        case ("apiextensions.k8s.io", "CustomResourceDefinition"): return crd(conditions)
        case ("", "ConfigMap"), ("", "Secret"), ("policy", "PodDisruptionBudget"), ("batch", "CronJob"):
            return HealthResult(.current, "Resource is always ready")
        default: break
        }
        if let ready = conditions[ConditionType.ready] {
            if ready.status == .true { return HealthResult(.current, ready.message.isEmpty ? "Resource is Ready" : ready.message) }
            return HealthResult(.inProgress, ready.message.isEmpty ? "Ready: \(ready.status.rawValue)" : ready.message)
        }
        return HealthResult(.current, "Resource is current")
    }

    static func int(_ status: JSONValue, _ key: String) -> Int { status[key]?.intValue ?? 0 }

    static func deployment(_ object: KubeObject, _ status: JSONValue, _ conditions: Conditions) -> HealthResult {
        if let p = conditions["Progressing"], p.reason == "ProgressDeadlineExceeded" {
            return HealthResult(.failed, "Progress deadline exceeded")
        }
        let spec = object.body[path: ["spec", "replicas"]]?.intValue ?? 1
        if spec > int(status, "replicas") { return HealthResult(.inProgress, "Replicas: \(int(status, "replicas"))/\(spec)") }
        if spec > int(status, "updatedReplicas") { return HealthResult(.inProgress, "Updated: \(int(status, "updatedReplicas"))/\(spec)") }
        if int(status, "replicas") > spec { return HealthResult(.inProgress, "Pending termination: \(int(status, "replicas") - spec)") }
        if int(status, "updatedReplicas") > int(status, "availableReplicas") {
            return HealthResult(.inProgress, "Available: \(int(status, "availableReplicas"))/\(spec)")
        }
        if spec > int(status, "readyReplicas") { return HealthResult(.inProgress, "Ready: \(int(status, "readyReplicas"))/\(spec)") }
        // Without progressDeadlineSeconds the controller sets no Progressing condition, so kstatus
        // counts the Deployment as progressing; otherwise it needs NewReplicaSetAvailable.
        let progressing = object.body[path: ["spec", "progressDeadlineSeconds"]] == nil
            || (conditions["Progressing"].map { $0.status == .true && $0.reason == "NewReplicaSetAvailable" } ?? false)
        if !progressing { return HealthResult(.inProgress, "ReplicaSet not Available") }
        if !conditions.isTrue("Available") { return HealthResult(.inProgress, "Deployment not Available") }
        return HealthResult(.current, "Deployment is available. Replicas: \(int(status, "replicas"))")
    }

    static func statefulSet(_ object: KubeObject, _ status: JSONValue) -> HealthResult {
        if object.body[path: ["spec", "updateStrategy", "type"]]?.stringValue == "OnDelete" {
            return HealthResult(.current, "StatefulSet is using the OnDelete update strategy")
        }
        let spec = object.body[path: ["spec", "replicas"]]?.intValue ?? 1
        if spec > int(status, "replicas") { return HealthResult(.inProgress, "Replicas: \(int(status, "replicas"))/\(spec)") }
        if spec > int(status, "readyReplicas") { return HealthResult(.inProgress, "Ready: \(int(status, "readyReplicas"))/\(spec)") }
        if int(status, "replicas") > spec { return HealthResult(.inProgress, "Pending termination: \(int(status, "replicas") - spec)") }
        if let partition = object.body[path: ["spec", "updateStrategy", "rollingUpdate", "partition"]]?.intValue {
            if int(status, "updatedReplicas") < spec - partition {
                return HealthResult(.inProgress, "updated: \(int(status, "updatedReplicas"))/\(spec - partition)")
            }
            return HealthResult(.current, "Partitioned roll out complete")
        }
        if spec > int(status, "currentReplicas") { return HealthResult(.inProgress, "current: \(int(status, "currentReplicas"))/\(spec)") }
        if status["currentRevision"]?.stringValue != status["updateRevision"]?.stringValue {
            return HealthResult(.inProgress, "Waiting for updated revision to match current")
        }
        return HealthResult(.current, "All replicas scheduled as expected. Replicas: \(int(status, "readyReplicas"))")
    }

    static func daemonSet(_ object: KubeObject, _ status: JSONValue) -> HealthResult {
        guard object.body[path: ["metadata", "generation"]] != nil else { return HealthResult(.inProgress, "Missing .metadata.generation") }
        guard status["observedGeneration"] != nil else { return HealthResult(.inProgress, "Missing .status.observedGeneration") }
        guard let desired = status["desiredNumberScheduled"]?.intValue else { return HealthResult(.inProgress, "Missing .status.desiredNumberScheduled") }
        for (key, label) in [("currentNumberScheduled", "Current"), ("updatedNumberScheduled", "Updated"), ("numberAvailable", "Available"), ("numberReady", "Ready")]
        where desired > int(status, key) {
            return HealthResult(.inProgress, "\(label): \(int(status, key))/\(desired)")
        }
        return HealthResult(.current, "All replicas scheduled as expected. Replicas: \(desired)")
    }

    static func replicaSet(_ object: KubeObject, _ status: JSONValue, _ conditions: Conditions) -> HealthResult {
        let spec = object.body[path: ["spec", "replicas"]]?.intValue ?? 1
        if spec > int(status, "availableReplicas") { return HealthResult(.inProgress, "Available: \(int(status, "availableReplicas"))/\(spec)") }
        if spec > int(status, "readyReplicas") { return HealthResult(.inProgress, "Ready: \(int(status, "readyReplicas"))/\(spec)") }
        if int(status, "replicas") > spec { return HealthResult(.inProgress, "Pending termination: \(int(status, "replicas") - spec)") }
        return HealthResult(.current, "ReplicaSet is available. Replicas: \(spec)")
    }

    static func job(_ status: JSONValue, _ conditions: Conditions) -> HealthResult {
        if conditions.isTrue("Complete") { return HealthResult(.current, "Job Completed. succeeded: \(int(status, "succeeded"))") }
        if let f = conditions["Failed"], f.status == .true { return HealthResult(.failed, "Job Failed. failed: \(int(status, "failed")): \(f.message)") }
        if conditions.isTrue("Suspended") { return HealthResult(.current, "Job is suspended") }
        if status["startTime"] == nil { return HealthResult(.inProgress, "Job not started") }
        return HealthResult(.current, "Job in progress. success:\(int(status, "succeeded")), active: \(int(status, "active")), failed: \(int(status, "failed"))")
    }

    static func pod(_ object: KubeObject, _ status: JSONValue, _ conditions: Conditions) -> HealthResult {
        switch status["phase"]?.stringValue {
        case "Succeeded": return HealthResult(.current, "Pod has completed successfully")
        case "Failed": return HealthResult(.current, "Pod has completed, but not successfully")
        case "Running":
            if conditions.isTrue("Ready") { return HealthResult(.current, "Pod is Ready") }
            if let waiting = waitingReasons(of: object).first(where: { $0.reason == "CrashLoopBackOff" }) {
                return HealthResult(.failed, "Pod \(object.name): container \(waiting.container) is in CrashLoopBackOff")
            }
            return HealthResult(.inProgress, "Pod is running but is not Ready")
        default:
            // kstatus gives the scheduler 15 s before an unschedulable Pod counts as Failed.
            if let scheduled = conditions["PodScheduled"], scheduled.status == .false, scheduled.reason == "Unschedulable",
               let created = object.creationTimestamp.flatMap(Timestamp.parse), Date().timeIntervalSince(created) > 15
            {
                return HealthResult(.failed, "Pod could not be scheduled: \(scheduled.message)")
            }
            if let w = waitingReasons(of: object).first { return HealthResult(.inProgress, "Pod \(object.name): \(w.summary)") }
            return HealthResult(.inProgress, "Pod is in the Pending phase")
        }
    }

    static func crd(_ conditions: Conditions) -> HealthResult {
        if let n = conditions["NamesAccepted"], n.status == .false { return HealthResult(.failed, "CRD names not accepted: \(n.message)") }
        if let e = conditions["Established"] {
            if e.status == .true { return HealthResult(.current, "CRD is established") }
            if e.status == .false && e.reason != "Installing" { return HealthResult(.failed, "CRD is not established: \(e.message)") }
        }
        return HealthResult(.inProgress, "Install in progress")
    }

    /// Why a container is not running, as kubelet reports it.
    public struct Waiting: Sendable, Hashable {
        public var container: String
        public var reason: String
        public var message: String
        public var image: String

        /// `container web: ImagePullBackOff (image ghcr.io/acme/web:bad): Back-off pulling image …`
        public var summary: String {
            var s = "container \(container): \(reason)"
            if !image.isEmpty { s += " (image \(image))" }
            if !message.isEmpty && !message.contains(reason) { s += ": \(message)" }
            return s
        }
    }

    /// The waiting containers of a Pod (init containers included).
    public static func waitingReasons(of pod: KubeObject) -> [Waiting] {
        let statuses = (pod.status?["initContainerStatuses"]?.arrayValue ?? []) + (pod.status?["containerStatuses"]?.arrayValue ?? [])
        return statuses.compactMap { s in
            guard let w = s[path: ["state", "waiting"]], let reason = w["reason"]?.stringValue else { return nil }
            return Waiting(container: s["name"]?.stringValue ?? "", reason: reason,
                           message: w["message"]?.stringValue ?? "", image: s["image"]?.stringValue ?? "")
        }
    }
}
