import Foundation
import GitOpsAPI

/// `configMapGenerator:`, `secretGenerator:` and `generatorOptions:` (kustomize's
/// ConfigMapGenerator and SecretGenerator builtins): every ConfigMap generator, then every Secret
/// generator, each object absorbed into the resources with its `behavior` (create, merge or
/// replace an object of the same id). Generated objects carry `needsHash` (unless disabled) so
/// `HashSuffix` names them by content at the end of the build.
enum Generators {
    static func run(_ context: inout BuildContext) throws {
        let raw = context.file.raw
        let global = try raw["generatorOptions"].map { try GeneratorOptions(json: $0, at: "generatorOptions", file: context.file.path) }
        for (field, kind) in [("configMapGenerator", "ConfigMap"), ("secretGenerator", "Secret")] {
            guard let list = raw[field], !list.isNull else { continue }
            guard let items = list.arrayValue else {
                throw BuildError.invalid(file: context.file.path, message: "\(field): expected a list of generators, found \(list.typeName)")
            }
            context.generatorOrigin = BuildMetadata.builtinOrigin(kind: kind + "Generator", context)
            defer { context.generatorOrigin = nil }
            for (i, item) in items.enumerated() {
                var args = try GeneratorArgs(json: item, kind: kind, at: "\(field)[\(i)]", file: context.file.path)
                // kustomize's MergeGlobalOptionsIntoLocal: generatorOptions fill in what the
                // generator's own options leave unset.
                args.options = GeneratorOptions.merge(local: args.options, global: global)
                try absorb(try make(args, context: context), into: &context)
            }
        }
    }

    /// Runs a `ConfigMapGenerator` or `SecretGenerator` config from `generators:` (its name and
    /// namespace may sit in `metadata`; `generatorOptions` do not apply to it).
    static func runPlugin(kind: String, config: JSONValue, context: inout BuildContext) throws {
        let objectKind: String
        switch kind {
        case "ConfigMapGenerator": objectKind = "ConfigMap"
        case "SecretGenerator": objectKind = "Secret"
        default: throw BuildError.invalid(file: context.file.path, message: "\(kind) is not a generator this builder knows")
        }
        var args = try GeneratorArgs(json: config, kind: objectKind, at: kind, file: context.file.path)
        if args.name.isEmpty { args.name = config[path: ["metadata", "name"]]?.stringValue ?? "" }
        if args.namespace.isEmpty { args.namespace = config[path: ["metadata", "namespace"]]?.stringValue ?? "" }
        try absorb(try make(args, context: context), into: &context)
    }

    /// Builds one ConfigMap or Secret from its arguments (`generators.MakeConfigMap`/`MakeSecret`).
    static func make(_ args: GeneratorArgs, context: BuildContext) throws -> KubeObject {
        guard !args.name.isEmpty else {
            throw BuildError.invalid(file: context.file.path, message: "a \(args.kind.lowercased()) generator must have a name; add name:")
        }
        var object = KubeObject(apiVersion: "v1", kind: args.kind, name: args.name, namespace: args.namespace.isEmpty ? nil : args.namespace)
        let pairs = try args.sources.load(name: args.name, context: context)
        if args.kind == "Secret" {
            object.body["type"] = .string(args.type.isEmpty ? "Opaque" : args.type)
            var data = JSONObject()
            for (key, value) in pairs { data[key] = .string(base64(value.bytes)) }
            object.body["data"] = .object(data)
        } else {
            var data = JSONObject()
            var binary = JSONObject()
            for (key, value) in pairs {
                switch value {
                case .text(let s): data[key] = .string(s)
                case .bytes(let b): binary[key] = .string(base64(b))
                }
            }
            if !data.isEmpty { object.body["data"] = .object(data) }
            if !binary.isEmpty { object.body["binaryData"] = .object(binary) }
        }
        if let options = args.options {
            for (k, v) in options.labels.sorted(by: { $0.key < $1.key }) { object.setLabel(k, v) }
            for (k, v) in options.annotations.sorted(by: { $0.key < $1.key }) { object.setAnnotation(k, v) }
            if options.immutable { object.body["immutable"] = .bool(true) }
        }
        if !(args.options?.disableNameSuffixHash ?? false) { object.setAnnotation(ResourceIdentity.needsHash, "enabled") }
        object.setAnnotation(ResourceIdentity.behavior, args.behavior.isEmpty ? "unspecified" : args.behavior)
        return object
    }

    /// Go's base64 of generated data as kustomize writes it: standard alphabet, and once the
    /// text reaches 70 characters, cut into 70-character lines each ending in a newline.
    static func base64(_ bytes: [UInt8]) -> String {
        let encoded = Data(bytes).base64EncodedString()
        guard encoded.count >= 70 else { return encoded }
        var out = ""
        var rest = Substring(encoded)
        while !rest.isEmpty {
            out += rest.prefix(70) + "\n"
            rest = rest.dropFirst(70)
        }
        return out
    }
}

/// One generator entry (kustomize's `GeneratorArgs` plus a Secret's `type`).
struct GeneratorArgs {
    var kind: String
    var name = ""
    var namespace = ""
    var behavior = ""
    var type = ""
    var sources = GeneratorSources()
    var options: GeneratorOptions?

    init(json: JSONValue, kind: String, at: String, file: String) throws {
        self.kind = kind
        guard json.objectValue != nil else {
            throw BuildError.invalid(file: file, message: "\(at): expected a map, found \(json.typeName)")
        }
        func string(_ key: String) throws -> String {
            guard let v = json[key], !v.isNull else { return "" }
            guard let s = v.stringValue else { throw BuildError.invalid(file: file, message: "\(at).\(key): expected a string, found \(v.typeName)") }
            return s
        }
        func strings(_ key: String) throws -> [String] {
            guard let v = json[key], !v.isNull else { return [] }
            guard let a = v.arrayValue else { throw BuildError.invalid(file: file, message: "\(at).\(key): expected a list, found \(v.typeName)") }
            return try a.map { item in
                switch item {
                case .string(let s): return s
                case .int(let i): return String(i)
                case .bool(let b): return String(b)
                default: throw BuildError.invalid(file: file, message: "\(at).\(key): expected strings, found \(item.typeName)")
                }
            }
        }
        name = try string("name")
        namespace = try string("namespace")
        behavior = try string("behavior")
        type = try string("type")
        guard ["", "create", "merge", "replace"].contains(behavior) else {
            throw BuildError.invalid(file: file, message: "\(at).behavior: \"\(behavior)\" is not one of create, merge, replace")
        }
        sources.literals = try strings("literals")
        sources.files = try strings("files")
        // kustomize's FixKustomization appends the older singular `env` to `envs`.
        sources.envs = try strings("envs")
        let env = try string("env")
        if !env.isEmpty { sources.envs.append(env) }
        if let options = json["options"], !options.isNull {
            self.options = try GeneratorOptions(json: options, at: "\(at).options", file: file)
        }
    }
}

/// `generatorOptions:` and a generator's `options:`.
struct GeneratorOptions {
    var labels: [String: String] = [:]
    var annotations: [String: String] = [:]
    var disableNameSuffixHash = false
    var immutable = false

    init() {}

    init(json: JSONValue, at: String, file: String) throws {
        labels = try KustomizationFile.stringMap(json["labels"] ?? .null, "\(at).labels", file)
        annotations = try KustomizationFile.stringMap(json["annotations"] ?? .null, "\(at).annotations", file)
        disableNameSuffixHash = json["disableNameSuffixHash"]?.boolValue ?? false
        immutable = json["immutable"]?.boolValue ?? false
    }

    /// kustomize's `MergeGlobalOptionsIntoLocal`: local labels and annotations win; either
    /// side's `disableNameSuffixHash` and `immutable` turn them on.
    static func merge(local: GeneratorOptions?, global: GeneratorOptions?) -> GeneratorOptions? {
        guard let global else { return local }
        var result = local ?? GeneratorOptions()
        for (k, v) in global.labels where result.labels[k] == nil { result.labels[k] = v }
        for (k, v) in global.annotations where result.annotations[k] == nil { result.annotations[k] = v }
        if global.disableNameSuffixHash { result.disableNameSuffixHash = true }
        if global.immutable { result.immutable = true }
        return result
    }
}
