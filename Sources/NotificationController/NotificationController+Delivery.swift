import Cluster
import Curl
import Foundation
import GitOpsAPI
import Runtime

extension NotificationController {
    func deliverDue() async {
        guard let due = try? outbox.due(), !due.isEmpty else { return }
        await withTaskGroup(of: Void.self) { group in
            for delivery in due {
                group.addTask { await self.deliver(delivery) }
            }
        }
    }

    func deliver(_ delivery: Outbox.Delivery) async {
        let providerKey = ObjectKey(namespace: delivery.providerNamespace, name: delivery.providerName)
        let where_ = "\(delivery.providerNamespace)/\(delivery.providerName)"
        do {
            guard let json = try? JSONValue.parse(json: delivery.body), let event = Event(json: json) else {
                try outbox.markFinished(delivery.id, state: "failed", error: "unreadable event")
                return
            }
            let providerObject = try await cluster.get(ObjectRef(apiVersion: Provider.apiVersion, kind: Provider.kind,
                                                                 namespace: providerKey.namespace, name: providerKey.name))
            guard let providerObject else {
                return try retry(delivery, error: "Provider \(where_) not found")
            }
            let provider = try Provider(providerObject)
            if provider.spec.suspend {
                try outbox.markFinished(delivery.id, state: "dropped", error: "Provider \(where_) is suspended")
                return
            }
            let settings = try await providerSettings(provider)
            let request: CurlRequest
            do {
                request = try ProviderRequest.make(type: provider.spec.type, settings: settings, event: event)
            } catch ProviderRequest.Failure.unsupported(let type) {
                logger.error("notification not sent", metadata: ["provider": "\(where_)", "error": "\(ProviderRequest.Failure.unsupported(type))"])
                try outbox.markFinished(delivery.id, state: "failed", error: "\(ProviderRequest.Failure.unsupported(type))")
                return
            }
            let response = try await http.perform(request)
            if response.isSuccess {
                try outbox.markSent(delivery.id)
                logger.debug("notification sent", metadata: ["provider": "\(where_)", "alert": "\(delivery.alertName)", "reason": "\(event.reason)"])
            } else {
                try retry(delivery, error: "\(provider.spec.type) provider \(where_) answered HTTP \(response.status)")
            }
        } catch let error as CurlError {
            try? retry(delivery, error: "provider \(where_): \(error)")
        } catch {
            try? retry(delivery, error: "provider \(where_): \(error)")
        }
    }

    func retry(_ delivery: Outbox.Delivery, error: String) throws {
        let age = Date().timeIntervalSince1970 - delivery.created
        if age > settings.maxAge.seconds {
            logger.error("notification given up", metadata: ["provider": "\(delivery.providerNamespace)/\(delivery.providerName)", "attempts": "\(delivery.attempts + 1)", "error": "\(error)"])
            try outbox.markFinished(delivery.id, state: "failed", error: error)
            return
        }
        let delay = Backoff.delay(base: settings.retryBase, failures: delivery.attempts + 1, cap: settings.maxRetryDelay)
        logger.warning("notification failed, will retry", metadata: ["provider": "\(delivery.providerNamespace)/\(delivery.providerName)",
                                                                      "attempt": "\(delivery.attempts + 1)", "retryIn": "\(String(format: "%.1fs", delay.seconds))", "error": "\(error)"])
        try outbox.markRetry(delivery.id, after: delay.seconds, error: error)
    }

    /// Spec values overridden by the Secret's keys (`address`, `token`, `headers`, …), as Flux does.
    func providerSettings(_ provider: Provider) async throws -> ProviderRequest.Settings {
        var s = ProviderRequest.Settings(address: provider.spec.address ?? "", token: nil, headers: [], channel: provider.spec.channel,
                                         username: provider.spec.username, timeout: provider.spec.timeout.duration, caBundle: nil, proxy: provider.spec.proxy)
        if let secretRef = provider.spec.secretRef {
            let ref = ObjectRef(apiVersion: "v1", kind: "Secret", namespace: provider.metadata.namespace, name: secretRef.name)
            guard let secret = try await cluster.get(ref) else {
                throw ProviderRequest.Failure.misconfigured("secret '\(provider.metadata.namespace)/\(secretRef.name)' of Provider \(provider.metadata.name) not found")
            }
            let data = SecretData(secret)
            if let address = data["address"] { s.address = address }
            s.token = data["token"]
            if let username = data["username"] { s.username = username }
            if let headers = data["headers"] {
                s.headers = headers.split(separator: "\n").compactMap { line in
                    guard let colon = line.firstIndex(of: ":") else { return nil }
                    return (String(line[..<colon]).trimmingCharacters(in: .whitespaces), String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces))
                }
            }
        }
        if let certRef = provider.spec.certSecretRef,
           let secret = try await cluster.get(ObjectRef(apiVersion: "v1", kind: "Secret", namespace: provider.metadata.namespace, name: certRef.name))
        {
            s.caBundle = SecretData(secret)["ca.crt"]
        }
        return s
    }
}
