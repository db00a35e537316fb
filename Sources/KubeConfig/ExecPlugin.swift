import Foundation
import GitOpsAPI

/// Runs an exec credential plugin the way kubectl does: the agent's environment plus the
/// kubeconfig's `env`, and `KUBERNETES_EXEC_INFO` describing the request. The agent is never
/// interactive, so a plugin with `interactiveMode: Always` is refused before it runs.
///
/// Blocking: call it from a thread that may wait (the agent's blocking-work pool).
public enum ExecPlugin {
    /// The `KUBERNETES_EXEC_INFO` JSON: `{"apiVersion":…,"kind":"ExecCredential","spec":{"interactive":false}}`
    /// plus `spec.cluster` when the kubeconfig sets `provideClusterInfo`.
    public static func execInfo(_ config: KubeConfig.ExecConfig, cluster: ClusterConnection?) -> String {
        var spec: JSONObject = ["interactive": false]
        if config.provideClusterInfo, let cluster {
            var c: JSONObject = ["server": .string(cluster.server)]
            if let name = cluster.tlsServerName { c["tls-server-name"] = .string(name) }
            if cluster.insecureSkipTLSVerify { c["insecure-skip-tls-verify"] = true }
            if let ca = cluster.certificateAuthority { c["certificate-authority-data"] = .string(ca.base64EncodedString()) }
            if let proxy = cluster.proxyURL { c["proxy-url"] = .string(proxy) }
            spec["cluster"] = .object(c)
        }
        let info: JSONValue = ["kind": "ExecCredential", "apiVersion": .string(config.apiVersion), "spec": .object(spec)]
        return info.jsonString()
    }

    /// Runs the plugin and decodes what it printed. A plugin that has not finished within
    /// `timeout` (one waiting for a login that never comes) is terminated, and that is an error:
    /// every request of the agent waits on it.
    public static func run(
        _ config: KubeConfig.ExecConfig, environment: [String: String], cluster: ClusterConnection? = nil,
        timeout: Duration = .seconds(60)
    ) throws -> ExecCredential {
        let command = config.command
        if config.interactiveMode == "Always" {
            throw KubeConfigError(.execFailed, "exec plugin \(command) needs an interactive terminal (interactiveMode: Always) and the agent has none; use a plugin mode or credential that works unattended")
        }
        var env = environment
        for variable in config.env { env[variable.name] = variable.value }
        env["KUBERNETES_EXEC_INFO"] = execInfo(config, cluster: cluster)

        guard let executable = locate(command, path: env["PATH"]) else {
            throw KubeConfigError(.execFailed, "exec plugin \(command) not found\(command.contains("/") ? "" : " on PATH"); install it or fix users[].user.exec.command in the kubeconfig")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = config.args
        process.environment = env
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch {
            throw KubeConfigError(.execFailed, "cannot start exec plugin \(executable): \(error.localizedDescription); check that it is executable")
        }
        // Drain stderr on another thread so a chatty plugin cannot fill the pipe and stall.
        let errors = Collected()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errors.set(stderr.fileHandleForReading.readDataToEndOfFile())
            group.leave()
        }
        let timedOut = Collected()
        let deadline = DispatchWorkItem {
            guard process.isRunning else { return }
            timedOut.set(Data([1]))
            process.terminate()
            // Still there a second later: SIGKILL.
            DispatchQueue.global().asyncAfter(deadline: .now() + 1) { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        }
        let (seconds, attoseconds) = timeout.components
        DispatchQueue.global().asyncAfter(deadline: .now() + Double(seconds) + Double(attoseconds) / 1e18, execute: deadline)
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        deadline.cancel()
        group.wait()
        if !timedOut.get().isEmpty {
            throw KubeConfigError(.execFailed, "exec plugin \(command) did not finish within \(timeout) and was stopped; run it by hand to see what it waits for")
        }
        guard process.terminationStatus == 0 else {
            // The plugin's own message is what tells a user what to do (log in again, …).
            let message = String(decoding: errors.get().prefix(1000), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw KubeConfigError(.execFailed, "exec plugin \(command) exited with status \(process.terminationStatus)\(message.isEmpty ? "" : ": \(message)"); run it by hand to see why")
        }
        return try ExecCredential.decode(output, expectedAPIVersion: config.apiVersion, command: command)
    }

    /// An absolute path for `command`: as given when it holds a separator, else the first
    /// executable of that name on `path`.
    static func locate(_ command: String, path: String?) -> String? {
        if command.contains("/") {
            return FileManager.default.isExecutableFile(atPath: command) ? command : nil
        }
        for dir in (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(dir)).appendingPathComponent(command).path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

/// Bytes handed from the stderr reader thread to the caller.
private final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    func set(_ d: Data) { lock.lock(); data = d; lock.unlock() }
    func get() -> Data { lock.lock(); defer { lock.unlock() }; return data }
}
