import Cluster
import Foundation
import GitOpsAPI

/// Pods grouped by the uid of their controller.
struct PodIndex {
    var byOwner: [String: [KubeObject]] = [:]

    init(_ pods: [KubeObject]) {
        for pod in pods {
            for uid in pod.ownerUIDs { byOwner[uid, default: []].append(pod) }
        }
    }

    func pods(of owner: KubeObject) -> [KubeObject] { owner.uid.flatMap { byOwner[$0] } ?? [] }
}

/// What the simulator wants a workload's Pods to look like.
struct PodPlan {
    var owner: KubeObject
    /// The label carrying the template hash (`pod-template-hash`, `controller-revision-hash`).
    var hashLabel: String
    var templateHash: String
    /// The Pods' names.
    var names: [String]
    /// Job Pods run to completion instead of staying up.
    var runsToCompletion = false
}

extension WorkloadSimulator {
    /// Image-pull problems keep a Pod `Pending`; other failures leave it `Running`, not ready.
    static let pullFailures: Set<String> = ["ImagePullBackOff", "ErrImagePull", "InvalidImageName", "ErrImageNeverPull"]

    /// The failure a workload's pod template asks for, if any.
    static func failure(of template: JSONValue?) -> String? {
        guard let reason = template?[path: ["metadata", "annotations", failAnnotation]]?.stringValue, !reason.isEmpty else {
            return nil
        }
        return reason
    }

    /// A short, stable hash of the pod template, spelled like kube's (`5d4f8c6b7d`).
    static func templateHash(_ template: JSONValue?) -> String {
        stableSuffix((template ?? .null).jsonString(sortedKeys: true), length: 10)
    }

    /// `length` characters from kube's name alphabet, derived from `seed` (FNV-1a), so a Pod's
    /// name is the same on every step.
    static func stableSuffix(_ seed: String, length: Int) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in seed.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
        var out = ""
        for _ in 0..<length {
            out.append(alphabet[Int(hash % UInt64(alphabet.count))])
            hash /= UInt64(alphabet.count)
            if hash == 0 { hash = 0x9e37_79b9_7f4a_7c15 &* UInt64(out.count + 1) }
        }
        return out
    }

    /// Makes the owner's Pods match the plan: deletes Pods of an old template or beyond the
    /// count, creates missing ones, writes each Pod's status. Returns (objects changed, ready
    /// Pods, succeeded Pods).
    func reconcilePods(_ plan: PodPlan, existing: [KubeObject]) throws -> (changed: Int, ready: Int, succeeded: Int) {
        let template = plan.owner.body[path: ["spec", "template"]]
        let failure = Self.failure(of: template)
        var changed = 0
        var current: [String: KubeObject] = [:]
        for pod in existing {
            if pod.labels[plan.hashLabel] == plan.templateHash, plan.names.contains(pod.name) {
                current[pod.name] = pod
            } else {
                try cluster.delete(pod.ref)
                changed += 1
            }
        }
        var ready = 0
        var succeeded = 0
        for name in plan.names {
            var pod: KubeObject
            if let live = current[name] {
                pod = live
            } else {
                pod = try cluster.create(newPod(name, plan: plan, template: template),
                    options: WriteOptions(fieldManager: "kube-controller-manager"))
                changed += 1
            }
            let status = podStatus(pod, failure: failure, runsToCompletion: plan.runsToCompletion)
            changed += try writeStatus(pod, status, manager: "kubelet")
            if status["phase"] == "Succeeded" { succeeded += 1 }
            if failure == nil && !plan.runsToCompletion { ready += 1 }
        }
        return (changed, ready, succeeded)
    }

    private func newPod(_ name: String, plan: PodPlan, template: JSONValue?) -> KubeObject {
        var pod = KubeObject(apiVersion: "v1", kind: "Pod", name: name, namespace: plan.owner.namespace)
        var labels = template?[path: ["metadata", "labels"]]?.objectValue ?? [:]
        labels[plan.hashLabel] = .string(plan.templateHash)
        var annotations = template?[path: ["metadata", "annotations"]]?.objectValue ?? [:]
        annotations[Self.simulatedAnnotation] = "true"
        pod.body.set(["metadata", "labels"], .object(labels))
        pod.body.set(["metadata", "annotations"], .object(annotations))
        pod.body.set(["metadata", "ownerReferences"], [[
            "apiVersion": .string(plan.owner.apiVersion), "kind": .string(plan.owner.kind), "name": .string(plan.owner.name),
            "uid": .string(plan.owner.uid ?? ""), "controller": true, "blockOwnerDeletion": true,
        ]])
        var spec = template?["spec"] ?? .object([:])
        spec["nodeName"] = "simulated-node"
        pod.body["spec"] = spec
        return pod
    }

    /// The status kubelet would report. Times come from the Pod's creation, so the status is
    /// the same on every step and nothing is rewritten needlessly.
    func podStatus(_ pod: KubeObject, failure: String?, runsToCompletion: Bool) -> JSONValue {
        let started = JSONValue.string(pod.creationTimestamp ?? Timestamp.rfc3339(now()))
        let containers = pod.body[path: ["spec", "containers"]]?.arrayValue ?? []
        let names = containers.compactMap { $0["name"]?.stringValue }
        let ready = failure == nil && !runsToCompletion
        let phase: String
        if let failure {
            phase = Self.pullFailures.contains(failure) ? "Pending" : "Running"
        } else {
            phase = runsToCompletion ? "Succeeded" : "Running"
        }
        func condition(_ type: String, _ ok: Bool, reason: String? = nil, message: String? = nil) -> JSONValue {
            var c: JSONObject = ["type": .string(type), "status": ok ? "True" : "False", "lastProbeTime": nil,
                "lastTransitionTime": started]
            if let reason { c["reason"] = .string(reason) }
            if let message { c["message"] = .string(message) }
            return .object(c)
        }
        let notReady = runsToCompletion && failure == nil ? "PodCompleted" : "ContainersNotReady"
        let notReadyMessage = notReady == "ContainersNotReady" ? "containers with unready status: [\(names.joined(separator: " "))]" : nil
        let statuses = containers.map { container -> JSONValue in
            let name = container["name"]?.stringValue ?? ""
            let image = container["image"]?.stringValue ?? ""
            var state: JSONValue
            var restarts = 0
            if let failure {
                state = ["waiting": ["reason": .string(failure), "message": .string(Self.failureMessage(failure, image: image, container: name, pod: pod.name))]]
                if failure == "CrashLoopBackOff" { restarts = 5 }
            } else if runsToCompletion {
                state = ["terminated": ["exitCode": 0, "reason": "Completed", "startedAt": started, "finishedAt": started]]
            } else {
                state = ["running": ["startedAt": started]]
            }
            return [
                "name": .string(name), "image": .string(image), "imageID": "", "ready": .bool(ready),
                "restartCount": .int(restarts), "started": .bool(ready), "state": state,
            ]
        }
        return [
            "phase": .string(phase),
            "conditions": [
                condition("Initialized", true),
                ready ? condition("Ready", true) : condition("Ready", false, reason: notReady, message: notReadyMessage),
                ready ? condition("ContainersReady", true) : condition("ContainersReady", false, reason: notReady, message: notReadyMessage),
                condition("PodScheduled", true),
            ],
            "hostIP": "127.0.0.1",
            "startTime": started,
            "containerStatuses": .array(statuses),
            "qosClass": "BestEffort",
        ]
    }

    /// The message kubelet shows with a waiting reason.
    static func failureMessage(_ reason: String, image: String, container: String, pod: String) -> String {
        switch reason {
        case "ImagePullBackOff": return "Back-off pulling image \"\(image)\""
        case "ErrImagePull": return "failed to pull image \"\(image)\" (simulated failure: \(failAnnotation))"
        case "InvalidImageName": return "Failed to apply default image tag \"\(image)\": couldn't parse image name"
        case "CrashLoopBackOff": return "back-off 5m0s restarting failed container=\(container) pod=\(pod)"
        default: return "simulated failure \(reason) (\(failAnnotation))"
        }
    }
}
