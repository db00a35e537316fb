import GitOpsAPI
import YAML

extension Generators {
    /// Adds a generated object to the resources the way kustomize's `appendReplaceOrMerge` does:
    /// - no resource has its id (now or before a rename): `create` appends it; `merge` and
    ///   `replace` are errors;
    /// - one has: `replace` takes its place, `merge` also keeps the old data keys the new object
    ///   does not set; either way it keeps the old name, namespace and build history;
    /// - more than one: ambiguous, an error.
    static func absorb(_ object: KubeObject, into context: inout BuildContext) throws {
        var object = object
        if let origin = context.generatorOrigin, object.annotations[ResourceIdentity.origin] == nil {
            object.setAnnotation(ResourceIdentity.origin, YAML.emit(origin))
        }
        let id = ResID.current(object)
        let behavior = object.annotations[ResourceIdentity.behavior] ?? "unspecified"
        let matches = context.objects.indices.filter { i in
            // A cheap look at the names first: only objects that are or were called this.
            let object = context.objects[i]
            guard object.name == id.name
                || (object.body[path: ["metadata", "annotations", ResourceIdentity.previousNames]]?.stringValue?.contains(id.name) ?? false)
            else { return false }
            return (ResID.previous(object) + [ResID.current(object)]).contains { $0.equals(id) }
        }
        switch matches.count {
        case 0:
            guard behavior != "merge" && behavior != "replace" else {
                throw BuildError.invalid(file: context.file.path, message: "generator for \(id) has behavior \(behavior), but no resource with that id exists; cannot merge or replace (use behavior: create, or add the base that defines it)")
            }
            context.objects.append(object)
        case 1:
            let index = matches[0]
            let old = context.objects[index]
            var merged = object
            switch behavior {
            case "replace":
                copyMergeMetadata(into: &merged, from: old, keepOldOrigin: false)
            case "merge":
                copyMergeMetadata(into: &merged, from: old, keepOldOrigin: true)
                mergeStringMap("data", into: &merged, from: old)
                mergeStringMap("binaryData", into: &merged, from: old)
            default:
                throw BuildError.invalid(file: context.file.path, message: "generator for \(id): a resource with this id exists; behavior must be merge or replace (or give the generator another name)")
            }
            context.objects[index] = merged
        default:
            throw BuildError.invalid(file: context.file.path, message: "found multiple objects that could accept merge of \(id): \(matches.map { ResID.current(context.objects[$0]).description }.joined(separator: ", "))")
        }
    }

    /// kustomize's `CopyMergeMetaDataFieldsFrom`: labels and annotations merged (the new ones
    /// win), build bookkeeping taken from the old object only (and the hash request kept only
    /// when both ask for it), name and namespace from the old object.
    static func copyMergeMetadata(into new: inout KubeObject, from old: KubeObject, keepOldOrigin: Bool) {
        new.labels = old.labels.merging(new.labels) { _, n in n }
        let newAnnotations = new.annotations
        let oldAnnotations = old.annotations
        func isBuild(_ key: String) -> Bool { key.hasPrefix(ResourceIdentity.prefix) || key == ResourceIdentity.behavior }
        var annotations = oldAnnotations.filter { !isBuild($0.key) }.merging(newAnnotations.filter { !isBuild($0.key) }) { _, n in n }
        for (k, v) in oldAnnotations where isBuild(k) { annotations[k] = v }
        if newAnnotations[ResourceIdentity.needsHash] == nil { annotations[ResourceIdentity.needsHash] = nil }
        // Where the object came from: kustomize keeps the old origin on merge; on replace the
        // new object's wins.
        let origin = ResourceIdentity.origin
        annotations[origin] = keepOldOrigin ? (oldAnnotations[origin] ?? newAnnotations[origin]) : (newAnnotations[origin] ?? oldAnnotations[origin])
        new.annotations = annotations
        new.name = old.name
        new.namespace = old.namespace
    }

    /// `MergeDataMapFrom`: the old map's entries under the new ones, every value as its text.
    static func mergeStringMap(_ field: String, into new: inout KubeObject, from old: KubeObject) {
        var result = JSONObject()
        for source in [old.body[field], new.body[field]] {
            for (k, v) in source?.objectValue ?? [:] { result[k] = .string(scalarText(v)) }
        }
        new.body[field] = result.isEmpty ? nil : .object(result)
    }

    static func scalarText(_ v: JSONValue) -> String {
        switch v {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .bool(let b): return b ? "true" : "false"
        case .double: return v.jsonString()
        case .null: return ""
        default: return v.jsonString()
        }
    }
}
