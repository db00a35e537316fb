import Cluster
import GitOpsAPI

/// `SelfSubjectAccessReview` (authorization.k8s.io/v1), what `kubectl auth can-i` asks: the
/// caller describes a request — `spec.resourceAttributes` (verb, group, resource, subresource,
/// namespace, name) or `spec.nonResourceAttributes` (path, verb) — and the server answers with
/// the same review and `status.allowed` from its authorizer, about the caller's own identity.
/// Nothing is stored: the review is only ever created (201) and never listed or read back, as in
/// the API reference. Creating a review is itself a request the authorizer decides (RBAC's
/// `system:basic-user` grants it to every authenticated user).
extension KubeAPIServer {
    static let accessReviewGroup = "authorization.k8s.io"
    static let accessReviewPlural = "selfsubjectaccessreviews"

    /// What discovery lists besides the cluster's own kinds: the review, create-only.
    static let virtualResources: [(info: ResourceInfo, verbs: [String])] = [
        (ResourceInfo(group: accessReviewGroup, version: "v1", kind: "SelfSubjectAccessReview", plural: accessReviewPlural,
                      namespaced: false, hasStatusSubresource: false), ["create"]),
    ]

    /// Whether a path addresses the review collection.
    static func isAccessReview(_ target: APIRoute.ResourceTarget) -> Bool {
        target.group == accessReviewGroup && target.version == "v1" && target.plural == accessReviewPlural && target.namespace == nil
    }

    func accessReview(_ request: IncomingRequest, _ target: APIRoute.ResourceTarget, user: String) -> APIAnswer {
        guard target.name == nil, target.subresource == nil else { return Self.notFoundPath() }
        guard request.method == "POST" else { return Self.methodNotAllowed() }
        let authorize = state.withLock { $0.authorizer }
        let info = Self.virtualResources[0].info
        let own = RequestAttributes(user: user, verb: "create", group: info.group, resource: info.plural, namespace: nil, name: nil)
        guard authorize(own) else { return forbidden(own, info) }

        let review: KubeObject
        do {
            let context = ObjectRequest(request: request, target: target, info: info)
            review = try context.placed(try context.bodyObject(), requireName: nil)
        } catch let error as ClusterError {
            return StatusBody.from(error, group: info.group, resource: info.plural)
        } catch {
            return StatusBody.answer(400, reason: "BadRequest", message: "\(error)")
        }
        let spec = review.body["spec"]
        let resource = spec?["resourceAttributes"]?.objectValue
        let nonResource = spec?["nonResourceAttributes"]?.objectValue
        guard (resource == nil) != (nonResource == nil) else {
            return StatusBody.answer(422, reason: "Invalid",
                message: "SelfSubjectAccessReview.authorization.k8s.io \"\" is invalid: spec.resourceAttributes: Invalid value: \"null\": exactly one of nonResourceAttributes or resourceAttributes must be specified",
                details: ["group": .string(info.group), "kind": "SelfSubjectAccessReview",
                          "causes": [["reason": "FieldValueInvalid", "field": "spec.resourceAttributes",
                                      "message": "Invalid value: \"null\": exactly one of nonResourceAttributes or resourceAttributes must be specified"]]])
        }
        let asked: RequestAttributes
        if let resource {
            let text = { (key: String) in resource[key]?.stringValue ?? "" }
            let plural = text("resource"), subresource = text("subresource")
            asked = RequestAttributes(user: user, verb: text("verb"), group: text("group"),
                                      resource: subresource.isEmpty ? plural : "\(plural)/\(subresource)",
                                      namespace: text("namespace").isEmpty ? nil : text("namespace"),
                                      name: text("name").isEmpty ? nil : text("name"))
        } else {
            asked = RequestAttributes(user: user, verb: nonResource?["verb"]?.stringValue ?? "", group: "", resource: "",
                                      namespace: nil, name: nil, path: nonResource?["path"]?.stringValue ?? "")
        }
        // The answer echoes the review with its status; nothing is stored, so no uid or
        // resourceVersion (kube sends `creationTimestamp: null`).
        var answer = review.body
        answer.set(["metadata", "creationTimestamp"], .null)
        answer["status"] = ["allowed": .bool(authorize(asked))]
        return .json(201, answer)
    }
}
