import Cluster
import Foundation
import GitOpsAPI

extension WorkloadSimulator {
    func list(_ apiVersion: String, _ kind: String) throws -> [KubeObject] {
        try cluster.list(ListQuery(apiVersion: apiVersion, kind: kind))
    }

    /// A condition, keeping the previous timestamps when nothing about it changed (controllers
    /// touch `lastTransitionTime` only on a status flip), so a steady workload is not rewritten.
    func condition(_ type: String, _ ok: Bool, reason: String, message: String, previous: JSONValue?,
        updateTime: Bool = false) -> JSONValue
    {
        let status = JSONValue.string(ok ? "True" : "False")
        let old = previous?["conditions"]?.arrayValue?.first { $0["type"]?.stringValue == type }
        let now = JSONValue.string(Timestamp.rfc3339(self.now()))
        let same = old?["status"] == status && old?["reason"]?.stringValue == reason && old?["message"]?.stringValue == message
        let transition = old?["status"] == status ? (old?["lastTransitionTime"] ?? now) : now
        var c: JSONObject = ["type": .string(type), "status": status]
        if updateTime { c["lastUpdateTime"] = same ? (old?["lastUpdateTime"] ?? now) : now }
        c["lastTransitionTime"] = transition
        c["reason"] = .string(reason)
        c["message"] = .string(message)
        return .object(c)
    }

    func stepDeployments(_ pods: PodIndex) throws -> Int {
        var changed = 0
        for deployment in try list("apps/v1", "Deployment") {
            let replicas = deployment.body[path: ["spec", "replicas"]]?.intValue ?? 1
            let template = deployment.body[path: ["spec", "template"]]
            let hash = Self.templateHash(template)
            let names = (0..<replicas).map { "\(deployment.name)-\(hash)-\(Self.stableSuffix("\(deployment.uid ?? "")/\($0)", length: 5))" }
            let plan = PodPlan(owner: deployment, hashLabel: "pod-template-hash", templateHash: hash, names: names)
            let pods = try reconcilePods(plan, existing: pods.pods(of: deployment))
            changed += pods.changed

            let replicaSet = "\(deployment.name)-\(hash)"
            let complete = pods.ready == replicas
            let age = rolloutAge(uid: deployment.uid ?? "", templateHash: hash)
            let progressing: JSONValue
            if complete {
                progressing = condition("Progressing", true, reason: "NewReplicaSetAvailable",
                    message: "ReplicaSet \"\(replicaSet)\" has successfully progressed.", previous: deployment.status, updateTime: true)
            } else if age > progressDeadline {
                progressing = condition("Progressing", false, reason: "ProgressDeadlineExceeded",
                    message: "ReplicaSet \"\(replicaSet)\" has timed out progressing.", previous: deployment.status, updateTime: true)
            } else {
                progressing = condition("Progressing", true, reason: "ReplicaSetUpdated",
                    message: "ReplicaSet \"\(replicaSet)\" is progressing.", previous: deployment.status, updateTime: true)
            }
            let available = complete
                ? condition("Available", true, reason: "MinimumReplicasAvailable", message: "Deployment has minimum availability.",
                    previous: deployment.status, updateTime: true)
                : condition("Available", false, reason: "MinimumReplicasUnavailable",
                    message: "Deployment does not have minimum availability.", previous: deployment.status, updateTime: true)
            var status: JSONObject = ["observedGeneration": .int(deployment.generation), "replicas": .int(replicas),
                "updatedReplicas": .int(replicas)]
            // kube leaves zero counts out (omitempty).
            if pods.ready > 0 {
                status["readyReplicas"] = .int(pods.ready)
                status["availableReplicas"] = .int(pods.ready)
            }
            if replicas - pods.ready > 0 { status["unavailableReplicas"] = .int(replicas - pods.ready) }
            status["conditions"] = [available, progressing]
            changed += try writeStatus(deployment, .object(status), manager: "kube-controller-manager")
        }
        return changed
    }

    func stepStatefulSets(_ pods: PodIndex) throws -> Int {
        var changed = 0
        for set in try list("apps/v1", "StatefulSet") {
            let replicas = set.body[path: ["spec", "replicas"]]?.intValue ?? 1
            let hash = Self.templateHash(set.body[path: ["spec", "template"]])
            let revision = "\(set.name)-\(hash)"
            let plan = PodPlan(owner: set, hashLabel: "controller-revision-hash", templateHash: revision,
                names: (0..<replicas).map { "\(set.name)-\($0)" })
            let pods = try reconcilePods(plan, existing: pods.pods(of: set))
            changed += pods.changed
            var status: JSONObject = ["observedGeneration": .int(set.generation), "replicas": .int(replicas)]
            if pods.ready > 0 {
                status["readyReplicas"] = .int(pods.ready)
                status["currentReplicas"] = .int(pods.ready)
                status["updatedReplicas"] = .int(pods.ready)
            }
            status["availableReplicas"] = .int(pods.ready)
            status["currentRevision"] = .string(revision)
            status["updateRevision"] = .string(revision)
            status["collisionCount"] = 0
            changed += try writeStatus(set, .object(status), manager: "kube-controller-manager")
        }
        return changed
    }

    func stepDaemonSets(_ pods: PodIndex) throws -> Int {
        var changed = 0
        for set in try list("apps/v1", "DaemonSet") {
            let hash = Self.templateHash(set.body[path: ["spec", "template"]])
            let plan = PodPlan(owner: set, hashLabel: "controller-revision-hash", templateHash: hash,
                names: ["\(set.name)-\(Self.stableSuffix(set.uid ?? set.name, length: 5))"])
            let pods = try reconcilePods(plan, existing: pods.pods(of: set))
            changed += pods.changed
            // One simulated node: one Pod scheduled.
            var status: JSONObject = ["currentNumberScheduled": 1, "desiredNumberScheduled": 1, "numberMisscheduled": 0,
                "numberReady": .int(pods.ready), "observedGeneration": .int(set.generation), "updatedNumberScheduled": 1]
            if pods.ready > 0 { status["numberAvailable"] = .int(pods.ready) } else { status["numberUnavailable"] = 1 }
            changed += try writeStatus(set, .object(status), manager: "kube-controller-manager")
        }
        return changed
    }

    func stepJobs(_ pods: PodIndex) throws -> Int {
        var changed = 0
        for job in try list("batch/v1", "Job") {
            let finished = (job.status?["conditions"]?.arrayValue ?? []).contains {
                ["Complete", "Failed"].contains($0["type"]?.stringValue ?? "") && $0["status"] == "True"
            }
            if finished { continue }  // a finished Job never runs again
            let completions = job.body[path: ["spec", "completions"]]?.intValue ?? 1
            let hash = Self.templateHash(job.body[path: ["spec", "template"]])
            let plan = PodPlan(owner: job, hashLabel: "batch.kubernetes.io/controller-uid", templateHash: job.uid ?? hash,
                names: (0..<completions).map { "\(job.name)-\(Self.stableSuffix("\(job.uid ?? "")/\($0)", length: 5))" },
                runsToCompletion: Self.failure(of: job.body[path: ["spec", "template"]]) == nil)
            let pods = try reconcilePods(plan, existing: pods.pods(of: job))
            changed += pods.changed
            let start = JSONValue.string(job.creationTimestamp ?? Timestamp.rfc3339(now()))
            var status: JSONObject = ["startTime": start]
            if pods.succeeded == completions {
                status["completionTime"] = .string(Timestamp.rfc3339(now()))
                status["succeeded"] = .int(completions)
                status["conditions"] = [
                    condition("Complete", true, reason: "CompletionsReached", message: "Reached expected number of succeeded pods",
                        previous: job.status),
                ]
            } else if rolloutAge(uid: job.uid ?? "", templateHash: hash) > progressDeadline {
                status["failed"] = .int(completions)
                status["conditions"] = [
                    condition("Failed", true, reason: "BackoffLimitExceeded",
                        message: "Job has reached the specified backoff limit", previous: job.status),
                ]
            } else {
                status["active"] = .int(completions)
                status["ready"] = 0
            }
            changed += try writeStatus(job, .object(status), manager: "kube-controller-manager")
        }
        return changed
    }
}
