import Cluster
import Foundation
import GitOpsAPI

extension WorkloadSimulator {
    /// Every claim binds at once (there is a provisioner for every storage class here).
    func stepClaims() throws -> Int {
        var changed = 0
        for claim in try list("v1", "PersistentVolumeClaim") {
            var status: JSONObject = ["phase": "Bound"]
            if let modes = claim.body[path: ["spec", "accessModes"]] { status["accessModes"] = modes }
            if let size = claim.body[path: ["spec", "resources", "requests", "storage"]] { status["capacity"] = ["storage": size] }
            changed += try writeStatus(claim, .object(status), manager: "kube-controller-manager")
        }
        return changed
    }

    /// A Pod nobody owns (a Helm test hook, `kubectl run --restart=Never`) with restartPolicy
    /// Never or OnFailure runs to completion: `Succeeded`, or `Failed` when its
    /// `simulator.gitops.dev/fail` annotation names a reason. Pods without such a policy
    /// (Always, the default) run: `Running` and Ready.
    func stepBarePods() throws -> Int {
        var changed = 0
        for pod in try list("v1", "Pod") where (pod.body[path: ["metadata", "ownerReferences"]]?.arrayValue ?? []).isEmpty
            && pod.annotations[Self.simulatedAnnotation] == nil {
            guard pod.status?["phase"] == nil else { continue }
            let policy = pod.body[path: ["spec", "restartPolicy"]]?.stringValue ?? "Always"
            let fail = pod.annotations[WorkloadSimulator.failAnnotation]
            let phase: String
            switch (policy, fail) {
            case ("Always", nil): phase = "Running"
            case ("Always", _): phase = "Pending"
            case (_, nil): phase = "Succeeded"
            default: phase = "Failed"
            }
            var status: JSONObject = ["phase": .string(phase), "startTime": .string(Timestamp.rfc3339(now()))]
            let ready = phase == "Running"
            status["conditions"] = [["type": "Ready", "status": .string(ready ? "True" : "False"),
                                     "reason": .string(ready ? "" : (phase == "Pending" ? fail ?? "" : "PodCompleted"))]]
            if phase == "Failed", let fail { status["message"] = .string("simulated failure: \(fail)") }
            changed += try writeStatus(pod, .object(status), manager: "kubelet")
        }
        return changed
    }

    /// LoadBalancer Services get the loopback address, as a local load balancer would give.
    func stepLoadBalancers() throws -> Int {
        var changed = 0
        for service in try list("v1", "Service") where service.body[path: ["spec", "type"]] == "LoadBalancer" {
            changed += try writeStatus(service, ["loadBalancer": ["ingress": [["ip": "127.0.0.1"]]]], manager: "cloud-controller-manager")
        }
        return changed
    }

    /// CRDs are accepted and established as soon as they exist (the store already serves them).
    func stepCustomResourceDefinitions() throws -> Int {
        var changed = 0
        for crd in try list("apiextensions.k8s.io/v1", "CustomResourceDefinition") {
            let versions = crd.body[path: ["spec", "versions"]]?.arrayValue ?? []
            let stored = versions.filter { $0["storage"]?.boolValue == true }.compactMap { $0["name"] }
            let status: JSONValue = [
                "conditions": [
                    condition("NamesAccepted", true, reason: "NoConflicts", message: "no conflicts found", previous: crd.status),
                    condition("Established", true, reason: "InitialNamesAccepted", message: "the initial names have been accepted",
                        previous: crd.status),
                ],
                "acceptedNames": crd.body[path: ["spec", "names"]] ?? .object([:]),
                "storedVersions": .array(stored),
            ]
            changed += try writeStatus(crd, status, manager: "kube-apiserver")
        }
        return changed
    }
}
