import Foundation
import GitOpsAPI
import YAML

extension KubeConfig {
    /// Reads one kubeconfig document. `file` names it in errors and anchors relative paths
    /// (kubectl resolves `certificate-authority`, `client-certificate`, `client-key`, `tokenFile`
    /// and a path-like exec `command` against the directory of the file that holds them).
    public static func parse(_ text: String, file: String? = nil) throws -> KubeConfig {
        let root = try YAML.parse(text, file: file)
        let label = file ?? "kubeconfig"
        // An empty file is an empty configuration, as kubectl treats it.
        if root.isNull { return KubeConfig(files: file.map { [$0] } ?? []) }
        guard let object = root.objectValue else {
            throw KubeConfigError(.invalid, "\(label): expected a mapping with apiVersion: v1, kind: Config, found \(root.typeName)")
        }
        if let kind = object["kind"]?.stringValue, kind != "Config" {
            throw KubeConfigError(.invalid, "\(label): kind is \"\(kind)\", expected \"Config\"; is this a kubeconfig file?")
        }
        let reader = Reader(label: label, directory: file.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path })
        var config = KubeConfig(files: file.map { [$0] } ?? [])

        for (i, item) in try reader.list(root, "clusters").enumerated() {
            let at = "clusters[\(i)]"
            let name = try reader.requiredString(item, "name", at)
            let c = item["cluster"] ?? .object([:])
            let where_ = "\(at).cluster (cluster \"\(name)\")"
            // First definition of a name wins, within a file as across files.
            guard config.clusters[name] == nil else { continue }
            config.clusters[name] = Cluster(
                name: name,
                server: try reader.string(c, "server", where_) ?? "",
                certificateAuthority: try reader.path(c, "certificate-authority", where_),
                certificateAuthorityData: try reader.data(c, "certificate-authority-data", where_),
                insecureSkipTLSVerify: try reader.bool(c, "insecure-skip-tls-verify", where_) ?? false,
                tlsServerName: try reader.string(c, "tls-server-name", where_),
                proxyURL: try reader.string(c, "proxy-url", where_),
                file: file)
        }

        for (i, item) in try reader.list(root, "users").enumerated() {
            let at = "users[\(i)]"
            let name = try reader.requiredString(item, "name", at)
            let u = item["user"] ?? .object([:])
            let where_ = "\(at).user (user \"\(name)\")"
            guard config.users[name] == nil else { continue }
            var exec: ExecConfig?
            if let e = u["exec"], !e.isNull {
                exec = try reader.exec(e, "\(where_).exec")
            }
            config.users[name] = User(
                name: name,
                token: try reader.string(u, "token", where_),
                tokenFile: try reader.path(u, "tokenFile", where_),
                clientCertificate: try reader.path(u, "client-certificate", where_),
                clientCertificateData: try reader.data(u, "client-certificate-data", where_),
                clientKey: try reader.path(u, "client-key", where_),
                clientKeyData: try reader.data(u, "client-key-data", where_),
                username: try reader.string(u, "username", where_),
                password: try reader.string(u, "password", where_),
                exec: exec,
                file: file)
        }

        for (i, item) in try reader.list(root, "contexts").enumerated() {
            let at = "contexts[\(i)]"
            let name = try reader.requiredString(item, "name", at)
            let c = item["context"] ?? .object([:])
            let where_ = "\(at).context (context \"\(name)\")"
            guard config.contexts[name] == nil else { continue }
            config.contexts[name] = Context(
                name: name,
                cluster: try reader.string(c, "cluster", where_) ?? "",
                user: try reader.string(c, "user", where_) ?? "",
                namespace: try reader.string(c, "namespace", where_).flatMap { $0.isEmpty ? nil : $0 },
                file: file)
        }

        if let current = try reader.string(root, "current-context", "top level"), !current.isEmpty {
            config.currentContext = current
        }
        return config
    }
}

/// Typed field access with errors that point at the field, never at its value.
private struct Reader {
    let label: String
    let directory: String?

    func fail(_ at: String, _ key: String, _ problem: String) -> KubeConfigError {
        KubeConfigError(.invalid, "\(label): \(at): \(key) \(problem); fix the kubeconfig file")
    }

    func list(_ root: JSONValue, _ key: String) throws -> [JSONValue] {
        guard let v = root[key], !v.isNull else { return [] }
        guard let a = v.arrayValue else { throw fail("top level", key, "must be a list, found \(v.typeName)") }
        return a
    }

    func string(_ v: JSONValue, _ key: String, _ at: String) throws -> String? {
        guard let x = v[key], !x.isNull else { return nil }
        switch x {
        case .string(let s): return s
        // YAML may read `server: 8443`-like scalars as numbers; Go's decoder would reject
        // them, but nothing is gained by refusing a number where a name is meant.
        case .int(let i): return String(i)
        default: throw fail(at, key, "must be a string, found \(x.typeName)")
        }
    }

    func requiredString(_ v: JSONValue, _ key: String, _ at: String) throws -> String {
        guard let s = try string(v, key, at), !s.isEmpty else { throw fail(at, key, "is missing") }
        return s
    }

    func bool(_ v: JSONValue, _ key: String, _ at: String) throws -> Bool? {
        guard let x = v[key], !x.isNull else { return nil }
        if let b = x.boolValue { return b }
        if let s = x.stringValue, s == "true" || s == "false" { return s == "true" }
        throw fail(at, key, "must be true or false, found \(x.typeName)")
    }

    /// A file path made absolute against the kubeconfig's directory.
    func path(_ v: JSONValue, _ key: String, _ at: String) throws -> String? {
        guard let p = try string(v, key, at), !p.isEmpty else { return nil }
        return resolve(p)
    }

    func resolve(_ p: String) -> String {
        if p.hasPrefix("/") { return p }
        guard let directory else { return p }
        return URL(fileURLWithPath: directory).appendingPathComponent(p).standardizedFileURL.path
    }

    /// A `*-data` field: base64 in the file (Go's `[]byte` in JSON), bytes here.
    func data(_ v: JSONValue, _ key: String, _ at: String) throws -> Data? {
        guard let s = try string(v, key, at), !s.isEmpty else { return nil }
        let compact = s.filter { !$0.isWhitespace }
        guard let d = Data(base64Encoded: compact) else {
            throw fail(at, key, "is not valid base64 (kubeconfig *-data fields hold base64 of the PEM)")
        }
        return d
    }

    func exec(_ e: JSONValue, _ at: String) throws -> KubeConfig.ExecConfig {
        guard e.objectValue != nil else { throw fail(at, "exec", "must be a mapping") }
        let command = try requiredString(e, "command", at)
        var args: [String] = []
        if let a = e["args"], !a.isNull {
            guard let items = a.arrayValue else { throw fail(at, "args", "must be a list of strings") }
            for item in items {
                guard let s = item.stringValue ?? item.intValue.map(String.init) else {
                    throw fail(at, "args", "must be a list of strings")
                }
                args.append(s)
            }
        }
        var env: [KubeConfig.ExecConfig.EnvVar] = []
        if let list = e["env"], !list.isNull {
            guard let items = list.arrayValue else { throw fail(at, "env", "must be a list of {name, value}") }
            for (i, item) in items.enumerated() {
                let name = try requiredString(item, "name", "\(at).env[\(i)]")
                env.append(.init(name: name, value: try string(item, "value", "\(at).env[\(i)]") ?? ""))
            }
        }
        let apiVersion = try string(e, "apiVersion", at) ?? ""
        guard apiVersion.hasPrefix("client.authentication.k8s.io/") else {
            throw fail(at, "apiVersion", "must be client.authentication.k8s.io/v1 or v1beta1, found \"\(apiVersion)\"")
        }
        let mode = try string(e, "interactiveMode", at) ?? "IfAvailable"
        guard ["Never", "IfAvailable", "Always"].contains(mode) else {
            throw fail(at, "interactiveMode", "must be Never, IfAvailable or Always, found \"\(mode)\"")
        }
        return .init(
            apiVersion: apiVersion,
            // kubectl resolves only a command that contains a separator; a bare name is looked up on PATH.
            command: command.contains("/") ? resolve(command) : command,
            args: args, env: env, interactiveMode: mode,
            provideClusterInfo: try bool(e, "provideClusterInfo", at) ?? false)
    }
}
