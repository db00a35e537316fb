import Cluster
import Foundation
import GitOpsAPI

extension EmbeddedCluster {
    /// Creates an object (`POST`). `metadata.generateName` gives a unique name when `name` is
    /// empty. The field manager gets an `Update` entry in `managedFields` for every field set.
    public func create(_ object: KubeObject, options: WriteOptions = WriteOptions()) throws -> KubeObject {
        try withStore { try $0.create(object, options: options, now: Date()) }
    }

    /// Replaces an object (`PUT`): `.conflict` when `metadata.resourceVersion` is set and stale;
    /// status is kept for kinds with a status subresource. The manager takes ownership of the
    /// fields it changed. Writing what is already stored changes nothing, not even the
    /// resourceVersion.
    public func update(_ object: KubeObject, options: WriteOptions = WriteOptions()) throws -> KubeObject {
        try withStore { try $0.update(object, options: options, statusOnly: false, now: Date()) }
    }

    /// Replaces only the status (`PUT …/status`); for kinds without a status subresource the
    /// API server has no such endpoint, so this is `.notFound`.
    public func updateStatus(_ object: KubeObject, options: WriteOptions = WriteOptions()) throws -> KubeObject {
        try withStore { try $0.update(object, options: options, statusOnly: true, now: Date()) }
    }
}

extension ObjectStore {
    func create(_ object: KubeObject, options: WriteOptions, now: Date) throws -> KubeObject {
        var (info, object) = try prepare(object)
        if object.name.isEmpty {
            guard let prefix = object.body[path: ["metadata", "generateName"]]?.stringValue, !prefix.isEmpty else {
                throw ClusterError(.invalid,
                    "\(info.qualifiedKind) \"\" is invalid: metadata.name: Required value: name or generateName is required",
                    object: object.id)
            }
            object.name = generatedName(prefix: prefix, kind: info, namespace: object.namespace ?? "")
        }
        try validateName(of: object, kind: info)
        try requireNamespace(of: object, kind: info)
        guard self.object(object.id) == nil else {
            throw ClusterError(.alreadyExists, "\(info.qualifiedPlural) \"\(object.name)\" already exists", object: object.id)
        }
        initializeNew(&object, kind: info, now: now)
        let fields = FieldPaths.fieldSet(of: SystemFields.ownedContent(object.body, dropStatus: false))
        let entries = ManagedFields.recordUpdate([], manager: options.fieldManager, apiVersion: object.apiVersion,
            time: Timestamp.rfc3339(now), subresource: nil, changed: fields, present: fields)
        ManagedFields.write(entries, into: &object)
        return try perform(dryRun: options.dryRun) {
            if !options.dryRun { try commit(&object) }
            return object
        }
    }

    /// `prefix` plus five random characters, as the API server does (vowels left out so no words
    /// are spelled), retried until unused.
    private func generatedName(prefix: String, kind: KindInfo, namespace: String) -> String {
        let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
        while true {
            let name = prefix + String((0..<5).map { _ in alphabet.randomElement()! })
            let id = ObjectID(group: kind.group, kind: kind.kind, namespace: namespace, name: name)
            if object(id) == nil { return name }
        }
    }

    func update(_ object: KubeObject, options: WriteOptions, statusOnly: Bool, now: Date) throws -> KubeObject {
        let (info, object) = try prepare(object)
        guard let live = self.object(object.id) else { throw notFound(info, object.id) }
        if statusOnly && !info.statusSubresource {
            throw ClusterError(.notFound, "the server could not find the requested resource (\(info.qualifiedPlural) has no status subresource)",
                object: object.id)
        }
        if let expected = object.resourceVersion, !expected.isEmpty, expected != live.resourceVersion {
            throw ClusterError(.conflict,
                "Operation cannot be fulfilled on \(info.qualifiedPlural) \"\(object.name)\": the object has been modified; please apply your changes to the latest version and try again",
                object: object.id)
        }
        var next: KubeObject
        if statusOnly {
            next = live
            next.status = object.status
        } else {
            next = object
            keepSystemMetadata(of: live, in: &next)
            if info.statusSubresource { next.status = live.status }
            bumpGenerationIfNeeded(from: live, to: &next)
        }
        // Ownership: the writer takes what it changed; fields that vanished leave every entry.
        let content = { (o: KubeObject) in
            statusOnly ? SystemFields.statusContent(o.body) : SystemFields.ownedContent(o.body, dropStatus: info.statusSubresource)
        }
        let changed = FieldPaths.changedFields(from: content(live), to: content(next))
        let present = FieldPaths.fieldSet(of: SystemFields.ownedContent(next.body, dropStatus: false))
        let entries = ManagedFields.recordUpdate(ManagedFields.read(live), manager: options.fieldManager,
            apiVersion: object.apiVersion, time: Timestamp.rfc3339(now), subresource: statusOnly ? "status" : nil,
            changed: changed, present: present)
        ManagedFields.write(entries, into: &next)
        next.apiVersion = object.apiVersion
        if isUnchanged(next, comparedTo: live) { return live.served(at: object.apiVersion) }
        return try perform(dryRun: options.dryRun) {
            if !options.dryRun { try commit(&next) }
            return next
        }
    }
}
