import Cluster
import GitOpsAPI
import Testing
import YAML

/// One row of the table: an object as YAML and the status kstatus gives it.
struct HealthCase: Sendable, CustomTestStringConvertible {
    var name: String
    var yaml: String
    var status: HealthStatus
    /// A part of the message that must be there (empty: not checked).
    var message: String = ""

    var testDescription: String { name }
}

func assess(_ yaml: String) throws -> HealthResult { Health.assess(KubeObject(try YAML.parse(yaml))) }

@Suite("Health.assess follows kstatus")
struct HealthTests {
    static let deployments: [HealthCase] = [
        HealthCase(name: "Deployment available", yaml: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: apps, generation: 2}
            spec: {replicas: 2, progressDeadlineSeconds: 600}
            status:
              observedGeneration: 2
              replicas: 2
              updatedReplicas: 2
              readyReplicas: 2
              availableReplicas: 2
              conditions:
              - {type: Available, status: "True", reason: MinimumReplicasAvailable}
              - {type: Progressing, status: "True", reason: NewReplicaSetAvailable}
            """, status: .current, message: "Deployment is available. Replicas: 2"),
        HealthCase(name: "Deployment with fewer ready replicas", yaml: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: apps, generation: 2}
            spec: {replicas: 3}
            status:
              observedGeneration: 2
              replicas: 3
              updatedReplicas: 3
              readyReplicas: 1
              availableReplicas: 3
            """, status: .inProgress, message: "Ready: 1/3"),
        HealthCase(name: "Deployment with fewer replicas than spec", yaml: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: apps}
            spec: {replicas: 3}
            status: {replicas: 1, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1}
            """, status: .inProgress, message: "Replicas: 1/3"),
        HealthCase(name: "Deployment with old pods pending termination", yaml: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: apps}
            spec: {replicas: 2}
            status: {replicas: 3, updatedReplicas: 2, readyReplicas: 3, availableReplicas: 3}
            """, status: .inProgress, message: "Pending termination: 1"),
        HealthCase(name: "Deployment without spec.replicas needs one replica", yaml: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: apps}
            spec: {}
            status: {}
            """, status: .inProgress, message: "Replicas: 0/1"),
        HealthCase(name: "Deployment past its progress deadline fails", yaml: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: apps, generation: 2}
            spec: {replicas: 2}
            status:
              observedGeneration: 2
              replicas: 2
              updatedReplicas: 1
              conditions:
              - {type: Progressing, status: "False", reason: ProgressDeadlineExceeded, message: "ReplicaSet web-7d has timed out progressing."}
            """, status: .failed, message: "Progress deadline exceeded"),
        HealthCase(name: "Deployment whose observedGeneration is behind", yaml: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: apps, generation: 3}
            spec: {replicas: 1}
            status: {observedGeneration: 2, replicas: 1, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1}
            """, status: .inProgress, message: "Deployment generation is 3, but latest observed generation is 2"),
        HealthCase(name: "Deployment whose new ReplicaSet is not available yet", yaml: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: apps}
            spec: {replicas: 1, progressDeadlineSeconds: 600}
            status:
              replicas: 1
              updatedReplicas: 1
              readyReplicas: 1
              availableReplicas: 1
              conditions:
              - {type: Available, status: "True", reason: MinimumReplicasAvailable}
              - {type: Progressing, status: "True", reason: ReplicaSetUpdated}
            """, status: .inProgress, message: "ReplicaSet not Available"),
        HealthCase(name: "Deployment not Available", yaml: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: apps}
            spec: {replicas: 1}
            status:
              replicas: 1
              updatedReplicas: 1
              readyReplicas: 1
              availableReplicas: 1
              conditions:
              - {type: Available, status: "False", reason: MinimumReplicasUnavailable}
              - {type: Progressing, status: "True", reason: NewReplicaSetAvailable}
            """, status: .inProgress, message: "Deployment not Available"),
    ]

    static let statefulSetsAndDaemonSets: [HealthCase] = [
        HealthCase(name: "StatefulSet fully rolled out", yaml: """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: db, namespace: apps}
            spec: {replicas: 3}
            status: {replicas: 3, readyReplicas: 3, currentReplicas: 3, updatedReplicas: 3, currentRevision: db-1, updateRevision: db-1}
            """, status: .current),
        HealthCase(name: "StatefulSet with fewer ready replicas", yaml: """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: db, namespace: apps}
            spec: {replicas: 3}
            status: {replicas: 3, readyReplicas: 2, currentReplicas: 3, currentRevision: db-1, updateRevision: db-1}
            """, status: .inProgress, message: "Ready: 2/3"),
        HealthCase(name: "StatefulSet mid-rollout (revisions differ)", yaml: """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: db, namespace: apps}
            spec: {replicas: 2}
            status: {replicas: 2, readyReplicas: 2, currentReplicas: 2, currentRevision: db-1, updateRevision: db-2}
            """, status: .inProgress, message: "Waiting for updated revision to match current"),
        HealthCase(name: "StatefulSet with fewer current replicas", yaml: """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: db, namespace: apps}
            spec: {replicas: 2}
            status: {replicas: 2, readyReplicas: 2, currentReplicas: 1, currentRevision: db-1, updateRevision: db-1}
            """, status: .inProgress, message: "current: 1/2"),
        HealthCase(name: "StatefulSet with OnDelete is current whatever its replicas", yaml: """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: db, namespace: apps}
            spec: {replicas: 3, updateStrategy: {type: OnDelete}}
            status: {replicas: 1}
            """, status: .current),
        HealthCase(name: "StatefulSet partition not yet rolled out", yaml: """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: db, namespace: apps}
            spec: {replicas: 3, updateStrategy: {type: RollingUpdate, rollingUpdate: {partition: 1}}}
            status: {replicas: 3, readyReplicas: 3, currentReplicas: 3, updatedReplicas: 1, currentRevision: db-1, updateRevision: db-2}
            """, status: .inProgress, message: "updated: 1/2"),
        HealthCase(name: "StatefulSet partition rolled out (revisions may differ)", yaml: """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: db, namespace: apps}
            spec: {replicas: 3, updateStrategy: {type: RollingUpdate, rollingUpdate: {partition: 1}}}
            status: {replicas: 3, readyReplicas: 3, currentReplicas: 1, updatedReplicas: 2, currentRevision: db-1, updateRevision: db-2}
            """, status: .current),
        HealthCase(name: "DaemonSet scheduled everywhere", yaml: """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: agent, namespace: kube-system, generation: 1}
            spec: {}
            status: {observedGeneration: 1, desiredNumberScheduled: 3, currentNumberScheduled: 3, updatedNumberScheduled: 3, numberAvailable: 3, numberReady: 3}
            """, status: .current, message: "All replicas scheduled as expected. Replicas: 3"),
        HealthCase(name: "DaemonSet with fewer available", yaml: """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: agent, namespace: kube-system, generation: 1}
            spec: {}
            status: {observedGeneration: 1, desiredNumberScheduled: 3, currentNumberScheduled: 3, updatedNumberScheduled: 3, numberAvailable: 2, numberReady: 3}
            """, status: .inProgress, message: "Available: 2/3"),
        HealthCase(name: "DaemonSet without observedGeneration", yaml: """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: agent, namespace: kube-system, generation: 1}
            spec: {}
            status: {desiredNumberScheduled: 3, currentNumberScheduled: 3, updatedNumberScheduled: 3, numberAvailable: 3, numberReady: 3}
            """, status: .inProgress),
        HealthCase(name: "DaemonSet without desiredNumberScheduled", yaml: """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: agent, namespace: kube-system, generation: 1}
            spec: {}
            status: {observedGeneration: 1}
            """, status: .inProgress, message: "Missing .status.desiredNumberScheduled"),
    ]

    static let jobsAndPods: [HealthCase] = [
        HealthCase(name: "Job complete", yaml: """
            apiVersion: batch/v1
            kind: Job
            metadata: {name: migrate, namespace: apps}
            spec: {}
            status:
              startTime: "2024-05-01T10:00:00Z"
              succeeded: 1
              conditions: [{type: Complete, status: "True"}]
            """, status: .current, message: "Job Completed"),
        HealthCase(name: "Job failed", yaml: """
            apiVersion: batch/v1
            kind: Job
            metadata: {name: migrate, namespace: apps}
            spec: {}
            status:
              startTime: "2024-05-01T10:00:00Z"
              failed: 6
              conditions: [{type: Failed, status: "True", reason: BackoffLimitExceeded, message: Job has reached the specified backoff limit}]
            """, status: .failed, message: "Job Failed"),
        HealthCase(name: "Job running is Current, as kstatus says", yaml: """
            apiVersion: batch/v1
            kind: Job
            metadata: {name: migrate, namespace: apps}
            spec: {}
            status: {startTime: "2024-05-01T10:00:00Z", active: 1}
            """, status: .current, message: "Job in progress"),
        HealthCase(name: "Job not started", yaml: """
            apiVersion: batch/v1
            kind: Job
            metadata: {name: migrate, namespace: apps}
            spec: {}
            status: {}
            """, status: .inProgress, message: "Job not started"),
        HealthCase(name: "Job suspended", yaml: """
            apiVersion: batch/v1
            kind: Job
            metadata: {name: migrate, namespace: apps}
            spec: {suspend: true}
            status:
              conditions: [{type: Suspended, status: "True"}]
            """, status: .current, message: "Job is suspended"),
        HealthCase(name: "Pod running and ready", yaml: """
            apiVersion: v1
            kind: Pod
            metadata: {name: web-1, namespace: apps}
            spec: {}
            status:
              phase: Running
              conditions: [{type: Ready, status: "True"}]
            """, status: .current, message: "Pod is Ready"),
        HealthCase(name: "Pod crash looping fails", yaml: """
            apiVersion: v1
            kind: Pod
            metadata: {name: web-1, namespace: apps}
            spec: {}
            status:
              phase: Running
              conditions: [{type: Ready, status: "False"}]
              containerStatuses:
              - name: web
                image: ghcr.io/acme/web:1.0
                state: {waiting: {reason: CrashLoopBackOff, message: back-off 5m0s restarting failed container}}
            """, status: .failed, message: "container web is in CrashLoopBackOff"),
        HealthCase(name: "Pod running but not ready", yaml: """
            apiVersion: v1
            kind: Pod
            metadata: {name: web-1, namespace: apps}
            spec: {}
            status:
              phase: Running
              conditions: [{type: Ready, status: "False"}]
            """, status: .inProgress, message: "Pod is running but is not Ready"),
        HealthCase(name: "Pod pending on an image pull names the image", yaml: """
            apiVersion: v1
            kind: Pod
            metadata: {name: web-1, namespace: apps}
            spec: {}
            status:
              phase: Pending
              containerStatuses:
              - name: web
                image: ghcr.io/acme/web:bad
                state:
                  waiting: {reason: ImagePullBackOff, message: "Back-off pulling image \\"ghcr.io/acme/web:bad\\""}
            """, status: .inProgress, message: "ImagePullBackOff (image ghcr.io/acme/web:bad)"),
        HealthCase(name: "Pod succeeded", yaml: """
            apiVersion: v1
            kind: Pod
            metadata: {name: job-1, namespace: apps}
            spec: {}
            status: {phase: Succeeded}
            """, status: .current),
        HealthCase(name: "Pod failed is Current (it completed), as kstatus says", yaml: """
            apiVersion: v1
            kind: Pod
            metadata: {name: job-1, namespace: apps}
            spec: {}
            status: {phase: Failed}
            """, status: .current, message: "Pod has completed, but not successfully"),
        HealthCase(name: "Pod without a phase", yaml: """
            apiVersion: v1
            kind: Pod
            metadata: {name: web-1, namespace: apps}
            spec: {}
            """, status: .inProgress),
    ]

    static let others: [HealthCase] = [
        HealthCase(name: "PVC bound", yaml: """
            apiVersion: v1
            kind: PersistentVolumeClaim
            metadata: {name: data, namespace: apps}
            spec: {}
            status: {phase: Bound}
            """, status: .current, message: "PVC is Bound"),
        HealthCase(name: "PVC pending", yaml: """
            apiVersion: v1
            kind: PersistentVolumeClaim
            metadata: {name: data, namespace: apps}
            spec: {}
            status: {phase: Pending}
            """, status: .inProgress, message: "PVC is not Bound. phase: Pending"),
        HealthCase(name: "LoadBalancer Service without a cluster IP", yaml: """
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: apps}
            spec: {type: LoadBalancer}
            """, status: .inProgress, message: "ClusterIP not set. Service type: LoadBalancer"),
        HealthCase(name: "LoadBalancer Service with a cluster IP and no ingress yet", yaml: """
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: apps}
            spec: {type: LoadBalancer, clusterIP: 10.0.0.12}
            status: {loadBalancer: {}}
            """, status: .current),
        HealthCase(name: "ClusterIP Service", yaml: """
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: apps}
            spec: {ports: [{port: 80}]}
            """, status: .current),
        HealthCase(name: "CRD established", yaml: """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: widgets.example.com}
            spec: {}
            status:
              conditions:
              - {type: NamesAccepted, status: "True"}
              - {type: Established, status: "True"}
            """, status: .current, message: "CRD is established"),
        HealthCase(name: "CRD installing", yaml: """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: widgets.example.com}
            spec: {}
            status:
              conditions: [{type: Established, status: "False", reason: Installing}]
            """, status: .inProgress, message: "Install in progress"),
        HealthCase(name: "CRD whose names are not accepted", yaml: """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: widgets.example.com}
            spec: {}
            status:
              conditions: [{type: NamesAccepted, status: "False", reason: NameConflict, message: "\\"widgets\\" is already in use"}]
            """, status: .failed),
        HealthCase(name: "CRD not established for another reason", yaml: """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: widgets.example.com}
            spec: {}
            status:
              conditions: [{type: Established, status: "False", reason: Broken}]
            """, status: .failed),
        HealthCase(name: "ConfigMap is always ready", yaml: """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings, namespace: apps}
            """, status: .current),
        HealthCase(name: "custom resource Ready=True", yaml: """
            apiVersion: example.com/v1
            kind: Widget
            metadata: {name: w, namespace: apps}
            status:
              conditions: [{type: Ready, status: "True", reason: Succeeded, message: all good}]
            """, status: .current, message: "all good"),
        HealthCase(name: "custom resource Ready=False is InProgress, never Failed", yaml: """
            apiVersion: example.com/v1
            kind: Widget
            metadata: {name: w, namespace: apps}
            status:
              conditions: [{type: Ready, status: "False", reason: Failing, message: broken}]
            """, status: .inProgress, message: "broken"),
        HealthCase(name: "custom resource without conditions is Current at once", yaml: """
            apiVersion: example.com/v1
            kind: Widget
            metadata: {name: w, namespace: apps}
            spec: {size: 3}
            """, status: .current),
        HealthCase(name: "Stalled=True fails", yaml: """
            apiVersion: kustomize.toolkit.fluxcd.io/v1
            kind: Kustomization
            metadata: {name: apps, namespace: flux-system}
            status:
              conditions:
              - {type: Ready, status: "False", reason: ArtifactFailed}
              - {type: Stalled, status: "True", reason: InvalidPath, message: path not found}
            """, status: .failed, message: "path not found"),
        HealthCase(name: "Reconciling=True is InProgress, even with Ready=True", yaml: """
            apiVersion: kustomize.toolkit.fluxcd.io/v1
            kind: Kustomization
            metadata: {name: apps, namespace: flux-system}
            status:
              conditions:
              - {type: Ready, status: "True", reason: ReconciliationSucceeded}
              - {type: Reconciling, status: "True", reason: Progressing, message: Building}
            """, status: .inProgress, message: "Building"),
        HealthCase(name: "Reconciling=True skips the kind's rules", yaml: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: apps}
            spec: {replicas: 1}
            status:
              replicas: 1
              updatedReplicas: 1
              readyReplicas: 1
              availableReplicas: 1
              conditions: [{type: Reconciling, status: "True", reason: Rolling}]
            """, status: .inProgress, message: "Rolling"),
        HealthCase(name: "Reconciling=False and Stalled=False fall through to Ready", yaml: """
            apiVersion: example.com/v1
            kind: Widget
            metadata: {name: w, namespace: apps}
            status:
              conditions:
              - {type: Reconciling, status: "False"}
              - {type: Stalled, status: "False"}
              - {type: Ready, status: "True"}
            """, status: .current),
        HealthCase(name: "an object being deleted is Terminating", yaml: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: apps, deletionTimestamp: "2024-05-01T10:00:00Z"}
            spec: {replicas: 1}
            status: {replicas: 1, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1}
            """, status: .terminating, message: "Resource scheduled for deletion"),
        HealthCase(name: "observedGeneration without metadata.generation is tolerated", yaml: """
            apiVersion: example.com/v1
            kind: Widget
            metadata: {name: w, namespace: apps}
            status: {observedGeneration: 5}
            """, status: .current),
    ]

    @Test("Deployments", arguments: deployments)
    func deployment(_ row: HealthCase) throws { try check(row) }

    @Test("StatefulSets and DaemonSets", arguments: statefulSetsAndDaemonSets)
    func statefulSetAndDaemonSet(_ row: HealthCase) throws { try check(row) }

    @Test("Jobs and Pods", arguments: jobsAndPods)
    func jobAndPod(_ row: HealthCase) throws { try check(row) }

    @Test("PVCs, Services, CRDs, custom resources and generic conditions", arguments: others)
    func other(_ row: HealthCase) throws { try check(row) }

    func check(_ row: HealthCase) throws {
        let result = try assess(row.yaml)
        #expect(result.status == row.status, "\(row.name): \(result.message)")
        if !row.message.isEmpty {
            #expect(result.message.contains(row.message), "\(row.name): \(result.message)")
        }
    }
}
