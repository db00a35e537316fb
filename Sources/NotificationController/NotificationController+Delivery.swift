import Cluster
import Curl
import Foundation
import GitOpsAPI
import Runtime

extension NotificationController {
    /// What one attempt came to.
    enum Outcome {
        /// The receiver accepted it (2xx, and `ok` from Slack's Web API).
        case sent
        /// Nothing to send, on purpose; the reason.
        case dropped(String)
        /// Worth another try: the error, and the wait the receiver asked for, if any.
        case retry(String, retryAfter: Double?)
        /// Retrying cannot help (an unsupported type, an unreadable event).
        case undeliverable(String)
    }

    /// Starts a lane for each Provider with a delivery due and returns without waiting for
    /// them. When the component is stopping (its task cancelled), starts none and waits for the
    /// running lanes to finish the delivery in hand.
    func deliverDue() async {
        if Task.isCancelled {
            await lanes.stopAndDrain()
            return
        }
        let now = Date().timeIntervalSince1970
        guard let providers = try? outbox.dueProviders(now: now) else { return }
        for provider in providers {
            lanes.start(provider, now: now) { [weak self] in await self?.runLane(provider) }
        }
    }

    /// Sends one Provider's due deliveries in order until none is due, one fails (the lane then
    /// pauses until that one's retry), or the component stops.
    func runLane(_ provider: Outbox.ProviderKey) async {
        var tried = Set<Int>()
        while !lanes.isStopping {
            guard let batch = try? outbox.due(provider: provider), !batch.isEmpty else { return }
            // A delivery whose state could not be written comes back at once; never spin on it.
            let fresh = batch.filter { tried.insert($0.id).inserted }
            guard !fresh.isEmpty else { return }
            for delivery in fresh {
                guard !lanes.isStopping else { return }
                if let resume = await deliver(delivery) {
                    lanes.pause(provider, until: resume)
                    return
                }
            }
        }
    }

    /// Makes one attempt and records its outcome; returns when the lane may try this Provider
    /// again if the attempt failed, nil when the lane can go on.
    func deliver(_ delivery: Outbox.Delivery) async -> Double? {
        guard let json = try? JSONValue.parse(json: delivery.body), let event = Event(json: json) else {
            record(.undeliverable("the event in the outbox is unreadable"), delivery, event: nil)
            return nil
        }
        return record(await attempt(delivery, event), delivery, event: event)
    }

    /// Reads the Provider and its Secrets, builds the request, sends it and judges the answer.
    /// Every error text here is free of secrets: the address (a webhook URL is a credential),
    /// tokens and header values are never put into it, and receiver answers are redacted.
    func attempt(_ delivery: Outbox.Delivery, _ event: Event) async -> Outcome {
        let key = delivery.provider
        let provider: Provider
        do {
            let ref = ObjectRef(apiVersion: Provider.apiVersion, kind: Provider.kind, namespace: key.namespace, name: key.name)
            // Not found may be temporary: the Alert can be applied before its Provider.
            guard let object = try await cluster.get(ref) else { return .retry("Provider \(key) not found", retryAfter: nil) }
            provider = try Provider(object)
        } catch {
            return .retry("Provider \(key) is invalid: \(error)", retryAfter: nil)
        }
        if provider.spec.suspend { return .dropped("Provider \(key) is suspended") }
        let type = provider.spec.type
        var secrets: [String] = []
        do {
            let settings = try await providerSettings(provider)
            secrets = settings.secrets
            switch try ProviderRequest.make(settings: settings, event: event) {
            case .skip(let why):
                return .dropped(why)
            case .send(let request, let slackAPI):
                let response = try await http.perform(request)
                return judge(response, slackAPI: slackAPI, what: "\(type) provider \(key)", secrets: secrets)
            }
        } catch ProviderRequest.Failure.unsupported(let unsupported) {
            return .undeliverable(ProviderRequest.Failure.unsupported(unsupported).description)
        } catch let failure as ProviderRequest.Failure {
            return .retry("\(type) provider \(key): \(failure)", retryAfter: nil)
        } catch let error as CurlError {
            // The description holds the URL; only the kind and libcurl's message are used.
            let reason = error.kind == .timeout
                ? "no answer within \(provider.spec.timeout)" : DeliveryPolicy.redact(error.message, secrets: secrets)
            return .retry("\(type) provider \(key): \(reason)", retryAfter: nil)
        } catch {
            return .retry("\(type) provider \(key): \(DeliveryPolicy.redact("\(error)", secrets: secrets))", retryAfter: nil)
        }
    }

    /// 2xx is success, except a Slack Web API answer saying `"ok": false`. Any other status is
    /// retried; 429 and 503 may say when in `Retry-After`.
    func judge(_ response: CurlResponse, slackAPI: Bool, what: String, secrets: [String]) -> Outcome {
        if response.isSuccess {
            guard slackAPI, let error = ProviderRequest.slackAPIError(response.body) else { return .sent }
            return .retry("\(what): \(DeliveryPolicy.redact(error, secrets: secrets))", retryAfter: nil)
        }
        var message = "\(what) answered HTTP \(response.status)"
        let excerpt = DeliveryPolicy.redact(DeliveryPolicy.excerpt(response.body), secrets: secrets)
        if !excerpt.isEmpty { message += ": \(excerpt)" }
        return .retry(message, retryAfter: DeliveryPolicy.retryAfter(status: response.status, header: response.header("Retry-After")))
    }

    /// Writes the outcome to the outbox; returns the time the lane may resume after a failure.
    @discardableResult
    func record(_ outcome: Outcome, _ delivery: Outbox.Delivery, event: Event?) -> Double? {
        let provider = delivery.provider.description
        let alert = "\(delivery.alertNamespace)/\(delivery.alertName)"
        do {
            switch outcome {
            case .sent:
                GitOpsMetrics.current?.notification(provider: provider, result: .sent)
                try outbox.markSent(delivery.id)
                logger.debug("notification sent", metadata: ["provider": "\(provider)", "alert": "\(alert)", "reason": "\(event?.reason ?? "")"])
                return nil
            case .dropped(let why):
                try outbox.markFinished(delivery.id, state: "dropped", error: why, attempted: false)
                logger.info("notification dropped", metadata: ["provider": "\(provider)", "alert": "\(alert)", "why": "\(why)"])
                return nil
            case .undeliverable(let error):
                try giveUp(delivery, event: event, attempts: delivery.attempts + 1, error: error)
                return nil
            case .retry(let error, let retryAfter):
                let attempts = delivery.attempts + 1
                let now = Date().timeIntervalSince1970
                GitOpsMetrics.current?.notification(provider: provider, result: .failed)
                if attempts >= settings.maxAttempts {
                    try giveUp(delivery, event: event, attempts: attempts, error: error)
                    return nil
                }
                if now - delivery.created >= settings.maxAge.seconds {
                    try giveUp(delivery, event: event, attempts: attempts, error: "\(error) (not accepted within \(settings.maxAge))")
                    return nil
                }
                // A receiver's Retry-After is obeyed as given; otherwise exponential backoff.
                let delay = retryAfter ?? DeliveryPolicy.backoff(base: settings.retryBase, attempts: attempts, cap: settings.maxRetryDelay)
                try outbox.markRetry(delivery.id, at: now + delay, error: error)
                logger.warning("notification failed, will retry", metadata: [
                    "provider": "\(provider)", "alert": "\(alert)", "attempt": "\(attempts)",
                    "retryIn": "\(String(format: "%.1fs", delay))", "error": "\(error)",
                ])
                return now + delay
            }
        } catch {
            logger.error("could not record a delivery's outcome", metadata: ["provider": "\(provider)", "error": "\(error)"])
            return nil
        }
    }

    /// Marks the delivery undeliverable and records a warning event on the Provider, so
    /// `gitops events` (and any Alert on Providers) shows what was not delivered and why.
    func giveUp(_ delivery: Outbox.Delivery, event: Event?, attempts: Int, error: String) throws {
        try outbox.markFinished(delivery.id, state: "undeliverable", error: error, attempted: true)
        GitOpsMetrics.current?.notification(provider: delivery.provider.description, result: .undeliverable)
        let alert = "\(delivery.alertNamespace)/\(delivery.alertName)"
        let what = event.map { "\($0.reason) event of \($0.involvedObject.kind)/\($0.involvedObject.namespace.map { "\($0)/" } ?? "")\($0.involvedObject.name)" }
            ?? "event \(delivery.eventID)"
        let message = "Alert \(alert) could not deliver the \(what) to Provider \(delivery.provider) after \(attempts) attempt\(attempts == 1 ? "" : "s"): \(error)"
        logger.error("notification undeliverable", metadata: ["provider": "\(delivery.provider)", "alert": "\(alert)", "attempts": "\(attempts)", "error": "\(error)"])
        // A warning about a warning that could not be delivered would go round forever.
        if event?.reason == Self.undeliverableReason, event?.involvedObject.kind == Provider.kind { return }
        let warning = Event(involvedObject: ObjectRef(apiVersion: Provider.apiVersion, kind: Provider.kind,
                                                      namespace: delivery.providerNamespace, name: delivery.providerName),
                            severity: .error, reason: Self.undeliverableReason, message: message, reportingController: name)
        try eventLog.append(warning)
    }

    /// The reason of the warning event recorded when a notification is given up.
    public static let undeliverableReason = "NotificationUndeliverable"

    /// The most recent deliveries in the outbox, newest last.
    public func deliveries(limit: Int = 100) -> [DeliveryRecord] { (try? outbox.records(limit: limit)) ?? [] }
}
