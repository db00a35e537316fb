import Cluster
import Foundation
import GitOpsAPI
import YAML

extension KubeAPIServer {
    /// Answers one authenticated request.
    func serve(_ request: IncomingRequest, user: String) -> APIAnswer {
        do {
            switch APIRoute(path: request.path) {
            case .version: return try readOnly(request) { serverVersion() }
            case .coreVersions: return try readOnly(request) { coreVersions() }
            case .groups: return try readOnly(request) { try groupList() }
            case .group(let name): return try readOnly(request) { try group(name) }
            case .resourceList(let group, let version): return try readOnly(request) { try resourceList(group: group, version: version) }
            case .resource(let target) where Self.isAccessReview(target): return accessReview(request, target, user: user)
            case .resource(let target): return try serveObject(request, target, user: user)
            case .unknown: return Self.notFoundPath()
            }
        } catch let error as ClusterError {
            return StatusBody.from(error, group: nil, resource: nil)
        } catch {
            return StatusBody.answer(500, reason: "InternalError", message: "Internal error occurred: \(error)")
        }
    }

    private func readOnly(_ request: IncomingRequest, _ body: () throws -> APIAnswer) throws -> APIAnswer {
        guard request.method == "GET" else { return Self.methodNotAllowed() }
        return try body()
    }

    static func methodNotAllowed() -> APIAnswer {
        StatusBody.answer(405, reason: "MethodNotAllowed", message: "the server does not allow this method on the requested resource")
    }

    private func serveObject(_ request: IncomingRequest, _ target: APIRoute.ResourceTarget, user: String) throws -> APIAnswer {
        guard let info = try served().first(where: { $0.group == target.group && $0.version == target.version && $0.plural == target.plural }),
            info.namespaced || target.namespace == nil
        else { return Self.notFoundPath() }
        if let subresource = target.subresource, subresource != "status" || !info.hasStatusSubresource || target.name == nil {
            return Self.notFoundPath()
        }
        let verb: String
        switch (request.method, target.name) {
        case ("GET", nil): verb = "list"
        case ("GET", _): verb = "get"
        case ("POST", nil): verb = "create"
        case ("PUT", .some): verb = "update"
        case ("PATCH", .some): verb = "patch"
        case ("DELETE", .some): verb = "delete"
        default: return Self.methodNotAllowed()
        }
        let resource = target.subresource.map { "\(info.plural)/\($0)" } ?? info.plural
        let attributes = RequestAttributes(user: user, verb: verb, group: info.group, resource: resource,
                                           namespace: target.namespace, name: target.name)
        guard state.withLock({ $0.authorizer })(attributes) else { return forbidden(attributes, info) }

        let context = ObjectRequest(request: request, target: target, info: info)
        do {
            switch verb {
            case "list": return try list(context)
            case "get": return try get(context)
            case "create": return try create(context)
            case "update": return try update(context)
            case "patch": return try apply(context)
            default: return try delete(context)
            }
        } catch let error as ClusterError {
            return StatusBody.from(error, group: info.group, resource: info.plural)
        }
    }

    /// Whether `user` may impersonate `target` (kube's impersonation filter: the `impersonate`
    /// verb on `serviceaccounts` in the account's namespace, or on `users`); nil when it may,
    /// else the 403 to answer.
    func impersonationRefusal(user: String, impersonating target: String) -> APIAnswer? {
        let parts = target.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        let attributes: RequestAttributes
        let info: ResourceInfo
        if parts.count == 4, parts[0] == "system", parts[1] == "serviceaccount" {
            attributes = RequestAttributes(user: user, verb: "impersonate", group: "", resource: "serviceaccounts", namespace: parts[2], name: parts[3])
            info = ResourceInfo(group: "", version: "v1", kind: "ServiceAccount", plural: "serviceaccounts", namespaced: true, hasStatusSubresource: false)
        } else {
            attributes = RequestAttributes(user: user, verb: "impersonate", group: "", resource: "users", namespace: nil, name: target)
            info = ResourceInfo(group: "", version: "v1", kind: "User", plural: "users", namespaced: false, hasStatusSubresource: false)
        }
        return state.withLock { $0.authorizer }(attributes) ? nil : forbidden(attributes, info)
    }

    /// kube's RBAC refusal wording.
    func forbidden(_ a: RequestAttributes, _ info: ResourceInfo) -> APIAnswer {
        let qualified = info.group.isEmpty ? a.resource : "\(a.resource).\(info.group)"
        let subject = a.name.map { "\(qualified) \"\($0)\"" } ?? qualified
        let scope = a.namespace.map { " in the namespace \"\($0)\"" } ?? (info.namespaced ? "" : " at the cluster scope")
        var details: JSONObject = ["group": .string(info.group), "kind": .string(info.plural)]
        if let name = a.name { details["name"] = .string(name) }
        return StatusBody.answer(403, reason: "Forbidden",
            message: "\(subject) is forbidden: User \"\(a.user)\" cannot \(a.verb) resource \"\(a.resource)\" in API group \"\(info.group)\"\(scope)",
            details: details)
    }
}

/// One request for objects, with what its path resolved to.
struct ObjectRequest {
    var request: IncomingRequest
    var target: APIRoute.ResourceTarget
    var info: ResourceInfo

    var apiVersion: String { info.group.isEmpty ? info.version : "\(info.group)/\(info.version)" }
    var parameters: [String: String] { request.parameters }

    func ref(name: String) -> ObjectRef {
        ObjectRef(apiVersion: apiVersion, kind: info.kind, namespace: target.namespace, name: name)
    }

    /// `dryRun=All` (the only value the API accepts besides none).
    func dryRun() throws -> Bool {
        guard let value = parameters["dryRun"] else { return false }
        guard value == "All" else {
            throw ClusterError(.badRequest, "Invalid dry run value: \"\(value)\"; the only supported value is \"All\"")
        }
        return true
    }

    var fieldManager: String { parameters["fieldManager"].flatMap { $0.isEmpty ? nil : $0 } ?? "unknown" }

    /// The request body as an object: JSON, or YAML for `application/yaml` and apply patches.
    func bodyObject() throws -> KubeObject {
        let text = String(decoding: request.body, as: UTF8.self)
        let value: JSONValue
        do {
            if let parsed = try? JSONValue.parse(json: text) {
                value = parsed
            } else {
                value = try YAML.parse(text)
            }
        } catch {
            throw ClusterError(.badRequest, "the body of the request could not be decoded: \(error)")
        }
        guard value.objectValue != nil else { throw ClusterError(.badRequest, "the body of the request is not an object") }
        return KubeObject(value)
    }

    /// Checks that the object's type and place agree with the URL, as the API server does, and
    /// fills in the namespace from the URL.
    func placed(_ object: KubeObject, requireName: String?) throws -> KubeObject {
        var object = object
        if object.apiVersion != apiVersion || object.kind != info.kind {
            throw ClusterError(.badRequest,
                "the API version in the data (\(object.apiVersion)) and kind (\(object.kind)) do not match the expected \(apiVersion) \(info.kind)")
        }
        if let requireName, object.name != requireName {
            throw ClusterError(.badRequest, "the name of the object (\(object.name)) does not match the name on the URL (\(requireName))")
        }
        if info.namespaced {
            if let namespace = object.namespace, namespace != target.namespace {
                throw ClusterError(.badRequest, "the namespace of the provided object does not match the namespace sent on the request")
            }
            object.namespace = target.namespace
        }
        return object
    }
}
