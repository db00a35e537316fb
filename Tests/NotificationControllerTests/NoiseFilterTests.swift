import Foundation
import GitOpsAPI
import NotificationController
import Testing
import YAML

@Suite("No noise: folding and transitions")
struct NoiseFilterTests {
    static func alert(transitions: Bool = false) throws -> Alert {
        let annotations = transitions ? "\n  annotations:\n    notification.gitops.dev/mode: transitions" : ""
        return try Alert(KubeObject(YAML.parse("""
            apiVersion: notification.toolkit.fluxcd.io/v1beta3
            kind: Alert
            metadata:
              name: team
              namespace: flux-system\(annotations)
            spec:
              providerRef: {name: slack}
              eventSources: [{kind: Kustomization, name: '*'}]
            """)))
    }

    static func event(_ severity: Event.Severity, _ reason: String, _ message: String, revision: String? = nil, name: String = "apps") -> Event {
        Event(involvedObject: ObjectRef(apiVersion: Kustomization.apiVersion, kind: Kustomization.kind, namespace: "flux-system", name: name),
              severity: severity, reason: reason, message: message, metadata: revision.map { ["revision": $0] } ?? [:],
              reportingController: "kustomize-controller")
    }

    @Test("identical events within the window are folded, even when only durations and pod names differ")
    func folding() throws {
        let filter = NoiseFilter(window: .seconds(300))
        let alert = try Self.alert()
        let now = Date()
        let first = Self.event(.error, "HealthCheckFailed", "health check failed after 2.084s: [pod web-6d4cf56db6-x8k2p: ImagePullBackOff]", revision: "main@sha1:aaa")
        let again = Self.event(.error, "HealthCheckFailed", "health check failed after 3.5s: [pod web-6d4cf56db6-q9z7m: ImagePullBackOff]", revision: "main@sha1:aaa")
        #expect(filter.admit(first, for: alert, now: now))
        #expect(!filter.admit(again, for: alert, now: now.addingTimeInterval(30)), "same failure, other duration and pod: folded")
        #expect(filter.admit(again, for: alert, now: now.addingTimeInterval(301)), "after the window it is sent again")
        let otherRevision = Self.event(.error, "HealthCheckFailed", "health check failed after 2s: [pod web-1: ImagePullBackOff]", revision: "main@sha1:bbb")
        #expect(filter.admit(otherRevision, for: alert, now: now.addingTimeInterval(40)), "another revision is news")
        #expect(filter.admit(Self.event(.error, "HealthCheckFailed", "x", name: "other"), for: alert, now: now), "another object is news")
    }

    @Test("in transitions mode only failures after success, recoveries and new revisions are sent")
    func transitions() throws {
        let filter = NoiseFilter(window: .seconds(0))
        let alert = try Self.alert(transitions: true)
        let t = Date()
        #expect(filter.admit(Self.event(.info, "ReconciliationSucceeded", "Applied revision: main@sha1:aaa", revision: "main@sha1:aaa"), for: alert, now: t))
        #expect(!filter.admit(Self.event(.info, "ReconciliationSucceeded", "ConfigMap/apps/x configured", revision: "main@sha1:aaa"), for: alert, now: t + 1),
                "drift corrected on the same revision: not a transition")
        #expect(filter.admit(Self.event(.error, "BuildFailed", "bad yaml", revision: "main@sha1:bbb"), for: alert, now: t + 2), "failure after success")
        #expect(!filter.admit(Self.event(.error, "BuildFailed", "bad yaml again", revision: "main@sha1:bbb"), for: alert, now: t + 3), "still failing")
        #expect(filter.admit(Self.event(.info, "ReconciliationSucceeded", "Applied revision: main@sha1:ccc", revision: "main@sha1:ccc"), for: alert, now: t + 4), "recovery")
        #expect(filter.admit(Self.event(.info, "ReconciliationSucceeded", "Applied revision: main@sha1:ddd", revision: "main@sha1:ddd"), for: alert, now: t + 5), "a new revision applied")
    }
}
