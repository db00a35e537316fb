import Cluster
import Foundation
import GitOpsAPI

extension EmbeddedCluster {
    /// Deletes an object; false when it did not exist.
    ///
    /// - `Background` and `Foreground` delete dependents — objects whose
    ///   `metadata.ownerReferences[].uid` names a deleted object — recursively. Both finish
    ///   before this returns (there is no garbage collector running later).
    /// - `Orphan` keeps the dependents and removes the owner reference from them.
    /// - Deleting a Namespace deletes everything in it; deleting a CustomResourceDefinition
    ///   deletes its custom objects. The system namespaces cannot be deleted (`.forbidden`).
    /// - `metadata.finalizers` do not delay deletion here (a simplification: no controller would
    ///   ever remove them).
    @discardableResult
    public func delete(_ ref: ObjectRef, options: DeleteOptions = DeleteOptions()) throws -> Bool {
        try withStore { try $0.delete(ref, options: options) }
    }
}

extension ObjectStore {
    func delete(_ ref: ObjectRef, options: DeleteOptions) throws -> Bool {
        let (info, id) = try resolve(ref)
        guard let target = object(id) else { return false }
        if info.group.isEmpty, info.kind == "Namespace", EmbeddedCluster.systemNamespaces.contains(id.name) {
            throw ClusterError(.forbidden, "namespaces \"\(id.name)\" is forbidden: this namespace may not be deleted", object: id)
        }

        var victims: [ObjectID] = [id]
        var seen: Set<ObjectID> = [id]
        func add(_ other: ObjectID) {
            if seen.insert(other).inserted { victims.append(other) }
        }
        if info.group.isEmpty, info.kind == "Namespace" {
            for (_, objects) in objects.sorted(by: { ($0.key.group, $0.key.kind) < ($1.key.group, $1.key.kind) }) {
                for (key, object) in objects.sorted(by: { $0.key < $1.key }) where key.namespace == id.name { add(object.id) }
            }
        }
        if info.group == "apiextensions.k8s.io", info.kind == "CustomResourceDefinition",
            let custom = KindInfo.declared(by: target)
        {
            for object in objects(of: GroupKind(group: custom.group, kind: custom.kind)).values { add(object.id) }
        }

        // Dependents: the target's are orphaned or deleted; everything else deleted cascades.
        var orphans: [ObjectID] = []
        var index = 0
        while index < victims.count {
            let victim = victims[index]
            index += 1
            guard let uid = object(victim)?.uid, let owned = dependents[uid] else { continue }
            for dependent in owned.sorted() {
                if options.propagationPolicy == .orphan && victim == id {
                    orphans.append(dependent)
                } else {
                    add(dependent)
                }
            }
        }
        if options.dryRun { return true }

        try write {
            let ownerUID = target.uid
            for orphan in orphans where !seen.contains(orphan) {
                guard var dependent = object(orphan) else { continue }
                let references = (dependent.body[path: ["metadata", "ownerReferences"]]?.arrayValue ?? [])
                    .filter { $0["uid"]?.stringValue != ownerUID }
                dependent.body.set(["metadata", "ownerReferences"], references.isEmpty ? nil : .array(references))
                try commit(&dependent)
            }
            // Each deletion takes a resourceVersion, so a poller notices it.
            for victim in victims.reversed() {
                _ = nextResourceVersion()
                try remove(victim)
            }
        }
        return true
    }
}
