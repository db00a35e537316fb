import ArgumentParser
import Foundation
import GitOpsAPI
import YAML

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, yaml
}

/// `-n`, `-A` and `-o`, taken by every listing command.
struct ListingOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "Namespace (default: flux-system; `gitops status` shows every namespace unless -n is given).")
    var namespace: String?
    @Flag(name: [.customShort("A"), .customLong("all-namespaces")], help: "List objects in every namespace.")
    var allNamespaces = false
    @Option(name: .shortAndLong, help: "Output format: table, json or yaml.")
    var output: OutputFormat = .table

    /// The namespace to list, nil for all.
    func scope(defaultNamespace: String? = "flux-system") -> String? {
        allNamespaces ? nil : (namespace ?? defaultNamespace)
    }

    func validate() throws {
        if allNamespaces && namespace != nil { throw ValidationError("-n and -A exclude each other: pick one namespace or all") }
    }
}

/// Prints structured output as JSON or YAML.
func printStructured(_ value: JSONValue, _ format: OutputFormat) {
    switch format {
    case .yaml: print(YAML.emit(value), terminator: "")
    default: print(value.jsonString(sortedKeys: false))
    }
}

/// Colour only on a terminal, and never with NO_COLOR set.
enum Colour {
    static let enabled: Bool = isatty(STDOUT_FILENO) == 1 && ProcessInfoEnv.get("NO_COLOR") == nil

    static func paint(_ s: String, _ code: String) -> String { enabled ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
    static func red(_ s: String) -> String { paint(s, "31") }
    static func green(_ s: String) -> String { paint(s, "32") }
    static func yellow(_ s: String) -> String { paint(s, "33") }

    /// A READY cell: green when ready or configured, red when failing, yellow otherwise.
    static func ready(_ s: String) -> String {
        if s.hasPrefix("True") || s.hasPrefix("Configured") { return green(s) }
        if s.hasPrefix("False") { return red(s) }
        return yellow(s)
    }
}

/// A plain-text table: columns padded to the widest cell, the last column unpadded.
struct TextTable {
    var header: [String]
    var rows: [[String]] = []
    /// Lines printed under a row (indented), e.g. the objects a failing Kustomization names.
    var details: [Int: [String]] = [:]
    /// Which column is coloured as a READY cell.
    var readyColumn: Int?

    func render() -> String {
        let widths = header.indices.map { i in ([header] + rows).map { $0[i].count }.max() ?? 0 }
        func line(_ cells: [String], colour: Bool) -> String {
            var out = ""
            for (i, cell) in cells.enumerated() {
                let padded = i == cells.count - 1 ? cell : cell.padding(toLength: widths[i] + 2, withPad: " ", startingAt: 0)
                out += colour && i == readyColumn ? Colour.ready(padded) : padded
            }
            return out + "\n"
        }
        var out = line(header, colour: false)
        for (n, row) in rows.enumerated() {
            out += line(row, colour: true)
            for detail in details[n] ?? [] { out += detail + "\n" }
        }
        return out
    }
}

/// Wraps a multi-line message to `width` columns, each line indented, for the lines under a row.
func wrapped(_ message: String, indent: String = "    ", width: Int = 100) -> [String] {
    var lines: [String] = []
    for paragraph in message.split(separator: "\n", omittingEmptySubsequences: true) {
        var current = ""
        for word in paragraph.split(separator: " ", omittingEmptySubsequences: false) {
            if !current.isEmpty && current.count + word.count + 1 > width - indent.count {
                lines.append(indent + current)
                current = "  " + word
            } else {
                current += current.isEmpty ? String(word) : " " + word
            }
        }
        if !current.isEmpty { lines.append(indent + current) }
    }
    return lines
}
