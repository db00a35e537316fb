import GoTemplate

/// `.Chart`: Helm's `struct { chart.Metadata; IsRoot bool }`, read by Go field names
/// (`.Chart.Name`, `.Chart.AppVersion`), printed by JSON tags with `omitempty` (`toJson`).
struct ChartObject: TemplateObject {
    let metadata: ChartMetadata
    let isRoot: Bool

    var goTypeName: String { "struct { chart.Metadata; IsRoot bool }" }

    func field(_ name: String) -> Value? {
        let m = metadata
        switch name {
        case "Name": return .string(m.name)
        case "Home": return .string(m.home)
        case "Sources": return .list(m.sources.map(Value.string))
        case "Version": return .string(m.version)
        case "Description": return .string(m.description)
        case "Keywords": return .list(m.keywords.map(Value.string))
        case "Maintainers": return .list(m.maintainers.map { .object(MaintainerObject(maintainer: $0)) })
        case "Icon": return .string(m.icon)
        case "APIVersion": return .string(m.apiVersion)
        case "Condition": return .string(m.condition)
        case "Tags": return .string(m.tags)
        case "AppVersion": return .string(m.appVersion)
        case "Deprecated": return .bool(m.deprecated)
        case "Annotations": return .map(GoMap(m.annotations.mapValues(Value.string)))
        case "KubeVersion": return .string(m.kubeVersion ?? "")
        case "Dependencies": return .list(m.dependencies.map { .object(DependencyObject(dependency: $0)) })
        case "Type": return .string(m.type)
        case "IsRoot": return .bool(isRoot)
        default: return nil
        }
    }

    func callMethod(_ name: String, _ arguments: [Value]) throws -> Value? { nil }

    var goFormatted: String {
        "{\(GoFormat.sprint(jsonValue ?? .null))}"
    }

    /// JSON by the struct's tags, in Go's field order; empty fields omitted.
    var jsonValue: Value? { .object(OrderedJSONObject(pairs: orderedPairs)) }

    var orderedPairs: [(String, Value)] {
        let m = metadata
        var pairs: [(String, Value)] = []
        func add(_ key: String, _ value: String) { if !value.isEmpty { pairs.append((key, .string(value))) } }
        add("name", m.name)
        add("home", m.home)
        if !m.sources.isEmpty { pairs.append(("sources", .list(m.sources.map(Value.string)))) }
        add("version", m.version)
        add("description", m.description)
        if !m.keywords.isEmpty { pairs.append(("keywords", .list(m.keywords.map(Value.string)))) }
        if !m.maintainers.isEmpty {
            pairs.append(("maintainers", .list(m.maintainers.map { MaintainerObject(maintainer: $0).jsonValue ?? .null })))
        }
        add("icon", m.icon)
        add("apiVersion", m.apiVersion)
        add("condition", m.condition)
        add("tags", m.tags)
        add("appVersion", m.appVersion)
        if m.deprecated { pairs.append(("deprecated", .bool(true))) }
        if !m.annotations.isEmpty { pairs.append(("annotations", .map(GoMap(m.annotations.mapValues(Value.string))))) }
        add("kubeVersion", m.kubeVersion ?? "")
        if !m.dependencies.isEmpty {
            pairs.append(("dependencies", .list(m.dependencies.map { DependencyObject(dependency: $0).jsonValue ?? .null })))
        }
        add("type", m.type)
        pairs.append(("IsRoot", .bool(isRoot)))
        return pairs
    }
}

/// A JSON object whose keys keep Go's struct field order (`encoding/json` of a struct).
/// Templates see it as a struct with those keys as fields.
struct OrderedJSONObject: TemplateObject {
    let pairs: [(String, Value)]

    var goTypeName: String { "struct" }
    func field(_ name: String) -> Value? { pairs.first { $0.0 == name }?.1 }
    func callMethod(_ name: String, _ arguments: [Value]) throws -> Value? { nil }
    var goFormatted: String { "{" + pairs.map { GoFormat.sprint($0.1) }.joined(separator: " ") + "}" }
    var jsonFields: [(String, Value)]? { pairs }
    /// The same pairs as a map: consumers that know no field order print keys sorted.
    var jsonValue: Value? {
        var storage: [String: Value] = [:]
        for (k, v) in pairs { storage[k] = v }
        return .map(GoMap(storage))
    }
}

/// `*chart.Maintainer`.
struct MaintainerObject: TemplateObject {
    let maintainer: ChartMetadata.Maintainer
    var goTypeName: String { "*chart.Maintainer" }
    func field(_ name: String) -> Value? {
        switch name {
        case "Name": return .string(maintainer.name)
        case "Email": return .string(maintainer.email)
        case "URL": return .string(maintainer.url)
        default: return nil
        }
    }
    func callMethod(_ name: String, _ arguments: [Value]) throws -> Value? { nil }
    var goFormatted: String { "&{\(maintainer.name) \(maintainer.email) \(maintainer.url)}" }
    var jsonValue: Value? {
        var pairs: [(String, Value)] = []
        if !maintainer.name.isEmpty { pairs.append(("name", .string(maintainer.name))) }
        if !maintainer.email.isEmpty { pairs.append(("email", .string(maintainer.email))) }
        if !maintainer.url.isEmpty { pairs.append(("url", .string(maintainer.url))) }
        return .object(OrderedJSONObject(pairs: pairs))
    }
}

/// `*chart.Dependency`.
struct DependencyObject: TemplateObject {
    let dependency: ChartDependency
    var goTypeName: String { "*chart.Dependency" }
    func field(_ name: String) -> Value? {
        let d = dependency
        switch name {
        case "Name": return .string(d.name)
        case "Version": return .string(d.version)
        case "Repository": return .string(d.repository)
        case "Condition": return .string(d.condition)
        case "Tags": return .list(d.tags.map(Value.string))
        case "Enabled": return .bool(d.enabled)
        case "ImportValues": return .list(d.importValues.map(ValueConversion.value(from:)))
        case "Alias": return .string(d.alias)
        default: return nil
        }
    }
    func callMethod(_ name: String, _ arguments: [Value]) throws -> Value? { nil }
    var goFormatted: String { "&{\(dependency.name) \(dependency.version) \(dependency.repository)}" }
    var jsonValue: Value? {
        let d = dependency
        var pairs: [(String, Value)] = [("name", .string(d.name))]
        if !d.version.isEmpty { pairs.append(("version", .string(d.version))) }
        pairs.append(("repository", .string(d.repository)))
        if !d.condition.isEmpty { pairs.append(("condition", .string(d.condition))) }
        if !d.tags.isEmpty { pairs.append(("tags", .list(d.tags.map(Value.string)))) }
        if d.enabled { pairs.append(("enabled", .bool(true))) }
        if !d.importValues.isEmpty { pairs.append(("import-values", .list(d.importValues.map(ValueConversion.value(from:))))) }
        if !d.alias.isEmpty { pairs.append(("alias", .string(d.alias))) }
        return .object(OrderedJSONObject(pairs: pairs))
    }
}
