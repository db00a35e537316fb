import ArgumentParser
import Cluster
import Foundation
import GitOpsAPI

/// `gitops tree kustomization NAME`: the objects a Kustomization manages, nested Kustomizations
/// expanded into what they manage in turn.
struct TreeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tree",
        abstract: "Show the objects a Kustomization manages, as a tree.",
        subcommands: [KustomizationTarget.self]
    )

    struct KustomizationTarget: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "kustomization", abstract: "Show a Kustomization's inventory, nested Kustomizations expanded.", aliases: ["ks"])
        @OptionGroup var state: StateOptions
        @Argument var name: String
        @Option(name: .shortAndLong) var namespace = "flux-system"
        @Option(name: .shortAndLong, help: "Output format: table (a tree), json or yaml.") var output: OutputFormat = .table

        func run() async throws {
            let cluster = try openCluster(state)
            let root = try await loadKustomization(name, namespace: namespace, cluster: cluster)
            var visited: Set<ObjectID> = []
            let tree = try await Node.expand(
                ObjectID(group: "kustomize.toolkit.fluxcd.io", kind: Kustomization.kind, namespace: namespace, name: name),
                inventory: root.status.inventory, cluster: cluster, visited: &visited)
            switch output {
            case .table: print(tree.render(), terminator: "")
            case .json, .yaml: printStructured(tree.json, output)
            }
        }
    }

    /// One object of the tree and what it manages.
    struct Node {
        var id: ObjectID
        var children: [Node] = []

        static func expand(_ id: ObjectID, inventory: [InventoryEntry], cluster: any ClusterClient, visited: inout Set<ObjectID>) async throws -> Node {
            visited.insert(id)
            var node = Node(id: id)
            for entry in inventory.sorted(by: { $0.id.description < $1.id.description }) {
                // A Kustomization in the inventory brings its own inventory; a cycle stops at the second visit.
                if entry.id.kind == Kustomization.kind, entry.id.group == "kustomize.toolkit.fluxcd.io", !visited.contains(entry.id),
                   let object = try await cluster.get(ObjectRef(apiVersion: Kustomization.apiVersion, kind: Kustomization.kind,
                                                                namespace: entry.id.namespace, name: entry.id.name)),
                   let child = try? Kustomization(object)
                {
                    node.children.append(try await expand(entry.id, inventory: child.status.inventory, cluster: cluster, visited: &visited))
                } else {
                    node.children.append(Node(id: entry.id))
                }
            }
            return node
        }

        var label: String { "\(id.kind)/\(id.namespace.isEmpty ? "" : id.namespace + "/")\(id.name)" }

        func render() -> String {
            var out = label + "\n"
            func walk(_ node: Node, _ prefix: String) {
                for (i, child) in node.children.enumerated() {
                    let last = i == node.children.count - 1
                    out += prefix + (last ? "└── " : "├── ") + child.label + "\n"
                    walk(child, prefix + (last ? "    " : "│   "))
                }
            }
            walk(self, "")
            return out
        }

        var json: JSONValue {
            var o: JSONValue = ["kind": .string(id.kind), "namespace": .string(id.namespace), "name": .string(id.name)]
            if !id.group.isEmpty { o.set(["group"], .string(id.group)) }
            if !children.isEmpty { o.set(["resources"], .array(children.map(\.json))) }
            return o
        }
    }
}
