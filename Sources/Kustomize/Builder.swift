import Foundation
import GitOpsAPI
import YAML

/// Builds a directory the way `kubectl kustomize` does (the parts implemented so far), and a
/// directory without a kustomization file the way Flux does: every YAML file under it.
///
/// The pipeline follows kustomize's `api/internal/target`: accumulate resources (files, then
/// nested kustomizations, each built first) → transform (namespace, prefix/suffix, labels,
/// annotations, replicas, images) → sort in legacy order. Each transformer lives in its own file.
public struct Builder: Sendable {
    /// kustomize's `--load-restrictor`.
    public enum LoadRestrictor: String, Sendable {
        /// A file must sit under the kustomization that lists it (kustomize's default).
        case rootOnly = "LoadRestrictionsRootOnly"
        case none = "LoadRestrictionsNone"
    }

    /// Nothing is ever read outside this directory (the artifact, for the agent), whatever the
    /// restrictor says; symlinks are resolved before the check.
    public var root: String
    public var loadRestrictor: LoadRestrictor

    public init(root: String, loadRestrictor: LoadRestrictor = .rootOnly) {
        self.root = Builder.canonical(root)
        self.loadRestrictor = loadRestrictor
    }

    /// Builds `directory` (absolute, or relative to the root).
    public func build(_ directory: String) throws -> [KubeObject] {
        let dir = directory.hasPrefix("/") ? Builder.canonical(directory) : Builder.canonical(root + "/" + directory)
        try checkInside(dir, boundary: root)
        var visiting: Set<String> = []
        var objects: [KubeObject]
        if let file = kustomizationFile(in: dir) {
            objects = try buildKustomization(dir: dir, file: file, visiting: &visiting)
        } else {
            // Flux generates a kustomization listing every manifest when there is none.
            objects = try readPlainDirectory(dir, visiting: &visiting)
        }
        try checkDuplicates(objects, in: dir)
        LegacyOrder.sort(&objects)
        // kustomize prints maps with sorted keys (its resources pass through Go maps).
        return objects.map { KubeObject($0.body.sortedKeys()) }
    }

    func kustomizationFile(in dir: String) -> String? {
        let found = KustomizationFile.fileNames.map { dir + "/" + $0 }.filter { FileManager.default.fileExists(atPath: $0) }
        return found.first
    }

    func buildKustomization(dir: String, file: String, visiting: inout Set<String>) throws -> [KubeObject] {
        guard visiting.insert(dir).inserted else { throw BuildError.cycle(file: relative(file)) }
        defer { visiting.remove(dir) }
        if KustomizationFile.fileNames.map({ dir + "/" + $0 }).filter({ FileManager.default.fileExists(atPath: $0) }).count > 1 {
            throw BuildError.invalid(file: relative(dir), message: "found multiple kustomization files; keep only one")
        }
        let kfile = try KustomizationFile(text: try read(file), path: relative(file))
        var objects: [KubeObject] = []
        for resource in kfile.resources {
            if resource.contains("://") || resource.hasPrefix("git::") || resource.hasPrefix("github.com/") {
                throw BuildError.remote(file: kfile.path, resource: resource)
            }
            let path = Builder.canonical(resource.hasPrefix("/") ? resource : dir + "/" + resource)
            try checkInside(path, boundary: root, file: kfile.path)
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
                throw BuildError.missing(file: kfile.path, message: "resource \(resource) not found (looked for \(relative(path)))")
            }
            // kustomize's LoadRestrictionsRootOnly: a file must sit under the kustomization that
            // lists it; another kustomization directory (a base) may be anywhere under the root.
            if !isDir.boolValue, loadRestrictor == .rootOnly { try checkInside(path, boundary: dir, file: kfile.path) }
            if isDir.boolValue {
                guard let nested = kustomizationFile(in: path) else {
                    throw BuildError.missing(file: kfile.path, message: "resource directory \(resource) has no kustomization.yaml; add one that lists its files")
                }
                objects += try buildKustomization(dir: path, file: nested, visiting: &visiting)
            } else {
                objects += try readManifests(path)
            }
        }
        try Transformers.apply(kfile, to: &objects)
        return objects
    }

    /// Flux's generated kustomization: every `.yaml`/`.yml` file, recursively; a subdirectory with
    /// its own kustomization file is built as a kustomization and not walked into.
    func readPlainDirectory(_ dir: String, visiting: inout Set<String>) throws -> [KubeObject] {
        var objects: [KubeObject] = []
        let entries = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        for entry in entries where !entry.hasPrefix(".") {
            let path = dir + "/" + entry
            var isDir: ObjCBool = false
            FileManager.default.fileExists(atPath: path, isDirectory: &isDir)
            if isDir.boolValue {
                try checkInside(Builder.canonical(path), boundary: dir)
                if let nested = kustomizationFile(in: path) {
                    objects += try buildKustomization(dir: path, file: nested, visiting: &visiting)
                } else {
                    objects += try readPlainDirectory(path, visiting: &visiting)
                }
            } else if entry.hasSuffix(".yaml") || entry.hasSuffix(".yml") {
                try checkInside(Builder.canonical(path), boundary: dir)
                objects += try readManifests(path)
            }
        }
        return objects
    }

    /// The Kubernetes objects of one file; `List` kinds are flattened as kustomize does.
    func readManifests(_ path: String) throws -> [KubeObject] {
        let file = relative(path)
        var out: [KubeObject] = []
        for doc in try YAML.parseDocuments(try read(path), file: file) {
            guard case .object = doc.value else {
                throw BuildError.invalid(file: "\(file):\(doc.line)", message: "expected a Kubernetes object (a map), found \(doc.value.typeName)")
            }
            var object = KubeObject(doc.value)
            Self.stringifyMetadataMaps(&object)
            if object.kind.hasSuffix("List"), let items = object.body["items"]?.arrayValue {
                out += items.map(KubeObject.init)
                continue
            }
            guard !object.apiVersion.isEmpty, !object.kind.isEmpty else {
                throw BuildError.invalid(file: "\(file):\(doc.line)", message: "object has no apiVersion or kind")
            }
            guard !object.name.isEmpty else {
                throw BuildError.invalid(file: "\(file):\(doc.line)", message: "\(object.kind) has no metadata.name")
            }
            out.append(object)
        }
        return out
    }

    /// Label and annotation values are strings in the API; kustomize prints `port: 8080` in an
    /// annotation as `"8080"` (corpus basic_io), so non-string scalars are converted on read.
    static func stringifyMetadataMaps(_ object: inout KubeObject) {
        for key in ["labels", "annotations"] {
            guard let map = object.body[path: ["metadata", key]]?.objectValue,
                  map.values.contains(where: { $0.stringValue == nil }) else { continue }
            var fixed = JSONObject()
            for (k, v) in map {
                switch v {
                case .int(let i): fixed[k] = .string(String(i))
                case .bool(let b): fixed[k] = .string(b ? "true" : "false")
                case .double(let d): fixed[k] = .string(JSONValue.double(d).jsonString())
                case .null: fixed[k] = .string("")
                default: fixed[k] = v
                }
            }
            object.body.set(["metadata", key], .object(fixed))
        }
    }

    func checkDuplicates(_ objects: [KubeObject], in dir: String) throws {
        var seen: Set<ObjectID> = []
        for object in objects where !seen.insert(object.id).inserted {
            throw BuildError.invalid(file: relative(dir), message: "may not add resource with an already registered id: \(object.id)")
        }
    }

    func read(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BuildError.missing(file: relative(path), message: "cannot read file")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Refuses paths that leave `boundary`, symlinks included (the path is resolved first).
    func checkInside(_ path: String, boundary: String, file: String? = nil) throws {
        let resolved = Builder.canonical(URL(fileURLWithPath: path).resolvingSymlinksInPath().path)
        let limit = Builder.canonical(URL(fileURLWithPath: boundary).resolvingSymlinksInPath().path)
        if resolved != limit && !resolved.hasPrefix(limit + "/") && limit != "/" {
            throw BuildError.outsideRoot(file: file ?? relative(boundary), path: relative(path))
        }
    }

    /// A path relative to the root, for messages.
    func relative(_ path: String) -> String {
        if path == root { return "." }
        return path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : path
    }

    /// Removes `.` and `..` components and duplicate slashes without touching the file system.
    static func canonical(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." || part.isEmpty { continue }
            if part == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }
}
