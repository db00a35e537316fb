import GitOpsAPI

/// One entry of `metadata.managedFields`, in the API's format:
/// `{manager, operation: "Apply"|"Update", apiVersion, time, fieldsType: "FieldsV1", fieldsV1}`
/// (plus `subresource: "status"` for status writes).
struct ManagedFieldsEntry: Hashable, Sendable {
    var manager: String
    var operation: Operation
    var apiVersion: String
    var time: String
    var subresource: String?
    var fields: FieldSet

    enum Operation: String, Sendable { case apply = "Apply", update = "Update" }

    init(manager: String, operation: Operation, apiVersion: String, time: String, subresource: String? = nil,
        fields: FieldSet)
    {
        self.manager = manager
        self.operation = operation
        self.apiVersion = apiVersion
        self.time = time
        self.subresource = subresource
        self.fields = fields
    }

    init?(json: JSONValue) {
        guard let manager = json["manager"]?.stringValue,
            let operation = json["operation"]?.stringValue.flatMap(Operation.init(rawValue:))
        else { return nil }
        self.manager = manager
        self.operation = operation
        apiVersion = json["apiVersion"]?.stringValue ?? ""
        time = json["time"]?.stringValue ?? ""
        subresource = json["subresource"]?.stringValue
        fields = FieldSet(fieldsV1: json["fieldsV1"] ?? .object([:]))
    }

    var json: JSONValue {
        var object: JSONObject = [
            "manager": .string(manager), "operation": .string(operation.rawValue), "apiVersion": .string(apiVersion),
            "time": .string(time), "fieldsType": "FieldsV1", "fieldsV1": fields.fieldsV1,
        ]
        if let subresource { object["subresource"] = .string(subresource) }
        return .object(object)
    }

    /// Entries are unique per manager, operation and subresource.
    func sameOwner(_ other: ManagedFieldsEntry) -> Bool {
        manager == other.manager && operation == other.operation && subresource == other.subresource
    }

    /// `"kubectl-edit" using apps/v1`, as kube names a manager in conflict messages.
    var conflictName: String { "\"\(manager)\" using \(apiVersion)" }
}

enum ManagedFields {
    static func read(_ object: KubeObject) -> [ManagedFieldsEntry] {
        (object.body[path: ["metadata", "managedFields"]]?.arrayValue ?? []).compactMap(ManagedFieldsEntry.init(json:))
    }

    static func write(_ entries: [ManagedFieldsEntry], into object: inout KubeObject) {
        let kept = entries.filter { !$0.fields.isEmpty }
        object.body.set(["metadata", "managedFields"], kept.isEmpty ? nil : .array(kept.map(\.json)))
    }

    /// Whether two entry lists say the same thing, ignoring timestamps (a no-change apply only
    /// refreshes `time`, which must not count as a change).
    static func equivalent(_ a: [ManagedFieldsEntry], _ b: [ManagedFieldsEntry]) -> Bool {
        let strip = { (entries: [ManagedFieldsEntry]) in
            entries.filter { !$0.fields.isEmpty }.map { entry -> ManagedFieldsEntry in
                var copy = entry
                copy.time = ""
                return copy
            }
        }
        return strip(a) == strip(b)
    }

    /// Records a write by `manager` (`create`, `update`, `updateStatus`): it takes the fields it
    /// changed, from whoever owned them; fields no longer in the object leave every entry.
    static func recordUpdate(_ entries: [ManagedFieldsEntry], manager: String, apiVersion: String, time: String,
        subresource: String?, changed: FieldSet, present: FieldSet) -> [ManagedFieldsEntry]
    {
        var out = entries.map { entry -> ManagedFieldsEntry in
            var copy = entry
            copy.fields = entry.fields.subtracting(changed).intersection(present)
            return copy
        }
        let mine = ManagedFieldsEntry(manager: manager, operation: .update, apiVersion: apiVersion, time: time,
            subresource: subresource, fields: changed)
        if let index = out.firstIndex(where: { $0.sameOwner(mine) }) {
            if !changed.isEmpty {
                out[index].fields = out[index].fields.union(changed)
                out[index].time = time
                out[index].apiVersion = apiVersion
            }
        } else if !changed.isEmpty {
            out.append(mine)
        }
        return out.filter { !$0.fields.isEmpty }
    }
}

/// The parts of an object that belong to the server, not to any manager: identity and
/// bookkeeping. They are left out of field sets and of applied configurations.
enum SystemFields {
    static let metadata: Set<String> = [
        "name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp", "managedFields",
        "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink",
    ]

    /// The content managers own: everything but apiVersion, kind and server metadata; without
    /// `status` when `dropStatus` (kinds whose status is a subresource).
    static func ownedContent(_ body: JSONValue, dropStatus: Bool) -> JSONValue {
        guard case .object(var object) = body else { return body }
        object["apiVersion"] = nil
        object["kind"] = nil
        if dropStatus { object["status"] = nil }
        if case .object(var metadata)? = object["metadata"] {
            for key in SystemFields.metadata { metadata[key] = nil }
            object["metadata"] = metadata.isEmpty ? nil : .object(metadata)
        }
        return .object(object)
    }

    /// Only the status, as `{"status": …}` (the content of a status-subresource write).
    static func statusContent(_ body: JSONValue) -> JSONValue {
        guard let status = body["status"] else { return .object([:]) }
        return .object(["status": status])
    }

    /// The spec-like content whose change bumps `metadata.generation`: all but metadata and status.
    static func generationContent(_ body: JSONValue) -> JSONValue {
        guard case .object(var object) = body else { return body }
        object["metadata"] = nil
        object["status"] = nil
        object["apiVersion"] = nil
        object["kind"] = nil
        return .object(object)
    }
}
