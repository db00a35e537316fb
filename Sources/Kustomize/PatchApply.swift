import GitOpsAPI
import YAML

/// `options:` of a `patches` entry.
struct PatchOptions {
    var allowNameChange = false
    var allowKindChange = false
}

/// Loading patches and applying one to one resource, the way kustomize's `Resource.ApplySmPatch`
/// and the `patchjson6902` filter do.
enum PatchApply {
    /// The objects of a strategic-merge patch text (several documents; `List` kinds flattened).
    static func resources(_ text: String, source: String, file: String = "") throws -> [KubeObject] {
        var out: [KubeObject] = []
        for doc in try KYAML.parseDocuments(text, file: source) {
            switch doc.value {
            case .null: continue
            case .object:
                let object = KubeObject(stringifyAnnotations(doc.value))
                if object.kind.hasSuffix("List"), let items = object.body["items"]?.arrayValue {
                    out += items.map(KubeObject.init)
                } else {
                    out.append(object)
                }
            default:
                throw BuildError.invalid(file: file, message: "\(source):\(doc.line): a strategic-merge patch is a Kubernetes object (a map), found \(doc.value.typeName)")
            }
        }
        return out
    }

    /// kyaml's reader makes annotation values strings (`null` becomes "null"); label values
    /// stay as written (kubectl prints a patch's `r: 5` label unquoted).
    static func stringifyAnnotations(_ value: JSONValue) -> JSONValue {
        guard let annotations = value[path: ["metadata", "annotations"]]?.objectValue,
              annotations.values.contains(where: { $0.stringValue == nil }) else { return value }
        var fixed = JSONObject()
        for (key, v) in annotations {
            switch v {
            case .null: fixed[key] = "null"
            case .int(let i): fixed[key] = .string(String(i))
            case .bool(let b): fixed[key] = .string(b ? "true" : "false")
            case .double(let d): fixed[key] = .string(JSONValue.double(d).jsonString())
            default: fixed[key] = v
            }
        }
        var out = value
        out.set(["metadata", "annotations"], .object(fixed))
        return out
    }

    /// Whether a `patches` text is a JSON 6902 patch: a list (kustomize tries both readings and
    /// a list is never a resource).
    static func isOperationList(_ text: String) -> Bool {
        if text.hasPrefix("[") { return true }
        guard let value = try? KYAML.parse(text) else { return false }
        return value.arrayValue != nil
    }

    /// The one resource a patch without a target names by its own apiVersion, kind, name and
    /// namespace, under any name it has had (kustomize's `GetById(patch.OrgId())`).
    static func uniqueTarget(_ patch: KubeObject, in objects: [KubeObject], source: String, file: String) throws -> Int {
        let id = PatchResID(patch)
        let matches = objects.indices.filter { i in PatchResID.all(objects[i]).contains { $0.matches(id) } }
        if matches.count == 1 { return matches[0] }
        let what = matches.isEmpty ? "no matches" : "multiple matches"
        let hint = matches.isEmpty
            ? "check the patch's apiVersion, kind, metadata.name and namespace against the resources"
            : "give the patch a namespace, or use patches with a target"
        throw BuildError.invalid(file: file, message: "\(source): \(what) for Id \(id); failed to find unique target for patch \(id); \(hint)")
    }

    /// Merges `patch` into the object at `index` (removing it when the patch deletes it). The
    /// object keeps its name, kind and namespace unless the options allow a change; a change
    /// records the old id so references follow.
    static func strategicMerge(_ patchIn: KubeObject, at index: Int, adoptTargetType: Bool, merge: StrategicMerge, options: PatchOptions,
                               source: String, context: inout BuildContext) throws {
        var patch = patchIn
        var object = context.objects[index]
        if adoptTargetType {
            // kustomize's ResMap.ApplySmPatch gives the patch copy the target's apiVersion.
            patch.body["apiVersion"] = .string(object.apiVersion)
        }
        let (name, namespace, kind) = (object.name, object.namespace, object.kind)
        if options.allowNameChange || options.allowKindChange { ResourceIdentity.recordCurrent(&object) }
        let merged: JSONValue?
        do {
            merged = try merge.apply(patch.body, to: object.body)
        } catch let failure as StrategicMerge.Failure {
            throw BuildError.invalid(file: context.file.path, message: "\(source): cannot patch \(object.id): \(failure.message)")
        }
        guard let merged else {
            context.objects.remove(at: index)
            return
        }
        object.body = merged
        if !options.allowKindChange { object.body["kind"] = .string(kind) }
        if !options.allowNameChange { object.body.set(["metadata", "name"], .string(name)) }
        if let namespace, !namespace.isEmpty {
            object.body.set(["metadata", "namespace"], .string(namespace))
        } else if object.body[path: ["metadata", "namespace"]] != nil {
            object.body.set(["metadata", "namespace"], nil)
        }
        context.objects[index] = object
    }

    /// Applies a JSON patch to the object at `index`, keeping kustomize's internal annotations.
    static func json(_ patch: JSONPatch, at index: Int, source: String, context: inout BuildContext) throws {
        let object = context.objects[index]
        let kept = object.annotations.filter { $0.key.hasPrefix(ResourceIdentity.prefix) }
        var body: JSONValue
        do {
            body = try patch.apply(to: object.body)
        } catch let failure as JSONPatch.Failure {
            throw BuildError.invalid(file: context.file.path, message: "\(source): cannot apply the JSON patch to \(object.id): \(failure.message)")
        }
        guard case .object = body else {
            throw BuildError.invalid(file: context.file.path, message: "\(source): the JSON patch left \(object.id) as \(body.typeName), not an object")
        }
        // kustomize resets the annotations to the patched ones plus the internal ones; an empty
        // map is dropped.
        var annotations = body[path: ["metadata", "annotations"]]?.objectValue ?? [:]
        for key in kept.keys.sorted() { annotations[key] = .string(kept[key]!) }
        if annotations.isEmpty {
            if body[path: ["metadata", "annotations"]] != nil { body.set(["metadata", "annotations"], nil) }
        } else {
            body.set(["metadata", "annotations"], .object(annotations))
        }
        context.objects[index] = KubeObject(body)
    }
}

extension PatchApply {
    /// Reads a patch file within the load restrictions; a refused path is reported in
    /// kustomize's words ("security; file … is not in or below …").
    static func readFile(_ path: String, context: BuildContext) throws -> String {
        do {
            return try context.readFile(path)
        } catch BuildError.outsideRoot {
            let full = Builder.canonical(path.hasPrefix("/") ? path : context.directory + "/" + path)
            throw BuildError.invalid(file: context.file.path, message: "security; file '\(full)' is not in or below '\(context.directory)'; keep patches under the kustomization's directory, or build with --load-restrictor=LoadRestrictionsNone")
        }
    }
}
