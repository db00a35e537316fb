import Curl
import Foundation
import GitOpsAPI
import Testing

/// The agent's read-only JSON API on an ephemeral port, called with the project's libcurl client.
@Suite("The HTTP API shows what the agent sees", .serialized)
struct APITests {
    let client = CurlClient()

    func get(_ url: String) async throws -> (status: Int, contentType: String?, json: JSONValue) {
        let response = try await client.perform(CurlRequest(method: "GET", url: url))
        return (response.status, response.header("Content-Type"), try JSONValue.parse(json: response.text))
    }

    /// A Ready agent on one ConfigMap with its HTTP server on 127.0.0.1:0.
    func readyAgent() async throws -> (AgentHarness, String) {
        let h = try AgentHarness(files: ["deploy/ns.yaml": Manifests.namespace, "deploy/cm.yaml": Manifests.configMap("settings", data: "one")],
                                 interval: "1h", httpAddress: "127.0.0.1:0")
        h.start()
        let port = try await h.httpPort()
        #expect(await h.eventually { try h.ready()?.status == .true })
        return (h, "http://127.0.0.1:\(port)")
    }

    @Test("/api/v1/status has one row per source and Kustomization, with the status table's fields")
    func status() async throws {
        let (h, base) = try await readyAgent()
        defer { Task { await h.stop() } }
        let answer = try await get(base + "/api/v1/status")
        #expect(answer.status == 200)
        #expect(answer.contentType == "application/json")
        let rows = try #require(answer.json.arrayValue)
        #expect(rows.count == 2)
        for row in rows {
            for key in ["kind", "namespace", "name", "ready", "revision", "lastTransitionTime", "reason", "message"] {
                #expect(row[key]?.stringValue != nil, "row lacks \(key): \(row.jsonString())")
            }
            #expect(row["suspended"]?.boolValue == false)
            #expect(row["ready"]?.stringValue == "True")
            #expect(row["revision"]?.stringValue?.hasPrefix("main@sha1:") == true)
        }
        #expect(Set(rows.compactMap { $0["kind"]?.stringValue }) == ["GitRepository", "Kustomization"])
    }

    @Test("/api/v1/objects lists a kind, filters by namespace, gets one object, and answers 404 for unknown kinds and objects")
    func objects() async throws {
        let (h, base) = try await readyAgent()
        defer { Task { await h.stop() } }
        let list = try await get(base + "/api/v1/objects/kustomizations")
        #expect(list.status == 200)
        #expect(list.contentType == "application/json")
        #expect(list.json["kind"]?.stringValue == "KustomizationList")
        let items = try #require(list.json["items"]?.arrayValue)
        #expect(items.map { $0[path: ["metadata", "name"]]?.stringValue } == ["flux-system"])

        let elsewhere = try await get(base + "/api/v1/objects/kustomization?namespace=apps")
        #expect(elsewhere.json["items"]?.arrayValue?.isEmpty == true)

        let one = try await get(base + "/api/v1/objects/gitrepository/flux-system/flux-system")
        #expect(one.status == 200)
        #expect(one.json["kind"]?.stringValue == "GitRepository")
        #expect(one.json[path: ["status", "artifact", "revision"]]?.stringValue?.hasPrefix("main@sha1:") == true)

        for path in ["/api/v1/objects/secrets", "/api/v1/objects/kustomization/flux-system/missing", "/api/v1/nothing"] {
            let missing = try await get(base + path)
            #expect(missing.status == 404, "\(path)")
            #expect(missing.contentType == "application/json")
            #expect(missing.json["error"]?.stringValue?.isEmpty == false, "\(path)")
        }
    }

    @Test("/api/v1/events returns recent events as JSON, filtered by object and limited")
    func events() async throws {
        let (h, base) = try await readyAgent()
        defer { Task { await h.stop() } }
        #expect(await h.eventually { try h.agent.events.recent(kind: "Kustomization").isEmpty == false })
        let all = try await get(base + "/api/v1/events")
        #expect(all.status == 200)
        #expect(all.contentType == "application/json")
        let events = try #require(all.json.arrayValue)
        #expect(!events.isEmpty)
        #expect(events.allSatisfy { $0["involvedObject"]?["kind"]?.stringValue != nil && $0["reason"]?.stringValue != nil })

        let filtered = try #require(try await get(base + "/api/v1/events?kind=Kustomization&namespace=flux-system&name=flux-system").json.arrayValue)
        #expect(!filtered.isEmpty)
        #expect(filtered.allSatisfy { $0["involvedObject"]?["kind"]?.stringValue == "Kustomization" })

        let limited = try #require(try await get(base + "/api/v1/events?limit=1").json.arrayValue)
        #expect(limited.count == 1)
        #expect(try await get(base + "/api/v1/events?limit=zero").status == 400)
    }
}
