import Agent
import ArgumentParser
import Cluster
import Foundation
import GitOpsAPI

/// `gitops get sources git|helm`, `get kustomizations`, `get releases`, `get alerts|providers|receivers`:
/// Flux's `flux get` tables (NAME REVISION SUSPENDED READY MESSAGE, NAMESPACE first with -A).
struct GetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get",
        abstract: "List Flux objects of one kind, as `flux get` does.",
        subcommands: [Sources.self, Kustomizations.self, Releases.self, Alerts.self, Providers.self, Receivers.self]
    )

    struct Sources: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "sources", abstract: "List sources.",
                                                        subcommands: [Git.self, Helm.self], aliases: ["source"])
        struct Git: GetKind { static let configuration = Self.make("git", .gitRepository); @OptionGroup var options: GetOptions }
        struct Helm: GetKind { static let configuration = Self.make("helm", .helmRepository); @OptionGroup var options: GetOptions }
    }
    struct Kustomizations: GetKind {
        static let configuration = Self.make("kustomizations", .kustomization, aliases: ["kustomization", "ks"])
        @OptionGroup var options: GetOptions
    }
    struct Releases: GetKind {
        static let configuration = Self.make("releases", .helmRelease, aliases: ["release", "helmreleases", "hr"])
        @OptionGroup var options: GetOptions
    }
    struct Alerts: GetKind { static let configuration = Self.make("alerts", .alert, aliases: ["alert"]); @OptionGroup var options: GetOptions }
    struct Providers: GetKind { static let configuration = Self.make("providers", .provider, aliases: ["provider"]); @OptionGroup var options: GetOptions }
    struct Receivers: GetKind { static let configuration = Self.make("receivers", .receiver, aliases: ["receiver"]); @OptionGroup var options: GetOptions }
}

struct GetOptions: ParsableArguments {
    @OptionGroup var state: StateOptions
    @OptionGroup var listing: ListingOptions
    @Argument(help: "Only this object.") var name: String?
}

/// One `get` subcommand: which kind it lists comes from its configuration.
protocol GetKind: AsyncParsableCommand {
    var options: GetOptions { get }
}

extension GetKind {
    static func make(_ name: String, _ kind: FluxKind, aliases: [String] = []) -> CommandConfiguration {
        CommandConfiguration(commandName: name, abstract: "List \(kind.kind) objects.", aliases: aliases)
    }

    /// The kind this command lists, found from its command name.
    static var fluxKind: FluxKind {
        let name = configuration.commandName ?? ""
        switch name {
        case "git": return .gitRepository
        case "helm": return .helmRepository
        default: return FluxKind.all.first { $0.command == name }!
        }
    }

    func run() async throws {
        let kind = Self.fluxKind
        let cluster = try openCluster(options.state)
        let namespace = options.listing.scope()
        var rows = try await StatusReport.collect(cluster, namespace: namespace, kinds: [kind])
            .sorted { ($0.namespace, $0.name) < ($1.namespace, $1.name) }
        if let name = options.name {
            rows = rows.filter { $0.name == name }
            if rows.isEmpty {
                throw CLIError("\(kind.kind) '\(namespace ?? "*")/\(name)' not found; `gitops get \(kind.command)\(namespace == nil ? " -A" : " -n \(namespace!)")` lists what exists")
            }
        }
        switch options.listing.output {
        case .table:
            if rows.isEmpty {
                FileHandle.standardError.write(Data("no \(kind.kind) objects found in \(namespace.map { "\($0) namespace" } ?? "any namespace")\n".utf8))
            } else {
                print(Self.table(rows, kind: kind, allNamespaces: namespace == nil), terminator: "")
            }
        case .json, .yaml: printStructured(StatusReport.json(rows), options.listing.output)
        }
    }

    static func table(_ rows: [StatusRow], kind: FluxKind, allNamespaces: Bool) -> String {
        var header = ["NAME"] + (kind.hasRevision ? ["REVISION"] : []) + ["SUSPENDED", "READY", "MESSAGE"]
        if allNamespaces { header.insert("NAMESPACE", at: 0) }
        var table = TextTable(header: header, readyColumn: header.firstIndex(of: "READY"))
        for r in rows {
            var row = [r.name] + (kind.hasRevision ? [r.revision] : []) +
                [r.suspended ? "True" : "False", kind.hasReady ? r.ready : "-", r.message.split(separator: "\n").joined(separator: " | ")]
            if allNamespaces { row.insert(r.namespace, at: 0) }
            table.rows.append(row)
        }
        return table.render()
    }
}
