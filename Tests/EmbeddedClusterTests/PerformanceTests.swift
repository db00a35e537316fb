import Cluster
import EmbeddedCluster
import Foundation
import GitOpsAPI
import Testing

@Suite("Embedded cluster: performance")
struct PerformanceTests {
    static func manifests(count: Int) -> [KubeObject] {
        (0..<count).map { i in
            switch i % 3 {
            case 0:
                return deployment("app-\(i)", replicas: 2, image: "registry.example.com/app-\(i):1.0.\(i)",
                    labels: ["app.kubernetes.io/name": "app-\(i)", "app.kubernetes.io/part-of": "bench"])
            case 1:
                var s = KubeObject(apiVersion: "v1", kind: "Service", name: "svc-\(i)", namespace: "default")
                s.labels = ["app.kubernetes.io/name": "app-\(i)"]
                s.body["spec"] = [
                    "selector": ["app": .string("app-\(i)")],
                    "ports": [["name": "http", "port": 80, "targetPort": 8080, "protocol": "TCP"]],
                ]
                return s
            default:
                return configMap("config-\(i)", data: ["settings.yaml": "replicas: \(i)\nlevel: info\n", "mode": "prod"],
                    labels: ["app.kubernetes.io/name": "app-\(i)"])
            }
        }
    }

    @Test("prints the time of 1,500 first applies and 1,500 no-change applies")
    func applyThroughput() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cluster-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let cluster = try EmbeddedCluster(path: dir.appendingPathComponent("cluster.db").path)
        let objects = Self.manifests(count: 1_500)
        let clock = ContinuousClock()

        var start = clock.now
        var created = 0
        for o in objects where try cluster.apply(o).action == .created { created += 1 }
        let first = clock.now - start
        #expect(created == objects.count)

        let rv = cluster.currentResourceVersion()
        var unchanged = 0
        start = clock.now
        for o in objects where try cluster.apply(o).action == .unchanged { unchanged += 1 }
        let second = clock.now - start
        #expect(unchanged == objects.count)
        #expect(cluster.currentResourceVersion() == rv)
        print("embedded cluster (SQLite file): 1,500 first applies: \(first); 1,500 no-change applies: \(second)")
    }
}
