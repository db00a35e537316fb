import Foundation

extension KubeConfig {
    /// Finds and reads the kubeconfig the way kubectl does:
    /// 1. `explicitPath` (`--kubeconfig`), which must exist;
    /// 2. else `$KUBECONFIG`, a colon-separated list merged in order (missing files are skipped);
    /// 3. else `~/.kube/config` (`$HOME` from `environment`), or an empty configuration.
    public static func load(explicitPath: String?, environment: [String: String]) throws -> KubeConfig {
        if let explicitPath, !explicitPath.isEmpty {
            guard FileManager.default.fileExists(atPath: explicitPath) else {
                throw KubeConfigError(.fileUnreadable, "kubeconfig \(explicitPath) (from --kubeconfig) does not exist; pass the path of an existing file")
            }
            return try read(file: explicitPath)
        }
        if let list = environment["KUBECONFIG"], !list.isEmpty {
            var seen = Set<String>()
            let paths = list.split(separator: ":").map(String.init).filter { !$0.isEmpty && seen.insert($0).inserted }
            // kubectl ignores entries of $KUBECONFIG that do not exist.
            let existing = paths.filter { FileManager.default.fileExists(atPath: $0) }
            var merged = KubeConfig(files: [])
            for path in existing { merged.merge(try read(file: path)) }
            return merged
        }
        guard let home = environment["HOME"], !home.isEmpty else { return KubeConfig() }
        let path = URL(fileURLWithPath: home).appendingPathComponent(".kube/config").path
        guard FileManager.default.fileExists(atPath: path) else { return KubeConfig() }
        return try read(file: path)
    }

    /// Reads and parses one kubeconfig file.
    public static func read(file path: String) throws -> KubeConfig {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw KubeConfigError(.fileUnreadable, "cannot read kubeconfig \(path): \(error.localizedDescription); check the path and its permissions")
        }
        return try parse(text, file: path)
    }

    /// Merges a later file into this configuration as kubectl merges `$KUBECONFIG`: for clusters,
    /// users and contexts the first file that defines a name wins, and `current-context` comes
    /// from the first file that sets it.
    public mutating func merge(_ later: KubeConfig) {
        for (name, value) in later.clusters where clusters[name] == nil { clusters[name] = value }
        for (name, value) in later.users where users[name] == nil { users[name] = value }
        for (name, value) in later.contexts where contexts[name] == nil { contexts[name] = value }
        if currentContext == nil { currentContext = later.currentContext }
        files += later.files
    }
}
