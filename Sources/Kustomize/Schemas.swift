import Foundation
import GitOpsAPI
import YAML

/// `openapi:` and `crds:`.
/// - `openapi: {path: FILE}` replaces kustomize's built-in Kubernetes schema for strategic-merge
///   patches (custom kinds get merge keys); `openapi: {version: v1.21.2}` picks the built-in one.
///   kustomize keeps one schema per build: the top kustomization's wins, else the first base or
///   component that sets one (kyaml's global `openapi.SetSchema`).
/// - `crds:` reads OpenAPI definitions of custom kinds and adds the fields they tag
///   (`x-kubernetes-object-ref-*`, `x-kubernetes-annotation`, `x-kubernetes-label-selector`,
///   `x-kubernetes-identity`) to the transformer tables (`LoadConfigFromCRDs`).
enum Schemas {
    static let builtinVersions: Set<String> = ["v1.21.2", "v1212"]

    static func load(_ context: inout BuildContext) throws {
        _ = try openAPIChoice(context.file.raw, file: context.file.path)
        if let path = openAPIPath(context.file.raw) { _ = try context.readFile(path) }
        if let crds = context.file.raw["crds"] {
            guard let paths = crds.arrayValue?.compactMap(\.stringValue) else {
                throw BuildError.invalid(file: context.file.path, message: "crds: expected a list of file paths")
            }
            for path in paths {
                let config = try CRDConfig.load(try context.readFile(path), file: "\(context.file.path): crds \(path)")
                context.config.merge(config)
            }
        }
    }

    static func openAPIPath(_ raw: JSONObject) -> String? { raw["openapi"]?["path"]?.stringValue }

    /// Checks an `openapi:` field; true when it names a schema (path or version).
    static func openAPIChoice(_ raw: JSONObject, file: String) throws -> Bool {
        guard let field = raw["openapi"], !field.isNull else { return false }
        guard case .object(let o) = field else {
            throw BuildError.invalid(file: file, message: "openapi: expected a map with path or version")
        }
        let path = o["path"]?.stringValue
        let version = o["version"]?.stringValue
        if path != nil && version != nil {
            throw BuildError.invalid(file: file, message: "openapi: builtin version and custom schema provided, cannot use both; keep one of path and version")
        }
        if let version, !builtinVersions.contains(version) {
            throw BuildError.invalid(file: file, message: "openapi: the specified OpenAPI version \(version) is not built in; use v1.21.2 or give a schema file with path")
        }
        return path != nil || version != nil
    }

    /// The schema strategic-merge patches of this kustomization use. kyaml keeps one schema
    /// per build, set by the top kustomization's `openapi:` or else by the first base or
    /// component loaded that has one; by the time a kustomization patches, every kustomization
    /// before it in load order (its own bases included) has been loaded. A schema file set
    /// after kustomize has read some resources is combined with the built-in schema, whose
    /// definitions win (kyaml parses the built-in one late, "delayed", in that case).
    static func schema(for context: BuildContext) throws -> OpenAPISchema {
        let root = try chain(context).first ?? context.directory
        var order: [(dir: String, resourcesRead: Bool)] = []
        var resourcesRead = false
        var end: Int?
        func visit(_ dir: String, _ path: [String]) {
            guard order.count < 512, !path.contains(dir), let (raw, _) = rawKustomization(in: dir, context: context) else { return }
            order.append((dir, resourcesRead))
            for key in ["resources", "bases", "components"] {
                for entry in raw[key]?.arrayValue?.compactMap(\.stringValue) ?? [] {
                    if let child = kustomizationDir(entry, from: dir, context: context) {
                        visit(child, path + [dir])
                    } else {
                        resourcesRead = true
                    }
                }
            }
            if dir == context.directory && end == nil { end = order.count }
        }
        visit(root, [])
        for (dir, combined) in order.prefix(end ?? order.count) {
            guard let (raw, file) = rawKustomization(in: dir, context: context), try openAPIChoice(raw, file: file) else { continue }
            guard let path = openAPIPath(raw) else { return .builtin }
            let text = try context.builder.readFile(path, from: dir, file: file)
            let custom = try SchemaCache.shared.schema(key: text) { try OpenAPISchema(text: text, file: "\(file): openapi \(path)") }
            return combined ? custom.overlaid(by: .builtin) : custom
        }
        return .builtin
    }

    /// The directory an entry of resources, bases or components names when it holds a
    /// kustomization.
    static func kustomizationDir(_ entry: String, from dir: String, context: BuildContext) -> String? {
        guard !entry.contains("://") else { return nil }
        let path = Builder.canonical(entry.hasPrefix("/") ? entry : dir + "/" + entry)
        return context.builder.kustomizationFile(in: path) != nil ? path : nil
    }

    /// The kustomization directories a kustomization loads, in kustomize's order: resources
    /// (and the legacy bases), then components.
    static func children(_ dir: String, context: BuildContext) -> [String] {
        guard let (raw, _) = rawKustomization(in: dir, context: context) else { return [] }
        var entries: [String] = []
        for key in ["resources", "bases", "components"] { entries += raw[key]?.arrayValue?.compactMap(\.stringValue) ?? [] }
        return entries.compactMap { kustomizationDir($0, from: dir, context: context) }
    }

    /// The directories being built, outermost first: each one lists the next as a resource,
    /// base or component.
    static func chain(_ context: BuildContext) throws -> [String] {
        let dirs = context.visiting.union([context.directory])
        var children: [String: Set<String>] = [:]
        for dir in dirs { children[dir] = Set(Self.children(dir, context: context)).intersection(dirs) }
        let referenced = children.values.reduce(into: Set<String>()) { $0.formUnion($1) }
        var order: [String] = []
        var next = dirs.subtracting(referenced).sorted().first
        while let dir = next, !order.contains(dir) {
            order.append(dir)
            next = children[dir]?.subtracting(order).sorted().first
        }
        return order
    }

    static func rawKustomization(in dir: String, context: BuildContext) -> (JSONObject, String)? {
        guard let path = context.builder.kustomizationFile(in: dir),
              let text = try? context.builder.read(path),
              case .object(let raw)? = try? KYAML.parse(text) else { return nil }
        return (raw, context.builder.relative(path))
    }
}

/// Parsed `openapi:` files by content, so each is parsed once per process.
final class SchemaCache: @unchecked Sendable {
    static let shared = SchemaCache()
    private let lock = NSLock()
    private var schemas: [String: OpenAPISchema] = [:]

    func schema(key: String, _ make: () throws -> OpenAPISchema) throws -> OpenAPISchema {
        lock.lock()
        defer { lock.unlock() }
        if let s = schemas[key] { return s }
        let s = try make()
        schemas[key] = s
        return s
    }
}
