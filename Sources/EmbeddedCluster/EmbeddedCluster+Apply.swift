import Cluster
import Foundation
import GitOpsAPI

extension EmbeddedCluster {
    /// Server-side apply: `object` is the full intent of `options.fieldManager`.
    ///
    /// - Fields in the intent are set; fields this manager applied before and no longer sets are
    ///   removed unless another manager also owns them.
    /// - A field another manager owns whose live value differs from the intent is a conflict
    ///   (`.conflict`, worded as kube words it) unless `options.force`, which moves the field to
    ///   this manager.
    /// - `status` is ignored for kinds with a status subresource.
    /// - `.unchanged` means nothing was written: the resourceVersion stays as it was.
    public func apply(_ object: KubeObject, options: ApplyOptions = ApplyOptions()) throws -> ApplyResult {
        try withStore { try $0.apply(object, options: options, now: Date()) }
    }
}

extension ObjectStore {
    func apply(_ object: KubeObject, options: ApplyOptions, now: Date) throws -> ApplyResult {
        let (info, object) = try prepare(object)
        guard !object.name.isEmpty else {
            throw ClusterError(.invalid, "\(info.qualifiedKind) \"\" is invalid: metadata.name: Required value: name is required",
                object: object.id)
        }
        try validateName(of: object, kind: info)
        let manager = options.fieldManager
        let time = Timestamp.rfc3339(now)
        let intent = SystemFields.ownedContent(object.body, dropStatus: info.statusSubresource)
        let intentFields = FieldPaths.fieldSet(of: intent)
        let applied = ManagedFieldsEntry(manager: manager, operation: .apply, apiVersion: object.apiVersion, time: time,
            fields: intentFields)

        guard let live = self.object(object.id) else {
            try requireNamespace(of: object, kind: info)
            var created = object
            initializeNew(&created, kind: info, now: now)
            ManagedFields.write([applied], into: &created)
            return try perform(dryRun: options.dryRun) {
                if !options.dryRun { try commit(&created) }
                return ApplyResult(object: created, action: .created)
            }
        }

        var entries = ManagedFields.read(live)
        let liveContent = SystemFields.ownedContent(live.body, dropStatus: false)
        let conflicts = findConflicts(entries: entries, manager: manager, intent: intent, intentFields: intentFields,
            liveContent: liveContent)
        if !conflicts.isEmpty {
            guard options.force else { throw conflictError(conflicts, object: object.id) }
            // Forced: the contested fields move to this manager.
            for conflict in conflicts {
                entries[conflict.entry].fields = entries[conflict.entry].fields.subtracting(conflict.fields)
            }
        }

        let mine = entries.firstIndex { $0.sameOwner(applied) }
        let previous = mine.map { entries[$0].fields } ?? FieldSet()
        var others = FieldSet()
        for (index, entry) in entries.enumerated() where index != mine { others = others.union(entry.fields) }

        // Remove what this manager gave up (and nobody else holds), then lay the intent over.
        var body = live.body
        let removed = previous.subtracting(intentFields)
        if !removed.isEmpty { body = FieldPaths.removing(removed, keeping: others, from: body) }
        body = FieldPaths.merge(body, intent)
        var next = KubeObject(body)
        next.apiVersion = object.apiVersion

        if let mine { entries[mine] = applied } else { entries.append(applied) }
        if !removed.isEmpty {
            // Fields that left the object leave every entry.
            let present = FieldPaths.fieldSet(of: SystemFields.ownedContent(next.body, dropStatus: false))
            for index in entries.indices { entries[index].fields = entries[index].fields.intersection(present) }
        }
        ManagedFields.write(entries, into: &next)
        bumpGenerationIfNeeded(from: live, to: &next)

        if isUnchanged(next, comparedTo: live) {
            return ApplyResult(object: live.served(at: object.apiVersion), action: .unchanged)
        }
        return try perform(dryRun: options.dryRun) {
            if !options.dryRun { try commit(&next) }
            return ApplyResult(object: next, action: .configured)
        }
    }

    struct Conflict {
        /// Index of the other manager's entry.
        var entry: Int
        var fields: FieldSet
        var paths: [[PathElement]]
    }

    /// Leaves of the intent that another manager owns with a different live value. Entries of
    /// the same manager name (its own `Update` writes) never conflict with its apply.
    func findConflicts(entries: [ManagedFieldsEntry], manager: String, intent: JSONValue, intentFields: FieldSet,
        liveContent: JSONValue) -> [Conflict]
    {
        var conflicts: [Conflict] = []
        for (index, entry) in entries.enumerated() where entry.manager != manager {
            let overlap = entry.fields.intersection(intentFields)
            if overlap.isEmpty { continue }
            var contested = FieldSet()
            var paths: [[PathElement]] = []
            for path in overlap.leafPaths() {
                let theirs = FieldPaths.value(at: path, in: liveContent)
                let ours = FieldPaths.value(at: path, in: intent)
                if !sameValue(theirs, ours) {
                    contested = contested.union(FieldSet(path: path))
                    paths.append(path)
                }
            }
            if !paths.isEmpty { conflicts.append(Conflict(entry: index, fields: contested, paths: paths)) }
        }
        return conflicts
    }

    /// kube's wording: `Apply failed with 1 conflict: conflict with "kubectl-edit" using apps/v1:
    /// .spec.replicas`, or one line per path when there are several.
    func conflictError(_ conflicts: [Conflict], object id: ObjectID) -> ClusterError {
        let entries = ManagedFields.read(self.object(id) ?? KubeObject(.object([:])))
        let total = conflicts.reduce(0) { $0 + $1.paths.count }
        let display = { (path: [PathElement]) in path.map(\.display).joined() }
        var message = "Apply failed with \(total) conflict\(total == 1 ? "" : "s"): "
        if total == 1, let conflict = conflicts.first, let path = conflict.paths.first {
            message += "conflict with \(entries[conflict.entry].conflictName): \(display(path))"
        } else {
            message += conflicts.map { conflict in
                (["conflicts with \(entries[conflict.entry].conflictName):"] + conflict.paths.map { "- " + display($0) })
                    .joined(separator: "\n")
            }.joined(separator: "\n")
        }
        return ClusterError(.conflict, message, object: id)
    }
}

extension FieldSet {
    /// A set holding one path.
    init(path: [PathElement]) {
        var node = FieldSet.leaf
        for element in path.reversed() { node = FieldSet(children: [element: node]) }
        self = node
    }

    /// Member paths that are leaves (values), leaving out list items' own `"."` markers.
    func leafPaths(prefix: [PathElement] = []) -> [[PathElement]] {
        var out: [[PathElement]] = isMember && children.isEmpty && !prefix.isEmpty ? [prefix] : []
        for element in children.keys.sorted() {
            out += children[element]!.leafPaths(prefix: prefix + [element])
        }
        return out
    }
}
