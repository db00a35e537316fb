import GoTemplate

/// Helm's `chartutil/coalesce.go`: how user values meet a chart's values.yaml and its subcharts'.
///
/// `merge: false` is `CoalesceValues` (a null in the user's values deletes the chart default);
/// `merge: true` is `MergeValues` (nulls kept, used while processing dependencies). Globals are
/// copied from parent to subchart; a subchart's values live under its name (or alias).
enum Coalesce {
    /// Where the warnings Helm logs (`warning: skipped value for …`) go: set with
    /// `Coalesce.$warnings.withValue(log) { … }`; `Helm.render` collects them into `Rendering.warnings`.
    @TaskLocal static var warnings: WarningLog?

    /// `source`: the file and line of helm 3.19.0's pkg/chartutil that logs it
    /// (`coalesce.go:237`); its log prints that before the message.
    static func warn(_ message: String, at source: String) { warnings?.append(message, source: source) }

    /// `CoalesceValues(chart, vals)`: a deep copy of `user` with the chart's values filled in.
    static func values(chart: Chart, user: GoMap, merge: Bool = false) throws -> GoMap {
        let copy = ValueConversion.deepCopy(user)
        return try coalesce(chart, copy, prefix: "", merge: merge)
    }

    static func coalesce(_ chart: Chart, _ dest: GoMap, prefix: String, merge: Bool) throws -> GoMap {
        coalesceValues(chart, dest, prefix: prefix, merge: merge)
        return try coalesceDependencies(chart, dest, prefix: prefix, merge: merge)
    }

    static func concat(_ a: String, _ b: String) -> String { a.isEmpty ? b : a + "." + b }

    private static func coalesceDependencies(_ chart: Chart, _ dest: GoMap, prefix: String, merge: Bool) throws -> GoMap {
        for sub in chart.dependencies {
            if let existing = dest[sub.name] {
                guard case .map = existing else {
                    throw HelmError("type mismatch on \(sub.name): %!t(\(GoFormat.sprint(existing)))")
                }
            } else {
                dest[sub.name] = .map(GoMap())
            }
            guard case .map(let subValues)? = dest[sub.name] else { continue }
            let subPrefix = concat(prefix, chart.name)
            coalesceGlobals(subValues, dest, prefix: subPrefix)
            dest[sub.name] = .map(try coalesce(sub, subValues, prefix: subPrefix, merge: merge))
        }
        return dest
    }

    /// Copies the parent's `global` table into the subchart's (`coalesceGlobals`).
    private static func coalesceGlobals(_ dest: GoMap, _ src: GoMap, prefix: String) {
        let dg: GoMap
        switch dest["global"] {
        case nil: dg = GoMap()
        case .map(let m)?: dg = m
        default: warn("warning: skipping globals because destination global is not a table.", at: "coalesce.go:138"); return
        }
        let sg: GoMap
        switch src["global"] {
        case nil: sg = GoMap()
        case .map(let m)?: sg = m
        default: warn("warning: skipping globals because source global is not a table.", at: "coalesce.go:145"); return
        }
        for (key, value) in sg.storage {
            if case .map(let table) = value {
                let copied = GoMap(table.storage)  // copyMap: one level
                if let existing = dg[key] {
                    if case .map(let destTable) = existing {
                        tables(copied, destTable, prefix: concat(prefix, key), merge: true)
                        dg[key] = .map(copied)
                    } else {
                        warn("Conflict: cannot merge map onto non-map for \"\(key)\". Skipping.", at: "coalesce.go:161")
                    }
                } else {
                    dg[key] = .map(copied)
                }
            } else if ValueConversion.isTable(dg[key]) {
                warn("key \(key) is table. Skipping", at: "coalesce.go:175")
            } else {
                dg[key] = value
            }
        }
        dest["global"] = .map(dg)
    }

    /// `coalesceValues`: fills `v` from the chart's own values.yaml.
    private static func coalesceValues(_ chart: Chart, _ v: GoMap, prefix: String, merge: Bool) {
        let subPrefix = concat(prefix, chart.name)
        let chartValues = ValueConversion.deepCopy(chart.values)
        for (key, value) in chartValues.storage {
            if let existing = v[key] {
                if case .null = existing, !merge {
                    v[key] = nil
                } else if case .map(let dest) = existing {
                    if case .map(let src) = value {
                        let childMerge = chart.dependencies.contains { $0.name == key } ? true : merge
                        tables(dest, src, prefix: concat(subPrefix, key), merge: childMerge)
                    } else if !ValueConversion.isNull(value) {
                        warn("warning: skipped value for \(subPrefix).\(key): Not a table.", at: "coalesce.go:237")
                    }
                }
            } else {
                v[key] = value
            }
        }
    }

    /// `coalesceTablesFullKey`: `src` fills what `dst` lacks; `dst` wins on conflicts. As in helm
    /// v3.19.0, a null in `dst` deletes the key only when `src` has it (later 3.19.x patches also
    /// delete nulls `src` lacks; the release this follows does not).
    @discardableResult
    static func tables(_ dst: GoMap, _ src: GoMap, prefix: String = "", merge: Bool) -> GoMap {
        for (key, value) in src.storage {
            let fullKey = concat(prefix, key)
            let dv = dst[key]
            if let dv, !merge, case .null = dv {
                dst[key] = nil
            } else if dv == nil {
                dst[key] = value
            } else if case .map(let srcTable) = value {
                if case .map(let dstTable)? = dv {
                    tables(dstTable, srcTable, prefix: fullKey, merge: merge)
                } else {
                    warn("warning: cannot overwrite table with non table for \(fullKey) (\(GoFormat.sprint(value)))", at: "coalesce.go:298")
                }
            } else if ValueConversion.isTable(dv) && !ValueConversion.isNull(value) {
                warn("warning: destination for \(fullKey) is a table. Ignoring non-table value (\(GoFormat.sprint(value)))", at: "coalesce.go:301")
            }
        }
        return dst
    }
}
