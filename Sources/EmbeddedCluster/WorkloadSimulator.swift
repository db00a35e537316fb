import Cluster
import Foundation
import GitOpsAPI
import Synchronization

/// A stand-in for kubelet and the built-in controllers, so health checks, waits and rollbacks
/// can be seen on the embedded cluster. **It is a simulation**: no container runs. Every Pod it
/// creates carries the annotation `simulator.gitops.dev/simulated: "true"`.
///
/// Each `step()` moves every workload one step the way the controllers would:
///
/// - **Deployment**: one Pod per replica, owned by the Deployment, labelled from the pod
///   template (plus `pod-template-hash`), `Running` and `Ready`, with `containerStatuses`
///   naming the images; status with `observedGeneration`, `replicas`, `updatedReplicas`,
///   `readyReplicas`, `availableReplicas` and the conditions `Available=True`
///   (MinimumReplicasAvailable) and `Progressing=True` (NewReplicaSetAvailable). A changed pod
///   template (a new generation) replaces the Pods, so rolling back to a good template heals.
/// - **StatefulSet**: Pods `<name>-0…`, `readyReplicas`, `currentReplicas`, `updatedReplicas`,
///   `currentRevision == updateRevision`, `observedGeneration`.
/// - **DaemonSet**: one Pod (the simulated cluster has one node), `desiredNumberScheduled: 1`,
///   `numberReady: 1`, ….
/// - **Job**: one Pod per completion, `Succeeded`; `startTime`, `completionTime`,
///   `succeeded`, condition `Complete=True`.
/// - **PersistentVolumeClaim**: `phase: Bound`. **Service** of type LoadBalancer:
///   `status.loadBalancer.ingress[0].ip: 127.0.0.1`. **CustomResourceDefinition**:
///   `NamesAccepted=True`, `Established=True`.
///
/// **Making a workload fail.** Set the annotation `simulator.gitops.dev/fail` on the *pod
/// template* (`spec.template.metadata.annotations`) to the reason the container should be
/// stuck with — `ImagePullBackOff`, `ErrImagePull`, `CrashLoopBackOff`, or any other reason
/// string:
///
/// ```yaml
/// spec:
///   template:
///     metadata:
///       annotations:
///         simulator.gitops.dev/fail: ImagePullBackOff
/// ```
///
/// Its Pods then never become ready: image-pull reasons leave them `Pending`, others
/// `Running` but not ready, with `containerStatuses[].state.waiting.reason` set to that reason
/// and a message such as `Back-off pulling image "nginx:9.9"`. The Deployment reports
/// `Available=False` (MinimumReplicasUnavailable) and, once `progressDeadline` has passed since
/// the template changed, `Progressing=False` with reason `ProgressDeadlineExceeded`; a failing
/// Job reports `Failed=True` (BackoffLimitExceeded) after the same deadline. Removing the
/// annotation, or rolling back to a template without it, makes the workload healthy again on
/// the next step.
public final class WorkloadSimulator: Sendable {
    /// The pod-template annotation that makes a workload fail with the given reason.
    public static let failAnnotation = "simulator.gitops.dev/fail"
    /// Set to `"true"` on every Pod the simulator creates.
    public static let simulatedAnnotation = "simulator.gitops.dev/simulated"

    public let cluster: EmbeddedCluster
    /// How long a rollout may stay unready before `Progressing` turns False with
    /// `ProgressDeadlineExceeded` (kube's `spec.progressDeadlineSeconds`, 600 s by default, is
    /// far too long for a demo; this setting replaces it).
    public let progressDeadline: Duration
    let now: @Sendable () -> Date
    /// When each workload's current template started rolling out: uid → (template hash, since).
    let rollouts = Mutex<[String: Rollout]>([:])

    struct Rollout {
        var templateHash: String
        var since: Date
    }

    /// - Parameters:
    ///   - progressDeadline: see `progressDeadline`; tests use about a second.
    ///   - now: the time source (tests may pass a fixed or advancing clock).
    public init(cluster: EmbeddedCluster, progressDeadline: Duration = .seconds(5),
        now: @escaping @Sendable () -> Date = { Date() })
    {
        self.cluster = cluster
        self.progressDeadline = progressDeadline
        self.now = now
    }

    /// Advances every workload one step; returns how many objects it created, changed or
    /// deleted (0 when everything already looks the way the controllers would leave it).
    @discardableResult
    public func step() throws -> Int {
        let pods = try PodIndex(cluster.list(ListQuery(apiVersion: "v1", kind: "Pod")))
        var changed = 0
        changed += try stepDeployments(pods)
        changed += try stepStatefulSets(pods)
        changed += try stepDaemonSets(pods)
        changed += try stepJobs(pods)
        changed += try stepBarePods()
        changed += try stepClaims()
        changed += try stepLoadBalancers()
        changed += try stepCustomResourceDefinitions()
        return changed
    }

    /// Steps until nothing changes (at most `limit` steps); returns the total changed.
    @discardableResult
    public func settle(limit: Int = 10) throws -> Int {
        var total = 0
        for _ in 0..<limit {
            let changed = try step()
            total += changed
            if changed == 0 { break }
        }
        return total
    }

    /// Writes `status` to the object when it differs from what is there; 1 when written.
    func writeStatus(_ object: KubeObject, _ status: JSONValue, manager: String) throws -> Int {
        if sameValue(object.status, status) { return 0 }
        var copy = object
        copy.status = status
        copy.resourceVersion = nil  // the simulator owns status: last writer wins, as a controller's resync would
        _ = try cluster.updateStatus(copy, options: WriteOptions(fieldManager: manager))
        return 1
    }

    /// How long the rollout of `template` in workload `uid` has been going on.
    func rolloutAge(uid: String, templateHash: String) -> Duration {
        let now = self.now()
        let since = rollouts.withLock { rollouts -> Date in
            if let rollout = rollouts[uid], rollout.templateHash == templateHash { return rollout.since }
            rollouts[uid] = Rollout(templateHash: templateHash, since: now)
            return now
        }
        return .seconds(now.timeIntervalSince(since))
    }
}
