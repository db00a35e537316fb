import ArgumentParser
import Foundation
import GitOpsAPI
import Runtime
import YAML

/// `gitops events`: what the components reported, newest last, from the durable event log.
struct EventsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "Show the events the agent recorded (reconciles, failures, rollbacks, undeliverable notifications).",
        discussion: "Reads the agent's event log, so it works whether or not the agent is running."
    )

    @OptionGroup var state: StateOptions
    @Option(name: .customLong("for"), help: ArgumentHelp("Only events of one object: KIND/NAME (namespace from -n).", valueName: "KIND/NAME"))
    var target: String?
    @Option(name: .shortAndLong, help: "Namespace of --for.") var namespace = "flux-system"
    @Option(help: "How many events at most.") var limit = 50
    @Flag(help: "Keep printing new events as they are recorded.") var watch = false
    @Option(name: .shortAndLong, help: "Output format: table, json or yaml.") var output: OutputFormat = .table

    func run() async throws {
        let path = state.resolved + "/events.db"
        guard FileManager.default.fileExists(atPath: path) else {
            throw CLIError("no agent state in \(state.resolved): start the agent with `gitops run --url <repo> --path <dir>`, or pass --state-dir")
        }
        var kind: String?, name: String?
        if let target {
            let parts = target.split(separator: "/", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw ValidationError("--for takes KIND/NAME, e.g. Kustomization/apps") }
            kind = Self.canonicalKind(parts[0])
            name = parts[1]
        }
        let log = try EventLog(path: path)
        var events = try log.recent(kind: kind, namespace: target == nil ? nil : namespace, name: name, limit: limit)
        print(Self.render(events, output: output, header: true), terminator: "")
        guard watch else { return }
        var seen = Set(events.map(Self.identity))
        while !Task.isCancelled {
            try await Task.sleep(for: .milliseconds(500))
            events = try log.recent(kind: kind, namespace: target == nil ? nil : namespace, name: name, limit: limit).filter { !seen.contains(Self.identity($0)) }
            for e in events { seen.insert(Self.identity(e)) }
            if !events.isEmpty { print(Self.render(events, output: output, header: false), terminator: "") }
            fflush(nil)
        }
    }

    /// `ks`, `kustomization`, `Kustomization` → `Kustomization`.
    static func canonicalKind(_ s: String) -> String {
        switch s.lowercased() {
        case "ks", "kustomization", "kustomizations": return Kustomization.kind
        case "gitrepository", "gitrepositories", "gitrepo", "source": return GitRepository.kind
        case "provider", "providers": return Provider.kind
        case "alert", "alerts": return Alert.kind
        case "receiver", "receivers": return Receiver.kind
        case "helmrelease", "hr": return HelmRelease.kind
        default: return s
        }
    }

    static func identity(_ e: Event) -> String { "\(e.timestamp)|\(e.involvedObject)|\(e.reason)|\(e.message)" }

    static func render(_ events: [Event], output: OutputFormat, header: Bool) -> String {
        switch output {
        case .json: return events.map { $0.json.jsonString() + "\n" }.joined()
        case .yaml: return events.map { "---\n" + YAML.emit($0.json) }.joined()
        case .table:
            var rows: [[String]] = header ? [["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"]] : []
            for e in events {
                rows.append([Timestamp.age(of: e.timestamp), e.severity == .error ? "Warning" : "Normal", e.reason,
                             "\(e.involvedObject.kind)/\(e.involvedObject.name)", e.message.split(separator: "\n").joined(separator: " | ")])
            }
            guard !rows.isEmpty else { return "" }
            let widths = (0..<4).map { i in rows.map { $0[i].count }.max() ?? 0 }
            return rows.map { row in (0..<4).map { row[$0].padding(toLength: widths[$0] + 2, withPad: " ", startingAt: 0) }.joined() + row[4] + "\n" }.joined()
        }
    }
}
