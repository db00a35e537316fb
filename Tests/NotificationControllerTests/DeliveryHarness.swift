import Cluster
import Curl
import EmbeddedCluster
import Foundation
import GitOpsAPI
@testable import NotificationController
import Runtime
import TestSupport
import YAML

/// A Notification component running in this process against an in-memory cluster, a real
/// event log and outbox in a temporary directory, and real receivers on loopback, with retry
/// delays short enough for tests.
final class DeliveryHarness: @unchecked Sendable {
    let cluster: EmbeddedCluster
    let events: EventLog
    let controller: NotificationController
    private var task: Task<Void, Never>?

    static let fast = NotificationController.Settings(retryBase: .milliseconds(20), maxRetryDelay: .milliseconds(100), poll: .milliseconds(20))

    init(settings: NotificationController.Settings = DeliveryHarness.fast) throws {
        let directory = try GitFixture.temporaryDirectory(prefix: "notify")
        cluster = try EmbeddedCluster.inMemory()
        events = try EventLog(path: directory + "/events.db")
        controller = try NotificationController(cluster: cluster, events: events, outboxPath: directory + "/outbox.db",
                                                http: CurlClient(), settings: settings)
        for crd in CRDs.all { _ = try cluster.apply(crd, options: ApplyOptions(fieldManager: "gitops-install", force: true)) }
        try apply("""
            apiVersion: v1
            kind: Namespace
            metadata: {name: flux-system}
            """)
    }

    func start() {
        let controller = self.controller
        task = Task { await controller.run() }
    }

    /// Cancels the component and waits until its lanes finished the delivery in hand.
    func stop() async {
        task?.cancel()
        await task?.value
        task = nil
    }

    func apply(_ yaml: String) throws {
        for document in try YAML.parseDocuments(yaml) {
            _ = try cluster.apply(KubeObject(document.value))
        }
    }

    /// A Provider (and its Secret when `secret` is given) in flux-system, plus an Alert named
    /// after it that takes every Kustomization event.
    @discardableResult
    func provider(_ name: String, type: String, address: String?, spec: String = "", secret: [String: String]? = nil) throws -> Provider {
        var yaml = """
            apiVersion: notification.toolkit.fluxcd.io/v1beta3
            kind: Provider
            metadata: {name: \(name), namespace: flux-system}
            spec:
              type: \(type)

            """
        if let address { yaml += "  address: \(address)\n" }
        if secret != nil { yaml += "  secretRef: {name: \(name)-secret}\n" }
        yaml += spec
        try apply(yaml)
        if let secret {
            var object = KubeObject(apiVersion: "v1", kind: "Secret", name: "\(name)-secret", namespace: "flux-system")
            object.body["stringData"] = .object(JSONObject(uniqueKeysWithValues: secret.map { ($0.key, JSONValue.string($0.value)) }))
            _ = try cluster.apply(object)
        }
        try apply("""
            apiVersion: notification.toolkit.fluxcd.io/v1beta3
            kind: Alert
            metadata: {name: \(name), namespace: flux-system}
            spec:
              providerRef: {name: \(name)}
              eventSeverity: info
              eventSources: [{kind: Kustomization, name: '*'}]
            """)
        let object = try cluster.get(ObjectRef(apiVersion: Provider.apiVersion, kind: Provider.kind, namespace: "flux-system", name: name))
        return try Provider(object!)
    }

    /// A Kustomization event with a fixed timestamp, so payloads can be compared byte for byte.
    static func event(_ severity: Event.Severity = .info, reason: String = "ReconciliationSucceeded",
                      message: String = "Deployment/apps/webapp configured\nService/apps/webapp created",
                      metadata: [String: String] = ["revision": "main@sha1:731f7eaddfb6af01cb2173e18f0f75b0ba780ef1"]) -> Event {
        Event(involvedObject: ObjectRef(apiVersion: "kustomize.toolkit.fluxcd.io/v1", kind: "Kustomization", namespace: "flux-system", name: "webapp"),
              involvedUID: "7d0cdc51-ddcf-4743-b223-83ca5c699632", severity: severity, reason: reason, message: message,
              metadata: metadata, reportingController: "kustomize-controller", reportingInstance: "gitops",
              timestamp: "2024-05-01T10:00:00Z")
    }

    func record(_ event: Event = DeliveryHarness.event()) throws { try events.append(event) }

    func deliveries() async -> [DeliveryRecord] { await controller.deliveries() }

    /// Polls `condition` until it holds or `timeout` passes.
    func eventually(_ timeout: Duration = .seconds(10), _ condition: () async throws -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if (try? await condition()) == true { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return false
    }
}

extension RecordedRequest {
    /// The body re-encoded with sorted keys, for messages when a comparison fails.
    var json: JSONValue? { try? JSONValue.parse(json: Data(body)) }
}
