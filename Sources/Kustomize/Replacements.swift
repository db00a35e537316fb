import GitOpsAPI
import YAML

/// `replacements:` (kustomize's ReplacementTransformer, `filters/replacement`): each
/// replacement reads one value from one source object and writes it into fields of the
/// selected targets, in the order written. Entries are inline or `path:` to a file holding one
/// replacement or a list of them.
enum Replacements {
    static func apply(_ context: inout BuildContext) throws {
        guard let raw = context.file.raw["replacements"], !raw.isNull else { return }
        try run(raw, &context, file: context.file.path)
    }

    /// A `ReplacementTransformer` configured under `transformers:` (its `replacements:` list).
    static func runPlugin(config: JSONValue, context: inout BuildContext) throws {
        try run(config["replacements"] ?? .array([]), &context, file: context.file.path)
    }

    static func run(_ raw: JSONValue, _ context: inout BuildContext, file: String) throws {
        guard let list = raw.arrayValue else {
            throw BuildError.invalid(file: file, message: "replacements: expected a list, found \(raw.typeName)")
        }
        var replacements: [Replacement] = []
        for (i, entry) in list.enumerated() {
            let at = "replacements[\(i)]"
            if let path = entry["path"]?.stringValue, !path.isEmpty {
                if entry["source"] != nil || entry["targets"] != nil {
                    throw BuildError.invalid(file: file, message: "\(at): cannot specify both path and inline replacement")
                }
                let loaded = try KYAML.parse(try context.readFile(path), file: path)
                switch loaded {
                case .array(let items):
                    replacements += try items.enumerated().map { try Replacement($1, at: "\(path)[\($0)]", file: file) }
                case .object:
                    replacements.append(try Replacement(loaded, at: path, file: file))
                default:
                    throw BuildError.invalid(file: file, message: "\(at): unsupported replacement type encountered within replacement path \(path): \(loaded.typeName)")
                }
            } else {
                replacements.append(try Replacement(entry, at: at, file: file))
            }
        }
        for replacement in replacements {
            do {
                try replacement.apply(to: &context.objects)
            } catch let failure as ReplacementMatcher.Failure {
                throw BuildError.invalid(file: file, message: "replacements: \(failure.message)")
            }
        }
    }
}

/// One replacement: a source and its targets.
struct Replacement {
    /// An object selector: id fields plus label and annotation selectors.
    struct Selector {
        var id: AccumulatedID
        var labelSelector: String
        var annotationSelector: String

        init(_ raw: JSONValue) {
            id = AccumulatedID(group: raw["group"]?.stringValue ?? "", version: raw["version"]?.stringValue ?? "",
                               kind: raw["kind"]?.stringValue ?? "", name: raw["name"]?.stringValue ?? "",
                               namespace: raw["namespace"]?.stringValue ?? "")
            labelSelector = raw["labelSelector"]?.stringValue ?? ""
            annotationSelector = raw["annotationSelector"]?.stringValue ?? ""
        }

        var idIsEmpty: Bool { id == AccumulatedID(group: "", version: "", kind: "", name: "", namespace: "") }
    }

    struct Options {
        var delimiter = ""
        var index = 0
        var create = false

        init(_ raw: JSONValue?) {
            delimiter = raw?["delimiter"]?.stringValue ?? ""
            index = raw?["index"]?.intValue ?? 0
            create = raw?["create"]?.boolValue ?? false
        }
    }

    struct Target {
        var select: Selector
        var reject: [Selector]
        var fieldPaths: [String]
        var options: Options
    }

    var source: Selector
    var sourcePath: String
    var sourceOptions: Options
    var targets: [Target]
    let file: String

    init(_ raw: JSONValue, at: String, file: String) throws {
        self.file = file
        guard let source = raw["source"], !source.isNull, let targets = raw["targets"]?.arrayValue else {
            throw BuildError.invalid(file: file, message: "\(at): replacements must specify a source and at least one target")
        }
        self.source = Selector(source)
        let path = source["fieldPath"]?.stringValue ?? ""
        sourcePath = path.isEmpty ? "metadata.name" : path
        sourceOptions = Options(source["options"])
        self.targets = try targets.map { t in
            guard let select = t["select"], !select.isNull else {
                throw BuildError.invalid(file: file, message: "\(at): target must specify resources to select")
            }
            let paths = (t["fieldPaths"]?.arrayValue ?? []).compactMap(\.stringValue)
            return Target(select: Selector(select), reject: (t["reject"]?.arrayValue ?? []).map(Selector.init),
                          fieldPaths: paths.isEmpty ? ["metadata.name"] : paths, options: Options(t["options"]))
        }
    }

    /// kustomize's `SourceSelector.String`, for messages.
    var sourceDescription: String {
        var parts = [source.id.description, sourcePath]
        if !sourceOptions.delimiter.isEmpty || sourceOptions.create {
            parts.append("\(sourceOptions.delimiter)(\(sourceOptions.index)), create=\(sourceOptions.create)")
        }
        return parts.joined(separator: ":")
    }

    func apply(to objects: inout [KubeObject]) throws {
        let value = try sourceValue(objects)
        for target in targets {
            for i in objects.indices {
                let ids = AccumulatedID.all(objects[i])
                guard try Self.selectedByLabels(objects[i], target) else { continue }
                let rejected = target.reject.contains { r in !r.idIsEmpty && ids.contains { $0.isSelected(by: r.id) } }
                guard !rejected, ids.contains(where: { $0.isSelected(by: target.select.id) }) else { continue }
                try copy(value, into: &objects[i], target)
            }
        }
    }

    /// The one source object's field (`getReplacement`): none or several objects selected, or a
    /// missing field, are errors.
    func sourceValue(_ objects: [KubeObject]) throws -> JSONValue {
        let matches = objects.filter { AccumulatedID.all($0).contains { $0.isSelected(by: source.id) } }
        guard matches.count <= 1 else {
            throw BuildError.invalid(file: file, message: "replacements: multiple matches for selector \(sourceDescription); narrow the source with namespace, group or version")
        }
        guard let object = matches.first else {
            throw BuildError.invalid(file: file, message: "replacements: nothing selected by \(sourceDescription); check the source's kind and name")
        }
        let found = ReplacementPath.lookup(object.body, ReplacementPath.split(sourcePath))
        guard let found, !found.isNull, found != .object([:]), found != .array([]), found != .string("") else {
            throw BuildError.invalid(file: file, message: "replacements: fieldPath `\(sourcePath)` is missing for replacement source \(source.id)")
        }
        guard !sourceOptions.delimiter.isEmpty else { return found }
        guard found.objectValue == nil, found.arrayValue == nil else {
            throw BuildError.invalid(file: file, message: "replacements: delimiter option can only be used with scalar nodes")
        }
        let text = ReplacementPath.text(found)
        let pieces = text.components(separatedBy: sourceOptions.delimiter)
        guard sourceOptions.index >= 0, sourceOptions.index < pieces.count else {
            throw BuildError.invalid(file: file, message: "replacements: options.index \(sourceOptions.index) is out of bounds for value \(text)")
        }
        let piece = pieces[sourceOptions.index]
        return found.stringValue != nil ? .string(piece) : Self.plain(piece)
    }

    /// Writes the value into every field the target's paths name (`copyValueToTarget`); a path
    /// that names nothing is an error unless `create` made it.
    func copy(_ value: JSONValue, into object: inout KubeObject, _ target: Target) throws {
        var kind: ReplacementMatcher.Kind?
        if target.options.create {
            switch value {
            case .object: kind = .map
            case .array: kind = .list
            default: kind = .scalar
            }
        }
        let matcher = ReplacementMatcher(create: kind)
        for path in target.fieldPaths {
            let what = target.options.create ? "unable to find or create field \"\(path)\" in replacement target" : "unable to find field \"\(path)\" in replacement target"
            var body = object.body
            let locations: [[ReplacementPath.Step]]
            do {
                locations = try matcher.match(&body, ReplacementPath.split(path))
            } catch let failure as ReplacementMatcher.Failure {
                throw BuildError.invalid(file: file, message: "replacements: \(what) \(AccumulatedID(object)): \(failure.message)")
            }
            guard !locations.isEmpty else {
                throw BuildError.invalid(file: file, message: "replacements: \(what) \(AccumulatedID(object)); fix the fieldPath, or set options.create: true to add it")
            }
            for location in locations {
                body[steps: location] = try setField(body[steps: location], value, target.options)
            }
            object.body = body
        }
    }

    /// `setFieldValue`: with a delimiter, the value replaces (or, for an index out of range,
    /// is added before or after) one part of the target's text. A scalar target keeps its type
    /// and takes the value's text (kyaml copies only the node's value, so "8080" written into a
    /// number stays a number); a map or list target is replaced by the value.
    func setField(_ current: JSONValue, _ value: JSONValue, _ options: Options) throws -> JSONValue {
        var text = ReplacementPath.text(value)
        let isScalar = current.objectValue == nil && current.arrayValue == nil
        if !options.delimiter.isEmpty {
            guard isScalar else {
                throw BuildError.invalid(file: file, message: "replacements: delimiter option can only be used with scalar nodes")
            }
            var parts = ReplacementPath.text(current).components(separatedBy: options.delimiter)
            if options.index < 0 {
                parts.insert(text, at: 0)
            } else if options.index >= parts.count {
                parts.append(text)
            } else {
                parts[options.index] = text
            }
            text = parts.joined(separator: options.delimiter)
        } else if !isScalar || (current.isNull && (value.objectValue != nil || value.arrayValue != nil)) {
            return value
        }
        switch current {
        case .string: return .string(text)
        // A created (untagged) scalar or a number/boolean: the text is written plain, so it
        // reads back as whatever YAML makes of it.
        default: return Self.plain(text)
        }
    }

    /// A scalar's text read as a plain YAML scalar (a number, a boolean, or a string).
    static func plain(_ text: String) -> JSONValue {
        guard let parsed = try? KYAML.parse(text) else { return .string(text) }
        switch parsed {
        case .int, .bool, .double: return parsed
        default: return .string(text)
        }
    }

    /// The target's `labelSelector`/`annotationSelector` and its rejects' (`selectByAnnoAndLabel`).
    static func selectedByLabels(_ object: KubeObject, _ target: Target) throws -> Bool {
        guard try matches(object, target.select) else { return false }
        for reject in target.reject where !(reject.labelSelector.isEmpty && reject.annotationSelector.isEmpty) {
            if try matches(object, reject) { return false }
        }
        return true
    }

    static func matches(_ object: KubeObject, _ selector: Selector) throws -> Bool {
        try ReplacementLabelSelector.matches(selector.labelSelector, object.labels)
            && ReplacementLabelSelector.matches(selector.annotationSelector, object.annotations)
    }
}
