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
    /// - Parameter plainDirectory: what a directory without a kustomization file means: Flux's
    ///   generated kustomization of every YAML file under it (`true`, the agent), or an error
    ///   as `kubectl kustomize` gives (`false`, `gitops build`).
    /// - Parameter overrides: Flux's Kustomization-level options, written into the top-level
    ///   kustomization before it is built.
    public func build(_ directory: String, plainDirectory: Bool = false, overrides: TopLevelOverrides? = nil) throws -> [KubeObject] {
        let dir = directory.hasPrefix("/") ? Builder.canonical(directory) : Builder.canonical(root + "/" + directory)
        try checkInside(dir, boundary: root)
        var context: BuildContext
        if let file = kustomizationFile(in: dir) {
            context = try load(dir: dir, file: file, visiting: [])
            if let overrides { context.file = context.file.applying(overrides) }
            context.originPath = BuildMetadata.tracksOrigins(context.file) ? "" : nil
            try runPipeline(&context)
        } else if !plainDirectory {
            throw BuildError.missing(file: relative(dir), message:
                "unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '\(dir)'; add a kustomization.yaml that lists the resources")
        } else {
            // Flux generates a kustomization listing every manifest when there is none.
            var visiting: Set<String> = []
            let objects = try readPlainDirectory(dir, visiting: &visiting)
            var generated = KustomizationFile(path: relative(dir))
            if let overrides { generated = generated.applying(overrides) }
            context = BuildContext(file: generated, directory: dir, builder: self, objects: objects,
                                   config: Defaults.transformerConfig, vars: [], visiting: [dir])
            // The manifests are its resources; the rest of the pipeline runs as for any kustomization.
            try runPipeline(&context)
        }
        try checkDuplicates(context.objects, in: dir)
        return try finish(&context)
    }

    func kustomizationFile(in dir: String) -> String? {
        let found = KustomizationFile.fileNames.map { dir + "/" + $0 }.filter { FileManager.default.fileExists(atPath: $0) }
        return found.first
    }

    /// Reads a kustomization file into a fresh context (no resources yet).
    func load(dir: String, file: String, visiting: Set<String>) throws -> BuildContext {
        guard !visiting.contains(dir) else { throw BuildError.cycle(file: relative(file)) }
        if KustomizationFile.fileNames.map({ dir + "/" + $0 }).filter({ FileManager.default.fileExists(atPath: $0) }).count > 1 {
            throw BuildError.invalid(file: relative(dir), message: "Found multiple kustomization files (\(KustomizationFile.fileNames.joined(separator: ", "))); keep only one")
        }
        let kfile = try KustomizationFile(text: try read(file), path: relative(file))
        return BuildContext(file: kfile, directory: dir, builder: self, objects: [], config: Defaults.transformerConfig,
                            vars: [], visiting: visiting.union([dir]))
    }

    /// Builds a base, overlay or component directory named by `path` from `parent`'s
    /// directory, through the whole per-kustomization pipeline (not the finishing steps).
    func buildNested(_ path: String, from parent: BuildContext) throws -> BuildContext {
        let dir = Builder.canonical(path.hasPrefix("/") ? path : parent.directory + "/" + path)
        try checkInside(dir, boundary: root, file: parent.file.path)
        guard let file = kustomizationFile(in: dir) else {
            throw BuildError.missing(file: parent.file.path, message: "\(path) has no kustomization.yaml; add one that lists its files")
        }
        var context = try load(dir: dir, file: file, visiting: parent.visiting)
        context.originPath = parent.originPath.map { BuildMetadata.join($0, path) }
        try runPipeline(&context)
        return context
    }

    /// `resources:` (and the deprecated `bases:`, which kustomize appends to `resources`):
    /// files are read, directories are built as kustomizations — each independently, with its
    /// own pipeline — and their results, tables and vars merged in, in the order listed.
    /// Every resource is appended with kustomize's id check (`resWrangler.Append`): one whose
    /// kind, name and namespace are already registered is an error, so the same base reached
    /// twice (a diamond) fails unless the paths renamed or moved its resources apart.
    func accumulateResources(_ context: inout BuildContext) throws {
        let kfile = context.file
        let dir = context.directory
        var entries = kfile.resources
        if let bases = kfile.raw["bases"]?.arrayValue { entries += bases.compactMap(\.stringValue) }
        for resource in entries {
            if resource.contains("://") || resource.hasPrefix("git::") || resource.hasPrefix("github.com/") {
                throw BuildError.remote(file: kfile.path, resource: resource)
            }
            let path = Builder.canonical(resource.hasPrefix("/") ? resource : dir + "/" + resource)
            try checkInside(path, boundary: root, file: kfile.path)
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
                throw BuildError.missing(file: kfile.path, message: "accumulating resources: resource \(resource) not found (looked for \(relative(path)))")
            }
            if isDir.boolValue {
                guard let nestedFile = kustomizationFile(in: path) else {
                    throw BuildError.missing(file: kfile.path, message: "accumulating resources: resource directory \(resource) has no kustomization.yaml; add one that lists its files")
                }
                var nested = try load(dir: path, file: nestedFile, visiting: context.visiting)
                // kustomize (accumulateDirectory): a Component is applied through `components:`,
                // never built on its own as a base.
                if nested.file.isComponent {
                    throw BuildError.invalid(file: kfile.path, message: "accumulating resources: expected kind != 'Component' for path '\(path)'; list \(resource) under components: instead")
                }
                nested.originPath = context.originPath.map { BuildMetadata.join($0, resource) }
                try runPipeline(&nested)
                try Accumulator.append(nested.objects, to: &context.objects, file: kfile.path)
                context.config.merge(nested.config)
                try Vars.merge(nested.vars, into: &context.vars, file: kfile.path)
            } else {
                // kustomize's LoadRestrictionsRootOnly: a file must sit under the kustomization
                // that lists it; another kustomization directory (a base) may be anywhere under the root.
                if loadRestrictor == .rootOnly { try checkInside(path, boundary: dir, file: kfile.path) }
                var objects = try readManifests(path)
                if let origin = context.originPath {
                    BuildMetadata.recordOrigin(.object(["path": .string(BuildMetadata.join(origin, resource))]), on: &objects)
                }
                try Accumulator.append(objects, to: &context.objects, file: kfile.path)
            }
        }
    }

    /// Reads a file named in a kustomization (a patch, a generator source, a configuration),
    /// within the load restrictions.
    func readFile(_ path: String, from dir: String, file: String) throws -> String {
        let full = Builder.canonical(path.hasPrefix("/") ? path : dir + "/" + path)
        try checkInside(full, boundary: root, file: file)
        if loadRestrictor == .rootOnly { try checkInside(full, boundary: dir, file: file) }
        guard FileManager.default.fileExists(atPath: full) else {
            throw BuildError.missing(file: file, message: "\(path) not found (looked for \(relative(full)))")
        }
        return try read(full)
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
                    // Built as a base of Flux's generated kustomization: the finishing steps run
                    // once, over everything.
                    var context = try load(dir: Builder.canonical(path), file: nested, visiting: visiting)
                    try runPipeline(&context)
                    objects += context.objects
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
        for doc in try KYAML.parseDocuments(try read(path), file: file) {
            guard case .object = doc.value else {
                throw BuildError.invalid(file: "\(file):\(doc.line)", message: "expected a Kubernetes object (a map), found \(doc.value.typeName)")
            }
            var object = KubeObject(doc.value)
            Self.stringifyMetadataMaps(&object)
            if object.kind.hasSuffix("List"), let items = object.body["items"]?.arrayValue {
                out += items.map(KubeObject.init)
                continue
            }
            // kustomize accepts an object without apiVersion (it is then of the core group).
            guard !object.kind.isEmpty else {
                throw BuildError.invalid(file: "\(file):\(doc.line)", message: "object has no kind; every Kubernetes object needs apiVersion and kind")
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

    /// The id check of the last accumulation, for Flux's generated kustomization of a plain
    /// directory (every manifest appended to one resource list). A kustomization's resources were
    /// checked as they were appended (`accumulateResources`); kustomize does not check again after
    /// its transformers, so neither does this.
    func checkDuplicates(_ objects: [KubeObject], in dir: String) throws {
        guard kustomizationFile(in: dir) == nil else { return }
        var checked: [KubeObject] = []
        try Accumulator.append(objects, to: &checked, file: relative(dir))
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
