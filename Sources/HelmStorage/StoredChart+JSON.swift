import GitOpsAPI

extension StoredChart {
    /// `json.Marshal(chart)`: none of `metadata`, `lock`, `templates`, `values`, `schema`,
    /// `files` is omitempty, so absent ones print `null`.
    public var jsonValue: JSONValue {
        var out = GoJSONWriter()
        out.value("metadata", metadata?.jsonValue ?? .null)
        out.value("lock", lock?.jsonValue ?? .null)
        out.array("templates", templates.map(\.jsonValue), omitEmpty: false)
        out.map("values", values, omitEmpty: false)
        out.bytes("schema", schema)
        out.array("files", files.map(\.jsonValue), omitEmpty: false)
        return out.json
    }

    init(_ r: GoJSONReader) throws {
        self.init()
        if let metadata = try r.nested("metadata") { self.metadata = try Metadata(metadata) }
        if let lock = try r.nested("lock") { self.lock = try Lock(lock) }
        templates = try r.objects("templates") { try File($0) }
        values = try r.map("values")
        schema = try r.bytes("schema")
        files = try r.objects("files") { try File($0) }
    }
}

extension StoredChart.File {
    var jsonValue: JSONValue {
        var out = GoJSONWriter()
        out.string("name", name, omitEmpty: false)
        out.bytes("data", data)
        return out.json
    }

    init(_ r: GoJSONReader) throws {
        self.init(name: try r.string("name"), data: try r.bytes("data") ?? [])
    }
}

extension StoredChart.Maintainer {
    var jsonValue: JSONValue {
        var out = GoJSONWriter()
        out.string("name", name)
        out.string("email", email)
        out.string("url", url)
        return out.json
    }

    init(_ r: GoJSONReader) throws {
        self.init(name: try r.string("name"), email: try r.string("email"), url: try r.string("url"))
    }
}

extension StoredChart.Dependency {
    var jsonValue: JSONValue {
        var out = GoJSONWriter()
        out.string("name", name, omitEmpty: false)
        out.string("version", version)
        out.string("repository", repository, omitEmpty: false)
        out.string("condition", condition)
        out.strings("tags", tags)
        out.bool("enabled", enabled)
        out.array("import-values", importValues.map { $0.goMapOrder() })
        out.string("alias", alias)
        return out.json
    }

    init(_ r: GoJSONReader) throws {
        self.init(name: try r.string("name"), version: try r.string("version"), repository: try r.string("repository"),
                  condition: try r.string("condition"), tags: try r.strings("tags"), enabled: try r.bool("enabled"),
                  importValues: try r.array("import-values"), alias: try r.string("alias"))
    }
}

extension StoredChart.Lock {
    var jsonValue: JSONValue {
        var out = GoJSONWriter()
        out.string("generated", generated.description, omitEmpty: false)
        out.string("digest", digest, omitEmpty: false)
        out.array("dependencies", dependencies.map(\.jsonValue), omitEmpty: false)
        return out.json
    }

    init(_ r: GoJSONReader) throws {
        let text = try r.string("generated")
        guard text.isEmpty || GoTime(rfc3339: text) != nil else {
            throw HelmStorageError.corrupt("\(r.path).generated \"\(text)\" is not an RFC 3339 time")
        }
        self.init(generated: GoTime(rfc3339: text) ?? .goZero, digest: try r.string("digest"),
                  dependencies: try r.objects("dependencies") { try StoredChart.Dependency($0) })
    }
}

extension StoredChart.Metadata {
    var jsonValue: JSONValue {
        var out = GoJSONWriter()
        out.string("name", name)
        out.string("home", home)
        out.strings("sources", sources)
        out.string("version", version)
        out.string("description", description)
        out.strings("keywords", keywords)
        out.array("maintainers", maintainers.map(\.jsonValue))
        out.string("icon", icon)
        out.string("apiVersion", apiVersion)
        out.string("condition", condition)
        out.string("tags", tags)
        out.string("appVersion", appVersion)
        out.bool("deprecated", deprecated)
        out.map("annotations", JSONObject(uniqueKeysWithValues: annotations.map { ($0.key, JSONValue.string($0.value)) }), omitEmpty: true)
        out.string("kubeVersion", kubeVersion)
        out.array("dependencies", dependencies.map(\.jsonValue))
        out.string("type", type)
        return out.json
    }

    init(_ r: GoJSONReader) throws {
        self.init(name: try r.string("name"), version: try r.string("version"), apiVersion: try r.string("apiVersion"),
                  appVersion: try r.string("appVersion"), description: try r.string("description"), type: try r.string("type"))
        home = try r.string("home")
        sources = try r.strings("sources")
        keywords = try r.strings("keywords")
        maintainers = try r.objects("maintainers") { try StoredChart.Maintainer($0) }
        icon = try r.string("icon")
        condition = try r.string("condition")
        tags = try r.string("tags")
        deprecated = try r.bool("deprecated")
        for (key, value) in try r.map("annotations") ?? [:] {
            guard let text = value.stringValue else {
                throw HelmStorageError.corrupt("\(r.path).annotations.\(key) is \(value.typeName), expected a string")
            }
            annotations[key] = text
        }
        kubeVersion = try r.string("kubeVersion")
        dependencies = try r.objects("dependencies") { try StoredChart.Dependency($0) }
    }
}
