import Cluster
import Foundation
import GitOpsAPI

/// The verbs on objects, each a call into the embedded cluster.
extension KubeAPIServer {
    func get(_ r: ObjectRequest) throws -> APIAnswer {
        let name = r.target.name!
        guard let object = try cluster.get(r.ref(name: name)) else {
            throw ClusterError(.notFound, "\(qualified(r.info)) \"\(name)\" not found", object: r.ref(name: name).id)
        }
        return .json(200, object.body)
    }

    /// Lists in (namespace, name) order, `limit` at a time; `continue` holds the last key
    /// served. `fieldSelector` is not implemented and refused rather than ignored.
    func list(_ r: ObjectRequest) throws -> APIAnswer {
        if let selector = r.parameters["fieldSelector"], !selector.isEmpty {
            throw ClusterError(.badRequest, "fieldSelector is not implemented by this test server")
        }
        let selector = r.parameters["labelSelector"].flatMap { $0.isEmpty ? nil : $0 }
        var items = try cluster.list(ListQuery(apiVersion: r.apiVersion, kind: r.info.kind, namespace: r.target.namespace,
                                               labelSelector: selector))
        if let token = r.parameters["continue"], !token.isEmpty {
            guard let after = ContinueToken.decode(token) else {
                throw ClusterError(.badRequest, "continue key is not valid: the token was not issued by this server")
            }
            items = items.filter { ($0.namespace ?? "", $0.name) > after }
        }
        var metadata: JSONObject = ["resourceVersion": .string(String(cluster.currentResourceVersion()))]
        if let limit = r.parameters["limit"].flatMap(Int.init), limit > 0, items.count > limit {
            let last = items[limit - 1]
            metadata["continue"] = .string(ContinueToken.encode((last.namespace ?? "", last.name)))
            metadata["remainingItemCount"] = .int(items.count - limit)
            items = Array(items.prefix(limit))
        }
        // Items of a typed list carry no kind or apiVersion on the wire.
        let bodies: [JSONValue] = items.map { item in
            var body = item.body
            body["apiVersion"] = nil
            body["kind"] = nil
            return body
        }
        return .json(200, ["kind": .string("\(r.info.kind)List"), "apiVersion": .string(r.apiVersion),
                           "metadata": .object(metadata), "items": .array(bodies)])
    }

    func create(_ r: ObjectRequest) throws -> APIAnswer {
        if let refusal = unsupportedMediaType(r) { return refusal }
        let object = try r.placed(try r.bodyObject(), requireName: nil)
        let created = try cluster.create(object, options: WriteOptions(fieldManager: r.fieldManager, dryRun: try r.dryRun()))
        return .json(201, created.body)
    }

    func update(_ r: ObjectRequest) throws -> APIAnswer {
        if let refusal = unsupportedMediaType(r) { return refusal }
        let object = try r.placed(try r.bodyObject(), requireName: r.target.name)
        if (object.resourceVersion ?? "").isEmpty, refusesUnconditionalCustomResourceUpdates, try isCustomResource(r.info) {
            throw ClusterError(.invalid,
                "\(qualified(r.info)) \"\(object.name)\" is invalid: metadata.resourceVersion: Invalid value: 0x0: must be specified for an update",
                object: object.id)
        }
        let options = WriteOptions(fieldManager: r.fieldManager, dryRun: try r.dryRun())
        let stored = r.target.subresource == "status"
            ? try cluster.updateStatus(object, options: options)
            : try cluster.update(object, options: options)
        return .json(200, stored.body)
    }

    /// Server-side apply. Other patch types are real API features this server does not
    /// implement: 415, naming the one it accepts.
    func apply(_ r: ObjectRequest) throws -> APIAnswer {
        let mediaType = (r.request.contentType ?? "").split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard mediaType == "application/apply-patch+yaml" else {
            return StatusBody.answer(415, reason: "UnsupportedMediaType",
                message: "the body of the request was in an unknown format - accepted media types include: application/apply-patch+yaml (this test server implements no other patch type; got \"\(mediaType)\")")
        }
        guard r.target.subresource == nil else {
            return StatusBody.answer(405, reason: "MethodNotAllowed", message: "apply to a subresource is not implemented by this test server")
        }
        guard let manager = r.parameters["fieldManager"], !manager.isEmpty else {
            throw ClusterError(.invalid, "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch")
        }
        let force = r.parameters["force"] == "true"
        let object = try r.placed(try r.bodyObject(), requireName: r.target.name)
        if object.body[path: ["metadata", "managedFields"]] != nil {
            throw ClusterError(.badRequest, "metadata.managedFields must be nil")
        }
        let result = try cluster.apply(object, options: ApplyOptions(fieldManager: manager, force: force, dryRun: try r.dryRun()))
        return .json(result.action == .created ? 201 : 200, result.object.body)
    }

    /// Options from a `DeleteOptions` body when there is one, else from the query, as the
    /// API server reads them.
    func delete(_ r: ObjectRequest) throws -> APIAnswer {
        var policy = r.parameters["propagationPolicy"]
        var dryRun = try r.dryRun()
        if !r.request.body.isEmpty {
            let options = try r.bodyObject().body
            policy = options["propagationPolicy"]?.stringValue ?? policy
            if let values = options["dryRun"]?.arrayValue { dryRun = values.contains("All") }
        }
        let propagation: PropagationPolicy
        switch policy {
        case nil: propagation = .background
        case let value?:
            guard let parsed = PropagationPolicy(rawValue: value) else {
                throw ClusterError(.badRequest, "DeletionPropagation \"\(value)\" is not supported: use Background, Foreground or Orphan")
            }
            propagation = parsed
        }
        let name = r.target.name!
        let ref = r.ref(name: name)
        let existing = try cluster.get(ref)
        guard try cluster.delete(ref, options: DeleteOptions(propagationPolicy: propagation, dryRun: dryRun)) else {
            throw ClusterError(.notFound, "\(qualified(r.info)) \"\(name)\" not found", object: ref.id)
        }
        return StatusBody.success(name: name, group: r.info.group, resource: r.info.plural, uid: existing?.uid)
    }

    /// 415 for a body that is neither JSON nor YAML.
    private func unsupportedMediaType(_ r: ObjectRequest) -> APIAnswer? {
        let type = (r.request.contentType ?? "application/json").split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard !["application/json", "application/yaml", ""].contains(type) else { return nil }
        return StatusBody.answer(415, reason: "UnsupportedMediaType",
            message: "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml")
    }

    /// Whether the kind is served through a CustomResourceDefinition (`PLURAL.GROUP`).
    func isCustomResource(_ info: ResourceInfo) throws -> Bool {
        guard !info.group.isEmpty else { return false }
        let name = "\(info.plural).\(info.group)"
        return try cluster.get(ObjectRef(apiVersion: "apiextensions.k8s.io/v1", kind: "CustomResourceDefinition", namespace: nil, name: name)) != nil
    }

    /// `deployments.apps`, as kube names a resource in messages.
    func qualified(_ info: ResourceInfo) -> String { info.group.isEmpty ? info.plural : "\(info.plural).\(info.group)" }
}

/// The opaque `continue` token: the last (namespace, name) served, base64-encoded.
enum ContinueToken {
    static func encode(_ key: (String, String)) -> String {
        Data("\(key.0)/\(key.1)".utf8).base64EncodedString()
    }

    static func decode(_ token: String) -> (String, String)? {
        guard let data = Data(base64Encoded: token), let text = String(data: data, encoding: .utf8),
            let slash = text.firstIndex(of: "/") else { return nil }
        return (String(text[..<slash]), String(text[text.index(after: slash)...]))
    }
}
