import GitOpsAPI
import GoTemplate

/// Helm's `chartutil/dependencies.go` (`ProcessDependenciesWithMerge`): which subcharts are
/// enabled (`condition`, `tags`), aliases, and `import-values` copied into the parent.
enum Dependencies {
    static func process(_ chart: inout Chart, userValues: GoMap) throws {
        try processEnabled(&chart, values: userValues, path: "")
        try processImportValues(&chart, merge: true)
    }

    /// `processDependencyEnabled`.
    static func processEnabled(_ chart: inout Chart, values: GoMap, path: String) throws {
        if chart.metadata.dependencies.isEmpty { return }
        var kept: [Chart] = []
        // Subcharts no dependency entry names stay as they are.
        for existing in chart.dependencies where !chart.metadata.dependencies.contains(where: {
            existing.name == $0.name && VersionRange.isCompatible($0.version, existing.metadata.version)
        }) {
            kept.append(existing)
        }
        for index in chart.metadata.dependencies.indices {
            let request = chart.metadata.dependencies[index]
            if var sub = chart.dependencies.first(where: {
                $0.name == request.name && VersionRange.isCompatible(request.version, $0.metadata.version)
            }) {
                if !request.alias.isEmpty { sub.metadata.name = request.alias }
                kept.append(sub)
            }
            if !request.alias.isEmpty { chart.metadata.dependencies[index].name = request.alias }
        }
        chart.dependencies = kept
        for index in chart.metadata.dependencies.indices { chart.metadata.dependencies[index].enabled = true }
        let cvals = try Coalesce.values(chart: chart, user: values)
        processTags(&chart.metadata.dependencies, cvals)
        processConditions(&chart.metadata.dependencies, cvals, path: path)
        let disabled = Set(chart.metadata.dependencies.filter { !$0.enabled }.map(\.name))
        var enabled = chart.dependencies.filter { !disabled.contains($0.name) }
        for index in enabled.indices {
            try processEnabled(&enabled[index], values: cvals, path: path + enabled[index].name + ".")
        }
        chart.metadata.dependencies.removeAll { disabled.contains($0.name) }
        chart.dependencies = enabled
    }

    /// `processDependencyConditions`: the first condition path that holds a boolean decides.
    static func processConditions(_ dependencies: inout [ChartDependency], _ cvals: GoMap, path: String) {
        for index in dependencies.indices {
            let conditions = dependencies[index].condition.trimmingCharacters(in: .whitespaces)
            for condition in conditions.split(separator: ",", omittingEmptySubsequences: true) {
                guard let value = ValueConversion.pathValue(cvals, path + String(condition)) else { continue }
                if case .bool(let b) = value {
                    dependencies[index].enabled = b
                    break
                }
                Coalesce.warn("Warning: Condition path '\(condition)' for chart \(dependencies[index].name) returned non-bool value", at: "dependencies.go:64")
            }
        }
    }

    /// `processDependencyTags`: disabled when some tag is false and none is true.
    static func processTags(_ dependencies: inout [ChartDependency], _ cvals: GoMap) {
        guard let tags = ValueConversion.table(cvals, "tags") else { return }
        for index in dependencies.indices {
            var hasTrue = false, hasFalse = false
            for tag in dependencies[index].tags {
                guard let value = tags[tag] else { continue }
                if case .bool(let b) = value { if b { hasTrue = true } else { hasFalse = true } } else {
                    Coalesce.warn("Warning: Tag '\(tag)' for chart \(dependencies[index].name) returned non-bool value", at: "dependencies.go:95")
                }
            }
            dependencies[index].enabled = hasTrue || !hasFalse
        }
    }

    /// `processDependencyImportValues`: children first, then this chart.
    static func processImportValues(_ chart: inout Chart, merge: Bool) throws {
        for index in chart.dependencies.indices {
            try processImportValues(&chart.dependencies[index], merge: merge)
        }
        if chart.metadata.dependencies.isEmpty { return }
        let cvals = try Coalesce.values(chart: chart, user: GoMap(), merge: merge)
        var imported = GoMap()
        for index in chart.metadata.dependencies.indices {
            let dependency = chart.metadata.dependencies[index]
            var rewritten: [JSONValue] = []
            for entry in dependency.importValues {
                let child: String, parent: String
                switch entry {
                case .object(let o):
                    child = o["child"].map(jsonFormat) ?? "<nil>"
                    parent = o["parent"].map(jsonFormat) ?? "<nil>"
                case .string(let s):
                    child = "exports." + s
                    parent = "."
                default:
                    continue
                }
                rewritten.append(.object(["child": .string(child), "parent": .string(parent)]))
                guard let table = ValueConversion.table(cvals, dependency.name + "." + child) else {
                    Coalesce.warn("Warning: ImportValues missing table from chart \(dependency.name): no table named \"\(child)\"", at: "dependencies.go:270")
                    continue
                }
                let source = parent == "." ? table : nest(table, under: parent)
                imported = Coalesce.tables(imported, source, merge: merge)
            }
            chart.metadata.dependencies[index].importValues = rewritten
        }
        if merge {
            chart.values = Coalesce.tables(ValueConversion.deepCopy(cvals), imported, merge: true)
        } else {
            chart.values = Coalesce.tables(trimNulls(cvals), imported, merge: false)
        }
    }

    /// `pathToMap`: `a.b` and a table become `{a: {b: table}}`.
    static func nest(_ table: GoMap, under path: String) -> GoMap {
        var current = table
        for part in path.split(separator: ".", omittingEmptySubsequences: false).reversed() {
            current = GoMap([String(part): .map(current)])
        }
        return current
    }

    static func trimNulls(_ map: GoMap) -> GoMap {
        let copy = ValueConversion.deepCopy(map)
        func trim(_ m: GoMap) {
            for (k, v) in m.storage {
                if case .null = v { m[k] = nil } else if case .map(let inner) = v { trim(inner) }
            }
        }
        trim(copy)
        return copy
    }

    /// `fmt.Sprintf("%v", x)` of a YAML scalar (import-values `child`/`parent`).
    private static func jsonFormat(_ value: JSONValue) -> String {
        GoFormat.sprint(ValueConversion.value(from: value))
    }
}
