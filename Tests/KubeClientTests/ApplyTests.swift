import Cluster
import Foundation
import GitOpsAPI
import KubeAPIServer
import KubeClient
import Testing

@Suite("Server-side apply through KubeClient")
struct ApplyTests {
    @Test("applies with PATCH application/apply-patch+yaml and fieldManager, created then unchanged then configured")
    func applyActions() async throws {
        let f = try await Fixture.start()
        defer { Task { await f.stop() } }
        let created = try await f.client.apply(deployment("web"), options: ApplyOptions())
        #expect(created.action == .created)
        let patch = try #require(f.server.requests.last)
        #expect(patch.method == "PATCH")
        #expect(patch.path == "/apis/apps/v1/namespaces/default/deployments/web")
        #expect(patch.contentType == "application/apply-patch+yaml")
        #expect(patch.parameters == ["fieldManager": "gitops"])  // no force, no dryRun unless asked

        let same = try await f.client.apply(deployment("web"), options: ApplyOptions())
        #expect(same.action == .unchanged)
        #expect(same.object.resourceVersion == created.object.resourceVersion)

        let scaled = try await f.client.apply(deployment("web", replicas: 3), options: ApplyOptions())
        #expect(scaled.action == .configured)
        #expect(scaled.object.body[path: ["spec", "replicas"]] == 3)
        #expect(scaled.object.generation == 2)
    }

    @Test("dry-run apply stores nothing and tells drift from no drift")
    func dryRunApply() async throws {
        let f = try await Fixture.start()
        defer { Task { await f.stop() } }
        let preview = try await f.client.apply(deployment("web"), options: ApplyOptions(dryRun: true))
        #expect(preview.action == .created)
        #expect(try f.cluster.get(deployment("web").ref) == nil)
        #expect(f.server.requests.last?.parameters["dryRun"] == "All")

        _ = try await f.client.apply(deployment("web"), options: ApplyOptions())
        let before = f.client.requestCounts
        let noDrift = try await f.client.apply(deployment("web"), options: ApplyOptions(dryRun: true))
        #expect(noDrift.action == .unchanged)
        let drift = try await f.client.apply(deployment("web", image: "nginx:1.28"), options: ApplyOptions(dryRun: true))
        #expect(drift.action == .configured)
        #expect(try f.cluster.get(deployment("web").ref)?.body[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first?["image"] == "nginx:1.27")
        // A dry-run apply costs one read (the live object) and one dry run, no write.
        let spent = f.client.requestCounts.since(before)
        #expect(spent.reads == 2 && spent.dryRuns == 2 && spent.writes == 0)
    }

    @Test("reports a field-manager conflict with the fields and the other manager, and forces only when asked")
    func conflicts() async throws {
        let f = try await Fixture.start()
        defer { Task { await f.stop() } }
        _ = try await f.client.apply(deployment("web"), options: ApplyOptions())
        // Someone scales by hand with their own manager.
        _ = try f.cluster.apply(deployment("web", replicas: 5), options: ApplyOptions(fieldManager: "kubectl-scale", force: true))
        let error = try #require(await clusterError { _ = try await f.client.apply(deployment("web", replicas: 2), options: ApplyOptions()) })
        #expect(error.reason == .conflict)
        #expect(error.code == 409)
        #expect(error.message.contains("kubectl-scale"))
        #expect(error.message.contains(".spec.replicas"))
        #expect(error.object?.description == "Deployment/default/web")
        #expect(f.server.requests.last?.parameters["force"] == nil)

        let forced = try await f.client.apply(deployment("web", replicas: 2), options: ApplyOptions(force: true))
        #expect(forced.action == .configured)
        #expect(forced.object.body[path: ["spec", "replicas"]] == 2)
        #expect(f.server.requests.last?.parameters["force"] == "true")
    }

    @Test("refuses an object without a name before sending anything")
    func nameRequired() async throws {
        let f = try await Fixture.start()
        defer { Task { await f.stop() } }
        let error = await clusterError { _ = try await f.client.apply(configMap(""), options: ApplyOptions()) }
        #expect(error?.reason == .invalid)
        #expect(!f.server.requests.contains { $0.method == "PATCH" })
    }
}

@Suite("Request budget")
struct RequestBudgetTests {
    @Test("a no-change pass over many objects sends one read and one dry run per object, and no write")
    func noChangePass() async throws {
        let f = try await Fixture.start()
        defer { Task { await f.stop() } }
        let objects = (0..<120).map { configMap("cm-\($0)", data: ["index": "\($0)"]) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for object in objects { group.addTask { _ = try await f.client.apply(object, options: ApplyOptions()) } }
            try await group.waitForAll()
        }
        let before = f.client.requestCounts
        let actions = try await withThrowingTaskGroup(of: ApplyAction.self) { group in
            for object in objects { group.addTask { try await f.client.apply(object, options: ApplyOptions(dryRun: true)).action } }
            return try await group.reduce(into: [ApplyAction]()) { $0.append($1) }
        }
        #expect(actions.allSatisfy { $0 == .unchanged })
        let spent = f.client.requestCounts.since(before)
        #expect(spent.reads == objects.count && spent.dryRuns == objects.count)
        #expect(spent.writes == 0 && spent.discovery == 0 && spent.retries == 0)
    }
}
