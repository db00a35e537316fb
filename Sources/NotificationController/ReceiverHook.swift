import Cluster
import Foundation
import GitOpsAPI
import Logging
import Runtime

extension NotificationController {
    /// Handles one call to `/hook/<digest>`, as Flux's receiver server does:
    ///
    /// - no Ready Receiver has that `status.webhookPath` → 404;
    /// - the Receiver is suspended or not Ready → 503;
    /// - the signature or token does not verify → 401, nothing reconciled;
    /// - an event outside `spec.events` → 400; a ping → 200, nothing reconciled;
    /// - otherwise each of `spec.resources` gets a fresh `reconcile.fluxcd.io/requestedAt`
    ///   → 200 (500 when one of them could not be annotated).
    ///
    /// Not isolated to the actor: hooks need only the cluster, so they never wait behind a
    /// slow notification delivery. Every call is logged with the Receiver and the outcome,
    /// never with the token or the signature.
    public nonisolated func handleHook(_ request: WebhookRequest) async -> WebhookResponse {
        let started = ContinuousClock.now
        let receivers: [KubeObject]
        do {
            receivers = try await cluster.list(ListQuery(apiVersion: Receiver.apiVersion, kind: Receiver.kind))
        } catch {
            logger.error("webhook: cannot list Receivers", metadata: ["error": "\(error)"])
            return WebhookResponse(status: 500, message: "cannot list receivers")
        }
        guard let object = receivers.first(where: { $0.status?["webhookPath"]?.stringValue == request.path }) else {
            // The path is derived from the token: it is not logged.
            logger.info("webhook: no Receiver for this path", metadata: ["status": "404"])
            return WebhookResponse(status: 404, message: "404 page not found")
        }
        let key = ObjectKey(object)
        let response = await handleHook(request, receiver: object)
        var metadata: Logger.Metadata = ["receiver": "\(key)", "status": "\(response.status)", "result": "\(response.message)",
                                         "duration": "\(Self.milliseconds(ContinuousClock.now - started))"]
        if let event = Self.eventName(request) { metadata["event"] = "\(event)" }
        // 503 (suspended, not ready) is the Receiver's state, not a failure of the agent.
        if response.status >= 500 && response.status != 503 {
            logger.error("webhook handled", metadata: metadata)
        } else if response.status >= 400 {
            logger.warning("webhook refused", metadata: metadata)
        } else {
            logger.info("webhook handled", metadata: metadata)
        }
        return response
    }

    private nonisolated func handleHook(_ request: WebhookRequest, receiver object: KubeObject) async -> WebhookResponse {
        let config: ReceiverConfig
        do {
            config = try ReceiverConfig(object)
        } catch {
            return WebhookResponse(status: 503, message: "receiver is not ready: \(error)")
        }
        let receiver = config.receiver
        if receiver.spec.suspend { return WebhookResponse(status: 503, message: "receiver is suspended") }
        guard receiver.isReady else { return WebhookResponse(status: 503, message: "receiver is not ready") }
        let token: String
        do {
            token = try await receiverToken(receiver)
        } catch {
            return WebhookResponse(status: 400, message: "\(error)")
        }
        switch ReceiverVerifier.verify(type: receiver.spec.type, token: token, events: receiver.spec.events, request: request) {
        case .unauthorized(let why):
            return WebhookResponse(status: 401, message: why)
        case .rejected(let why):
            return WebhookResponse(status: 400, message: why)
        case .ping(let event):
            return WebhookResponse(status: 200, message: "\(event) received; nothing to reconcile")
        case .accept:
            break
        }
        let value = Self.requestedAtValue()
        var annotated: [String] = []
        var failures: [String] = []
        for target in config.targets {
            do {
                annotated += try await requestReconcile(target, defaultNamespace: receiver.metadata.namespace, value: value)
            } catch {
                failures.append("\(error)")
            }
        }
        if !failures.isEmpty {
            return WebhookResponse(status: 500, message: "unable to request reconciliation: " + failures.joined(separator: "; "))
        }
        return WebhookResponse(status: 200, message: annotated.isEmpty ? "no resources matched" : "reconciliation requested for " + annotated.joined(separator: ", "))
    }

    nonisolated static func milliseconds(_ duration: Duration) -> String {
        String(format: "%.1fms", Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15)
    }

    /// The event header of whichever sender this is, for the log.
    nonisolated static func eventName(_ request: WebhookRequest) -> String? {
        request.header("X-GitHub-Event") ?? request.header("X-Gitlab-Event") ?? request.header("X-Event-Key")
    }

    /// A value that differs from every earlier one: the Source component reconciles when the
    /// annotation changes, so two hooks within a second must still differ (millisecond
    /// precision; Flux writes `metav1.Now().String()`).
    nonisolated static func requestedAtValue(_ date: Date = Date()) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
