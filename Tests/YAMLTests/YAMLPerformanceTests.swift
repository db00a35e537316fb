import GitOpsAPI
import Testing
import YAML

@Suite("YAML performance")
struct YAMLPerformanceTests {
    /// A Deployment of about 1 KB, as a repository of manifests holds by the thousand.
    static func deployment(_ i: Int) -> JSONValue {
        let labels: JSONValue = ["app.kubernetes.io/name": .string("app-\(i)"), "app.kubernetes.io/part-of": "shop", "tier": "backend"]
        return [
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": ["name": .string("app-\(i)"), "namespace": "production", "labels": labels,
                         "annotations": ["config.kubernetes.io/origin": "path: apps/app.yaml\nrepo: https://example.com/r.git\n"]],
            "spec": [
                "replicas": 3, "selector": ["matchLabels": labels],
                "template": [
                    "metadata": ["labels": labels],
                    "spec": ["containers": [[
                        "name": "app", "image": .string("registry.example.com/shop/app-\(i):1.2.\(i)"),
                        "args": ["--port=8080", "--log-level=info", "--enable-feature", "yes"],
                        "ports": [["containerPort": 8080, "name": "http", "protocol": "TCP"]],
                        "env": [["name": "RATIO", "value": "0.5"], ["name": "DEBUG", "value": "false"]],
                        "resources": ["limits": ["cpu": "500m", "memory": "256Mi"], "requests": ["cpu": 0.1, "memory": "128Mi"]],
                    ]]],
                ],
            ],
        ]
    }

    @Test("1,500 objects (about 1.5 MB) print and read back quickly")
    func largeStream() throws {
        let values = (0..<1500).map(Self.deployment)
        let clock = ContinuousClock()
        var text = ""
        let emitTime = clock.measure { text = YAML.emitDocuments(values) }
        var documents: [YAMLDocument] = []
        // Best of three, so a neighbour's build on this machine does not decide the number.
        var parseTime = Duration.seconds(1000)
        for _ in 0..<3 {
            parseTime = min(parseTime, try clock.measure { documents = try YAML.parseDocuments(text) })
        }
        print("YAML: \(values.count) objects, \(text.utf8.count) bytes: emit \(emitTime), parse \(parseTime)")
        #expect(documents.map(\.value) == values)
        // Generous for debug builds on a busy 2-core machine; release parses in a few tens of ms.
        #expect(parseTime < .seconds(5))
    }
}
