import Cluster
import Foundation
import GitOpsAPI
import Hashing
import Runtime

extension NotificationController {
    /// Flux's `Receiver.GetWebhookPath`: `/hook/` + hex SHA-256 of token, name and namespace.
    /// The token makes the path unguessable; name and namespace keep two Receivers sharing a
    /// token apart.
    public static func webhookPath(token: String, name: String, namespace: String) -> String {
        "/hook/" + Hex.encode(SHA256.hash(token + name + namespace))
    }

    /// Flux's `TokenNotFoundReason`.
    static let tokenNotFound = "TokenNotFound"

    /// The small reconcile of one Receiver, run when it appears or changes and on each resync:
    /// reads the token, writes `status.webhookPath` and `Ready=True` ("Receiver initialized for
    /// path: /hook/…"), or `Ready=False` with the reason and an empty path when the token
    /// Secret is missing or the spec cannot be served. Suspended Receivers are left as they are
    /// (the hook answers 503 for them). Writes only when something changed, so its own status
    /// write does not wake it again.
    func reconcileReceiver(_ key: ObjectKey) async {
        let ref = ObjectRef(apiVersion: Receiver.apiVersion, kind: Receiver.kind, namespace: key.namespace, name: key.name)
        for _ in 0..<3 {
            guard let object = try? await cluster.get(ref) else { return }
            let ready: Condition
            var path = ""
            do {
                let config = try ReceiverConfig(object)
                // Suspended: the hook refuses calls; the status keeps what it said before.
                if config.receiver.spec.suspend { return }
                guard ReceiverConfig.supportedTypes.contains(config.receiver.spec.type) else {
                    throw ReceiverProblem(reason: Reason.unsupported, message: "receiver type '\(config.receiver.spec.type)' is not supported by this agent (supported: \(ReceiverConfig.supportedTypes.sorted().joined(separator: ", ")))")
                }
                let token = try await receiverToken(config.receiver)
                path = Self.webhookPath(token: token, name: key.name, namespace: key.namespace)
                ready = Condition(type: ConditionType.ready, status: .true, reason: Reason.succeeded,
                                  message: "Receiver initialized for path: \(path)", observedGeneration: object.generation)
            } catch let problem as ReceiverProblem {
                ready = Condition(type: ConditionType.ready, status: .false, reason: problem.reason, message: problem.message, observedGeneration: object.generation)
            } catch {
                ready = Condition(type: ConditionType.ready, status: .false, reason: Reason.validationFailed, message: "\(error)", observedGeneration: object.generation)
            }

            var status = object.status ?? .object([:])
            var conditions = Conditions(json: status["conditions"])
            let previous = conditions[ConditionType.ready]
            let unchanged = previous?.status == ready.status && previous?.reason == ready.reason && previous?.message == ready.message
                && status["webhookPath"]?.stringValue ?? "" == path && status["observedGeneration"]?.intValue == object.generation
            if unchanged { return }
            // Keep the transition time when only the message or generation moved.
            var condition = ready
            if let previous, previous.status == ready.status { condition.lastTransitionTime = previous.lastTransitionTime }
            conditions.set(condition)
            status.set(["conditions"], conditions.json)
            status.set(["webhookPath"], path.isEmpty ? nil : .string(path))
            status.set(["observedGeneration"], .int(object.generation))
            var updated = object
            updated.body["status"] = status
            do {
                _ = try await cluster.updateStatus(updated, options: WriteOptions(fieldManager: name))
                if ready.status == .true {
                    logger.info("Receiver initialized", metadata: ["receiver": "\(key)", "path": "\(path)"])
                } else {
                    logger.warning("Receiver not ready", metadata: ["receiver": "\(key)", "reason": "\(ready.reason)", "message": "\(ready.message)"])
                }
                return
            } catch let error as ClusterError where error.reason == .conflict {
                continue  // changed since read: read again
            } catch {
                logger.error("could not write Receiver status", metadata: ["receiver": "\(key)", "error": "\(error)"])
                return
            }
        }
    }

    /// The `token` key of the Receiver's Secret; its value never leaves this function but as a
    /// hash.
    func receiverToken(_ receiver: Receiver) async throws -> String {
        let secretName = "\(receiver.metadata.namespace)/\(receiver.spec.secretRef.name)"
        let ref = ObjectRef(apiVersion: "v1", kind: "Secret", namespace: receiver.metadata.namespace, name: receiver.spec.secretRef.name)
        guard let secret = try await cluster.get(ref) else {
            throw ReceiverProblem(reason: Self.tokenNotFound, message: "unable to read token from secret '\(secretName)': secret not found")
        }
        guard let token = SecretData(secret)["token"] else {
            throw ReceiverProblem(reason: Self.tokenNotFound, message: "invalid '\(secretName)' secret data: required field 'token'")
        }
        return token
    }

    /// Reconciles every Receiver: picks up rotated tokens, since Secrets are not watched.
    func resyncReceivers() async {
        guard let all = try? await cluster.list(ListQuery(apiVersion: Receiver.apiVersion, kind: Receiver.kind)) else { return }
        for object in all { await reconcileReceiver(ObjectKey(object)) }
    }
}

/// Why a Receiver cannot be served, with Flux's condition reason.
struct ReceiverProblem: Error, Sendable, CustomStringConvertible {
    var reason: String
    var message: String
    var description: String { message }
}
