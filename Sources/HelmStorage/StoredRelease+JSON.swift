import Foundation
import GitOpsAPI

extension StoredRelease {
    /// The JSON value Helm's `json.Marshal(release)` produces: fields in struct order, `omitempty`
    /// as tagged, maps (config, values, annotations) with sorted keys.
    public var jsonValue: JSONValue {
        var out = GoJSONWriter()
        out.string("name", name)
        out.value("info", info.jsonValue)
        if let chart { out.value("chart", chart.jsonValue) }
        out.map("config", config, omitEmpty: true)
        out.string("manifest", manifest)
        out.array("hooks", hooks.map(\.jsonValue))
        out.int("version", version)
        out.string("namespace", namespace)
        return out.json
    }

    /// Compact JSON bytes as Go writes them (HTML characters escaped as `\u003c` etc.).
    public func jsonBytes() -> [UInt8] { Array(jsonValue.jsonString().utf8) }

    /// Reads a release from its JSON, as `json.Unmarshal` into `release.Release` does.
    public init(json value: JSONValue) throws {
        let r = try GoJSONReader(value, path: "release")
        self.init(name: try r.string("name"), version: try r.int("version"), namespace: try r.string("namespace"))
        if let info = try r.nested("info") { self.info = try Info(info) }
        if let chart = try r.nested("chart") { self.chart = try StoredChart(chart) }
        config = try r.map("config") ?? [:]
        manifest = try r.string("manifest")
        hooks = try r.objects("hooks") { try Hook($0) }
    }

    /// Reads a release from JSON bytes.
    public init(jsonBytes bytes: [UInt8]) throws {
        let value: JSONValue
        do {
            value = try JSONValue.parse(json: Data(bytes))
        } catch {
            throw HelmStorageError.corrupt("the release record is not valid JSON: \(error)")
        }
        try self.init(json: value)
    }
}

extension StoredRelease.Info {
    var jsonValue: JSONValue {
        var out = GoJSONWriter()
        out.helmTime("first_deployed", firstDeployed)
        out.helmTime("last_deployed", lastDeployed)
        out.helmTime("deleted", deleted)
        out.string("description", description)
        out.string("status", status.rawValue)
        out.string("notes", notes)
        out.map("resources", resources, omitEmpty: true)
        return out.json
    }

    init(_ r: GoJSONReader) throws {
        self.init(firstDeployed: try r.helmTime("first_deployed"), lastDeployed: try r.helmTime("last_deployed"),
                  deleted: try r.helmTime("deleted"), description: try r.string("description"),
                  status: StoredRelease.Status(rawValue: try r.string("status")), notes: try r.string("notes"),
                  resources: try r.map("resources") ?? [:])
    }
}

extension StoredRelease.Hook {
    var jsonValue: JSONValue {
        var out = GoJSONWriter()
        out.string("name", name)
        out.string("kind", kind)
        out.string("path", path)
        out.string("manifest", manifest)
        out.strings("events", events)
        var run = GoJSONWriter()
        run.helmTime("started_at", lastRun.startedAt)
        run.helmTime("completed_at", lastRun.completedAt)
        run.string("phase", lastRun.phase, omitEmpty: false)
        // `last_run` is a struct: omitempty never drops it.
        out.value("last_run", run.json)
        out.int("weight", weight)
        out.strings("delete_policies", deletePolicies)
        out.strings("output_log_policies", outputLogPolicies)
        return out.json
    }

    init(_ r: GoJSONReader) throws {
        var execution = Execution()
        if let run = try r.nested("last_run") {
            execution = Execution(startedAt: try run.helmTime("started_at"), completedAt: try run.helmTime("completed_at"),
                                  phase: try run.string("phase"))
        }
        self.init(name: try r.string("name"), kind: try r.string("kind"), path: try r.string("path"),
                  manifest: try r.string("manifest"), events: try r.strings("events"), lastRun: execution,
                  weight: try r.int("weight"), deletePolicies: try r.strings("delete_policies"),
                  outputLogPolicies: try r.strings("output_log_policies"))
    }
}
