/// Go's `missingkey` option: what `.key` yields when a map has no such key.
public enum MissingKeyOption: Sendable {
    /// `missingkey=default` (or `invalid`): an invalid value, printed as `<no value>`; a field of
    /// it is again invalid.
    case invalid
    /// `missingkey=zero`: the map element type's zero value; for `map[string]interface{}` that is a
    /// nil interface, which also prints `<no value>` but fails as `nil pointer evaluating
    /// interface {}.x` when a field of it is taken. Helm uses this unless rendering strictly.
    case zero
    /// `missingkey=error`: `map has no entry for key "x"` (Helm's `--strict` lint).
    case error
}

/// A set of associated templates, as Go's `*template.Template` with its common map: every file
/// parsed into it and every `define`/`block` found, executed by name with Go's semantics.
///
/// Helm parses all files of a chart and its subcharts into one set (`parse(name:text:)` per file,
/// a later `define` of a name replacing the earlier, as `AddParseTree` does) and executes each
/// file by its name. `executeText` runs a string as Helm's `tpl` does, in a copy of the set.
///
/// Not thread-safe: one rendering uses a set at a time (maps in values are shared references).
public final class TemplateSet: @unchecked Sendable {
    public let functions: FunctionTable
    public let missingKey: MissingKeyOption
    /// The name of the set's root template (`template.New(name)`); Helm's is `gotpl`. Errors
    /// about unknown templates name it.
    public let name: String
    private var own: [String: ParsedTemplate] = [:]
    /// Files parsed with `parseDeferringBody`: their body's tree is parsed again when looked up.
    private var deferred: [String: TemplateSource] = [:]
    private let parent: TemplateSet?

    public init(functions: FunctionTable, missingKey: MissingKeyOption = .invalid, name: String = "gotpl") {
        self.functions = functions
        self.missingKey = missingKey
        self.name = name
        self.parent = nil
    }

    private init(parent: TemplateSet) {
        self.functions = parent.functions
        self.missingKey = parent.missingKey
        self.name = parent.name
        self.parent = parent
    }

    /// Parses `text` as the template `name` (Go's `t.New(name).Parse(text)`) and adds its
    /// `define`s. A template that is empty (only white space and comments) never replaces an
    /// existing one of the same name; otherwise the later replaces the earlier.
    /// Throws `TemplateError` (`template: NAME:LINE: MESSAGE`).
    public func parse(name: String, text: String) throws {
        try add(TemplateSource(name: name, bytes: Array(text.utf8)), keepingBody: true)
    }

    /// Parses `bytes` as the template `name` like `parse(name:text:)`, but keeps only its
    /// `define`s: the tree of the file's body is parsed again each time it is executed and let go
    /// afterwards. For a caller that parses many files and then executes each once (Helm's
    /// engine): the bodies are most of a chart's parse trees, and only one is then alive at a time.
    public func parseDeferringBody(name: String, bytes: [UInt8]) throws {
        try add(TemplateSource(name: name, bytes: bytes), keepingBody: false)
    }

    private func add(_ source: TemplateSource, keepingBody: Bool) throws {
        for tree in try Self.trees(of: source, functions: functions) {
            if tree.isEmpty, hasTemplate(named: tree.name) { continue }
            if !keepingBody && tree.name == source.name {
                own[tree.name] = nil
                deferred[tree.name] = source
            } else {
                deferred[tree.name] = nil
                own[tree.name] = tree
            }
        }
    }

    private static func trees(of source: TemplateSource, functions: FunctionTable) throws -> [ParsedTemplate] {
        var parser = Parser(source: source, functions: functions)
        do {
            return try parser.parse(name: source.name)
        } catch let failure as Parser.Failure {
            throw failure.error
        }
    }

    func lookup(_ name: String) -> ParsedTemplate? {
        if let template = own[name] { return template }
        if let source = deferred[name] {
            // The same source parsed without error before, and parsing is deterministic.
            return (try? Self.trees(of: source, functions: functions))?.first { $0.name == name }
        }
        return parent?.lookup(name)
    }

    /// Whether a template of that name has been parsed or defined.
    public func hasTemplate(named name: String) -> Bool {
        own[name] != nil || deferred[name] != nil || parent?.hasTemplate(named: name) == true
    }

    /// The names of all templates in the set (files and `define`s), sorted.
    public var templateNames: [String] {
        var names = Set(own.keys).union(deferred.keys)
        if let parent { names.formUnion(parent.templateNames) }
        return names.sorted()
    }

    /// A copy sharing this set's templates: what it parses or defines is visible only to the
    /// copy (Go's `Clone`, made cheap by layering over the original instead of copying).
    public func copy() -> TemplateSet { TemplateSet(parent: self) }

    /// Executes the template `name` with `data` as dot (Go's `ExecuteTemplate`).
    /// Throws `TemplateError`.
    public func execute(name: String, data: Value) throws -> String {
        let execution = Execution(set: self)
        return try execution.run(templateNamed: name, data: data)
    }

    /// Parses `text` as a template named `name` in a copy of this set and executes it with
    /// `data`: Helm's `tpl`. Its `define`s stay in the copy.
    public func executeText(_ text: String, named name: String, data: Value) throws -> String {
        let copy = copy()
        try copy.parse(name: name, text: text)
        return try copy.execute(name: name, data: data)
    }
}
