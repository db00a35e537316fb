import Cluster
import EmbeddedCluster
import Foundation
import GitOpsAPI
import Synchronization
import Testing

/// A clock the test moves by hand, so a progress deadline passes without sleeping.
final class ManualTime: Sendable {
    private let current = Mutex(Date(timeIntervalSince1970: 1_700_000_000))
    var now: Date { current.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { current.withLock { $0 += seconds } }
}

@Suite("Workload simulator")
struct WorkloadSimulatorTests {
    func condition(_ object: KubeObject?, _ type: String) -> JSONValue? {
        object?.status?["conditions"]?.arrayValue?.first { $0["type"]?.stringValue == type }
    }

    func pods(_ cluster: EmbeddedCluster, _ selector: String) throws -> [KubeObject] {
        try cluster.list(ListQuery(apiVersion: "v1", kind: "Pod", namespace: "default", labelSelector: selector))
    }

    @Test("a Deployment becomes available with one simulated Pod per replica, then the simulator rests")
    func deploymentBecomesAvailable() throws {
        let cluster = try EmbeddedCluster.inMemory()
        let simulator = WorkloadSimulator(cluster: cluster)
        let applied = try cluster.apply(deployment("web", replicas: 2)).object
        #expect(try simulator.step() > 0)

        let live = try #require(try cluster.get(applied.ref))
        #expect(live.status?["observedGeneration"] == 1)
        #expect(live.status?["replicas"] == 2)
        #expect(live.status?["updatedReplicas"] == 2)
        #expect(live.status?["readyReplicas"] == 2)
        #expect(live.status?["availableReplicas"] == 2)
        #expect(condition(live, "Available")?["status"] == "True")
        #expect(condition(live, "Available")?["reason"] == "MinimumReplicasAvailable")
        #expect(condition(live, "Progressing")?["reason"] == "NewReplicaSetAvailable")

        let running = try pods(cluster, "app=web")
        #expect(running.count == 2)
        for pod in running {
            #expect(pod.annotations[WorkloadSimulator.simulatedAnnotation] == "true")
            #expect(pod.status?["phase"] == "Running")
            #expect(pod.body[path: ["metadata", "ownerReferences"]]?.arrayValue?.first?["uid"]?.stringValue == applied.uid)
            #expect(condition(pod, "Ready")?["status"] == "True")
            #expect(pod.status?["containerStatuses"]?.arrayValue?.first?["image"] == "nginx:1.25")
        }
        let rv = cluster.currentResourceVersion()
        #expect(try simulator.step() == 0)
        #expect(cluster.currentResourceVersion() == rv)
        #expect(try cluster.apply(deployment("web", replicas: 2)).action == .unchanged)
    }

    @Test("a failing pod template reports ImagePullBackOff, then ProgressDeadlineExceeded; a rollback heals")
    func failingDeployment() throws {
        let cluster = try EmbeddedCluster.inMemory()
        let time = ManualTime()
        let simulator = WorkloadSimulator(cluster: cluster, progressDeadline: .seconds(1), now: { time.now })
        let bad = deployment("web", image: "nginx:9.9", annotations: [WorkloadSimulator.failAnnotation: "ImagePullBackOff"])
        _ = try cluster.apply(bad)
        try simulator.step()

        let pod = try #require(try pods(cluster, "app=web").first)
        #expect(pod.status?["phase"] == "Pending")
        let waiting = pod.status?["containerStatuses"]?.arrayValue?.first?[path: ["state", "waiting"]]
        #expect(waiting?["reason"] == "ImagePullBackOff")
        #expect(waiting?["message"] == "Back-off pulling image \"nginx:9.9\"")
        var live = try cluster.get(bad.ref)
        #expect(condition(live, "Available")?["status"] == "False")
        #expect(condition(live, "Progressing")?["status"] == "True")
        #expect(live?.status?["readyReplicas"] == nil)

        time.advance(2)
        try simulator.step()
        live = try cluster.get(bad.ref)
        #expect(condition(live, "Progressing")?["status"] == "False")
        #expect(condition(live, "Progressing")?["reason"] == "ProgressDeadlineExceeded")

        // Rolling back to a good template replaces the Pods and heals the Deployment.
        _ = try cluster.apply(deployment("web"))
        try simulator.settle()
        live = try cluster.get(bad.ref)
        #expect(condition(live, "Available")?["status"] == "True")
        #expect(condition(live, "Progressing")?["reason"] == "NewReplicaSetAvailable")
        #expect(live?.status?["observedGeneration"] == .int(live?.generation ?? 0))
        let healed = try pods(cluster, "app=web")
        #expect(healed.count == 1)
        #expect(healed.first?.status?["phase"] == "Running")
    }

    @Test("CrashLoopBackOff leaves Pods running but not ready")
    func crashLoop() throws {
        let cluster = try EmbeddedCluster.inMemory()
        let simulator = WorkloadSimulator(cluster: cluster)
        _ = try cluster.apply(deployment("api", annotations: [WorkloadSimulator.failAnnotation: "CrashLoopBackOff"]))
        try simulator.step()
        let pod = try #require(try pods(cluster, "app=api").first)
        #expect(pod.status?["phase"] == "Running")
        #expect(condition(pod, "Ready")?["status"] == "False")
        let status = pod.status?["containerStatuses"]?.arrayValue?.first
        #expect(status?[path: ["state", "waiting", "reason"]] == "CrashLoopBackOff")
        #expect(status?["restartCount"] == 5)
    }

    @Test("deleting a Deployment deletes its Pods")
    func podsGoWithTheirDeployment() throws {
        let cluster = try EmbeddedCluster.inMemory()
        let simulator = WorkloadSimulator(cluster: cluster)
        let d = try cluster.apply(deployment("web", replicas: 3)).object
        try simulator.step()
        #expect(try pods(cluster, "app=web").count == 3)
        try cluster.delete(d.ref)
        #expect(try pods(cluster, "app=web").isEmpty)
    }

    @Test("Jobs complete, claims bind, load balancers get an address, StatefulSets, DaemonSets and CRDs get ready")
    func otherKinds() throws {
        let cluster = try EmbeddedCluster.inMemory()
        let simulator = WorkloadSimulator(cluster: cluster)
        let template: JSONValue = ["metadata": ["labels": ["app": "x"]], "spec": ["containers": [["name": "c", "image": "busybox"]]]]
        var job = KubeObject(apiVersion: "batch/v1", kind: "Job", name: "migrate", namespace: "default")
        job.body["spec"] = ["template": template]
        var claim = KubeObject(apiVersion: "v1", kind: "PersistentVolumeClaim", name: "data", namespace: "default")
        claim.body["spec"] = ["accessModes": ["ReadWriteOnce"], "resources": ["requests": ["storage": "1Gi"]]]
        var service = KubeObject(apiVersion: "v1", kind: "Service", name: "front", namespace: "default")
        service.body["spec"] = ["type": "LoadBalancer", "ports": [["port": 80]]]
        var statefulSet = KubeObject(apiVersion: "apps/v1", kind: "StatefulSet", name: "db", namespace: "default")
        statefulSet.body["spec"] = ["replicas": 2, "serviceName": "db", "selector": ["matchLabels": ["app": "x"]], "template": template]
        var daemonSet = KubeObject(apiVersion: "apps/v1", kind: "DaemonSet", name: "agent", namespace: "default")
        daemonSet.body["spec"] = ["selector": ["matchLabels": ["app": "x"]], "template": template]
        let crd = try object("""
            {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"widgets.example.com"},
             "spec":{"group":"example.com","scope":"Namespaced","names":{"kind":"Widget","plural":"widgets"},
                     "versions":[{"name":"v1","served":true,"storage":true}]}}
            """)
        for o in [job, claim, service, statefulSet, daemonSet, crd] { _ = try cluster.apply(o) }
        try simulator.settle()

        let doneJob = try cluster.get(job.ref)
        #expect(condition(doneJob, "Complete")?["status"] == "True")
        #expect(doneJob?.status?["succeeded"] == 1)
        #expect(doneJob?.status?["startTime"] != nil)
        #expect(try cluster.get(claim.ref)?.status?["phase"] == "Bound")
        #expect(try cluster.get(service.ref)?.status?[path: ["loadBalancer", "ingress"]]?.arrayValue?.first?["ip"] == "127.0.0.1")
        let sts = try cluster.get(statefulSet.ref)
        #expect(sts?.status?["readyReplicas"] == 2)
        #expect(sts?.status?["currentRevision"] == sts?.status?["updateRevision"])
        #expect(sts?.status?["observedGeneration"] == 1)
        #expect(try cluster.get(ObjectRef(apiVersion: "v1", kind: "Pod", namespace: "default", name: "db-1")) != nil)
        #expect(try cluster.get(daemonSet.ref)?.status?["numberReady"] == 1)
        let established = try cluster.get(crd.ref)
        #expect(condition(established, "Established")?["status"] == "True")
        #expect(condition(established, "NamesAccepted")?["status"] == "True")
        #expect(try simulator.step() == 0)
    }
}

@Suite("WorkloadSimulator: Pods nobody owns")
struct BarePodTests {
    func pod(_ name: String, restartPolicy: String?, fail: String? = nil) -> KubeObject {
        var pod = KubeObject(apiVersion: "v1", kind: "Pod", name: name, namespace: "default")
        if let fail { pod.annotations = [WorkloadSimulator.failAnnotation: fail] }
        var spec: JSONObject = ["containers": [["name": "test", "image": "busybox"]]]
        if let restartPolicy { spec["restartPolicy"] = .string(restartPolicy) }
        pod.body["spec"] = .object(spec)
        return pod
    }

    @Test("a run-to-completion Pod (a Helm test hook) succeeds, or fails when told; a long-running one runs")
    func barePods() throws {
        let cluster = try EmbeddedCluster.inMemory()
        for p in [pod("test-ok", restartPolicy: "Never"), pod("test-bad", restartPolicy: "Never", fail: "Error"), pod("server", restartPolicy: nil)] {
            _ = try cluster.apply(p, options: ApplyOptions(fieldManager: "helm"))
        }
        let simulator = WorkloadSimulator(cluster: cluster)
        try simulator.settle()
        let phase = { (name: String) in try cluster.get(ObjectRef(apiVersion: "v1", kind: "Pod", namespace: "default", name: name))?.status?["phase"] }
        #expect(try phase("test-ok") == "Succeeded")
        #expect(try phase("test-bad") == "Failed")
        #expect(try phase("server") == "Running")
        #expect(try simulator.step() == 0)
    }
}
