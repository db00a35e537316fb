import Cluster
import GitOpsAPI
import Testing
import YAML

/// kstatus rules (cli-utils `pkg/kstatus/status/core.go`, FLUX-REFERENCE.md §3.2) that need
/// more than one field to decide.
@Suite("Health.assess: kstatus's finer rules")
struct KstatusRuleTests {
    @Test("a Deployment with a progress deadline but no Progressing condition is InProgress (ReplicaSetNotAvailable)")
    func deploymentNeedsProgressingCondition() throws {
        let result = try assess("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: apps}
            spec: {replicas: 1, progressDeadlineSeconds: 600}
            status:
              replicas: 1
              updatedReplicas: 1
              readyReplicas: 1
              availableReplicas: 1
              conditions: [{type: Available, status: "True"}]
            """)
        #expect(result.status == .inProgress)
    }

    @Test("a Deployment without an Available=True condition is InProgress (DeploymentNotAvailable)")
    func deploymentNeedsAvailableCondition() throws {
        let result = try assess("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: apps}
            spec: {replicas: 1}
            status: {replicas: 1, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1}
            """)
        #expect(result.status == .inProgress)
    }

    @Test("a DaemonSet without metadata.generation is InProgress (NoGeneration)")
    func daemonSetNeedsGeneration() throws {
        let result = try assess("""
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: agent, namespace: kube-system}
            spec: {}
            status: {observedGeneration: 1, desiredNumberScheduled: 1, currentNumberScheduled: 1, updatedNumberScheduled: 1, numberAvailable: 1, numberReady: 1}
            """)
        #expect(result.status == .inProgress)
    }

    @Test("a Pod unschedulable for more than 15 seconds fails (PodUnschedulable)")
    func unschedulablePodFails() throws {
        let result = try assess("""
            apiVersion: v1
            kind: Pod
            metadata: {name: web-1, namespace: apps, creationTimestamp: "2020-01-01T00:00:00Z"}
            spec: {}
            status:
              phase: Pending
              conditions: [{type: PodScheduled, status: "False", reason: Unschedulable, message: "0/1 nodes are available"}]
            """)
        #expect(result.status == .failed)
    }
}
