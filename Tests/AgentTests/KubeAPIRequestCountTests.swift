import Cluster
import Foundation
import GitOpsAPI
import KubeAPIServer
import Testing

/// What a reconcile costs a real API server, read from the loopback server's request log.
@Suite("Requests a reconcile sends through the Kubernetes API", .serialized)
struct KubeAPIRequestCountTests {
    static let count = 40
    static let collection = "/api/v1/namespaces/default/configmaps"

    /// `count` ConfigMaps in the namespace `default` (which exists): one kind, so each pass
    /// lists once and the labelled LISTs mark where passes begin.
    static var files: [String: String] {
        var files: [String: String] = [:]
        for i in 0..<count { files["deploy/cm-\(i).yaml"] = Manifests.configMap("cm-\(i)", namespace: "default", data: "\(i)") }
        return files
    }

    /// The LIST the Kustomize component sends for the live state of its ConfigMaps.
    static func isOwnedList(_ r: LoggedRequest) -> Bool {
        r.method == "GET" && r.path == collection
            && r.parameters["labelSelector"] == "kustomize.toolkit.fluxcd.io/name=flux-system,kustomize.toolkit.fluxcd.io/namespace=flux-system"
    }

    /// Requests for single ConfigMaps of the kustomization (`…/configmaps/cm-N`).
    static func objectRequests(_ log: ArraySlice<LoggedRequest>) -> [LoggedRequest] {
        log.filter { $0.path.hasPrefix(collection + "/cm-") }
    }

    @Test("a reconcile with no change sends one dry run per object and one LIST per kind: no read of single objects, no write")
    func noChangePass() async throws {
        let h = try await AgentHarness.start(.kubeAPI, files: Self.files)
        #expect(await h.eventually(.seconds(30)) { try h.ready()?.status == .true })
        let server = try #require(h.apiServer)
        // Two more passes (interval 1s) start after the first one that succeeded.
        #expect(await h.eventually(.seconds(20)) { server.requests.filter(Self.isOwnedList).count >= 4 })
        await h.stop()
        let log = server.requests
        let starts = log.indices.filter { Self.isOwnedList(log[$0]) }

        // The first pass: nothing carries our labels yet, so each object is read once (by its
        // dry run) and then created without a second read.
        let first = Self.objectRequests(log[starts[0]..<starts[1]])
        #expect(first.filter { $0.method == "GET" }.count == Self.count)
        #expect(first.filter { $0.method == "PATCH" && $0.parameters["dryRun"] == "All" }.count == Self.count)
        #expect(first.filter { $0.method == "PATCH" && $0.parameters["dryRun"] == nil }.count == Self.count)

        // A pass with nothing to change, between the third and fourth LIST (the second pass may
        // still have written the status of the first).
        let pass = log[starts[2]..<starts[3]]
        let objects = Self.objectRequests(pass)
        let dryRuns = objects.filter { $0.method == "PATCH" && $0.parameters["dryRun"] == "All" }
        #expect(dryRuns.count == Self.count, "\(objects.map(\.description))")
        #expect(Set(dryRuns.map(\.path)).count == Self.count, "one dry run per object")
        #expect(objects.filter { $0.method == "GET" }.isEmpty, "no GET of single objects: \(objects.filter { $0.method == "GET" })")
        #expect(objects.filter { $0.parameters["dryRun"] == nil && $0.method != "GET" }.isEmpty, "no write")
        #expect(pass.filter { $0.path.hasPrefix(Self.collection) && $0.method == "GET" }.count == 1, "one LIST")
        // Nor is the unchanged inventory written again.
        let inventoryWrites = pass.filter { $0.method == "PUT" && $0.path.hasSuffix("/kustomizations/flux-system/status") }
        #expect(inventoryWrites.count <= 1, "only the status commit may write: \(inventoryWrites)")
        #expect(dryRuns.allSatisfy { $0.status == 200 })
    }
}
