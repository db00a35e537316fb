import Curl
import Foundation
import GitOpsAPI
import Testing

/// `/metrics` scraped from a running agent and read with a strict parser of the Prometheus text
/// exposition format (0.0.4), so a malformed line fails the test rather than a real scrape.
@Suite("/metrics speaks Prometheus and follows the reconciles", .serialized)
struct MetricsTests {
    let client = CurlClient()

    func scrape(_ base: String) async throws -> Exposition {
        let response = try await client.perform(CurlRequest(method: "GET", url: base + "/metrics"))
        #expect(response.status == 200)
        #expect(response.header("Content-Type")?.hasPrefix("text/plain; version=0.0.4") == true)
        return try Exposition(parsing: response.text)
    }

    static let ks = ["kind": "Kustomization", "name": "flux-system", "namespace": "flux-system"]

    @Test("The exposition is well formed and carries Flux's metrics and the agent's own")
    func wellFormed() async throws {
        let h = try AgentHarness(files: ["deploy/ns.yaml": Manifests.namespace, "deploy/cm.yaml": Manifests.configMap("settings", data: "one")],
                                 httpAddress: "127.0.0.1:0")
        h.start()
        let base = "http://127.0.0.1:\(try await h.httpPort())"
        #expect(await h.eventually { try h.ready()?.status == .true })
        // The condition gauge follows the status write through the watcher.
        var metrics = try await scrape(base)
        for _ in 0..<100 where metrics.value("gotk_reconcile_condition", Self.ks.merging(["type": "Ready", "status": "True"]) { a, _ in a }) != 1 {
            try await Task.sleep(for: .milliseconds(100))
            metrics = try await scrape(base)
        }
        #expect(metrics.types["gotk_reconcile_duration_seconds"] == "histogram")
        #expect(metrics.types["gotk_reconcile_condition"] == "gauge")
        #expect(metrics.types["gotk_suspend_status"] == "gauge")
        #expect(metrics.types["gitops_git_fetch_duration_seconds"] == "histogram")
        #expect(metrics.types["gitops_apply_duration_seconds"] == "histogram")
        #expect(metrics.types["gitops_queue_depth"] == "gauge")
        #expect(metrics.help["gotk_reconcile_duration_seconds"]?.isEmpty == false)
        #expect((metrics.value("gotk_reconcile_duration_seconds_count", Self.ks) ?? 0) >= 1)
        #expect(metrics.value("gotk_suspend_status", Self.ks) == 0)
        for status in ["False", "Unknown", "Deleted"] {
            #expect(metrics.value("gotk_reconcile_condition", Self.ks.merging(["type": "Ready", "status": status]) { a, _ in a }) == 0)
        }
        #expect(metrics.value("gotk_reconcile_condition", ["kind": "GitRepository", "name": "flux-system", "namespace": "flux-system",
                                                           "type": "Ready", "status": "True"]) == 1)
        #expect(metrics.value("gitops_queue_depth", ["component": "kustomize-controller"]) != nil)
        await h.stop()
    }

    @Test("Reconciles add to the duration histogram, and a failing Kustomization flips its condition to False")
    func followsReconciles() async throws {
        let h = try AgentHarness(files: ["deploy/ns.yaml": Manifests.namespace, "deploy/cm.yaml": Manifests.configMap("settings", data: "one")],
                                 httpAddress: "127.0.0.1:0")
        h.start()
        let base = "http://127.0.0.1:\(try await h.httpPort())"
        #expect(await h.eventually { try h.ready()?.status == .true })
        let before = try await scrape(base).value("gotk_reconcile_duration_seconds_count", Self.ks) ?? 0

        // A manifest that cannot be parsed: the next reconcile fails with Ready=False.
        try h.commit(["deploy/broken.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: [unclosed\n"])
        let falseSeries = Self.ks.merging(["type": "Ready", "status": "False"]) { a, _ in a }
        let trueSeries = Self.ks.merging(["type": "Ready", "status": "True"]) { a, _ in a }
        var metrics = try await scrape(base)
        let deadline = ContinuousClock.now + .seconds(30)
        // The status write (seen by the watcher) lands just before the duration is recorded.
        while metrics.value("gotk_reconcile_condition", falseSeries) != 1 || (metrics.value("gotk_reconcile_duration_seconds_count", Self.ks) ?? 0) <= before,
              ContinuousClock.now < deadline
        {
            try await Task.sleep(for: .milliseconds(200))
            metrics = try await scrape(base)
        }
        #expect(metrics.value("gotk_reconcile_condition", falseSeries) == 1)
        #expect(metrics.value("gotk_reconcile_condition", trueSeries) == 0)
        #expect((metrics.value("gotk_reconcile_duration_seconds_count", Self.ks) ?? 0) > before)

        // Suspending shows in gotk_suspend_status (kubectl owns only the field it sets).
        try h.kubectlApply(KubeObject(["apiVersion": .string(Kustomization.apiVersion), "kind": "Kustomization",
                                       "metadata": ["name": "flux-system", "namespace": "flux-system"],
                                       "spec": ["suspend": true]]))
        metrics = try await scrape(base)
        for _ in 0..<50 where metrics.value("gotk_suspend_status", Self.ks) != 1 {
            try await Task.sleep(for: .milliseconds(100))
            metrics = try await scrape(base)
        }
        #expect(metrics.value("gotk_suspend_status", Self.ks) == 1)
        await h.stop()
    }

    @Test("The parser refuses what Prometheus would refuse")
    func parserIsStrict() {
        #expect(throws: ExpositionError.self) { try Exposition(parsing: "# TYPE m gauge\nm{a=\"1\" 1\n") }
        #expect(throws: ExpositionError.self) { try Exposition(parsing: "# TYPE m gauge\n1m 1\n") }
        #expect(throws: ExpositionError.self) { try Exposition(parsing: "# TYPE m gauge\nm one\n") }
        #expect(throws: ExpositionError.self) { try Exposition(parsing: "# TYPE m histogram\nm_bucket{le=\"1\"} 2\nm_bucket{le=\"+Inf\"} 1\nm_sum 1\nm_count 1\n") }
        #expect(throws: ExpositionError.self) { try Exposition(parsing: "# TYPE m histogram\nm_bucket{le=\"+Inf\"} 2\nm_sum 1\nm_count 1\n") }
        #expect(throws: Never.self) { try Exposition(parsing: "# HELP m A \\\\ help.\n# TYPE m counter\nm{a=\"x\\\"y\"} 3\n") }
    }
}

struct ExpositionError: Error, CustomStringConvertible {
    var description: String
}

/// A parsed exposition: families' TYPE and HELP, and every sample by name and label set.
struct Exposition {
    struct Sample {
        var name: String
        var labels: [String: String]
        var value: Double
    }

    var types: [String: String] = [:]
    var help: [String: String] = [:]
    var samples: [Sample] = []

    /// The value of the sample with exactly these labels.
    func value(_ name: String, _ labels: [String: String]) -> Double? {
        samples.first { $0.name == name && $0.labels == labels }?.value
    }

    init(parsing text: String) throws {
        guard text.isEmpty || text.hasSuffix("\n") else { throw ExpositionError(description: "the exposition must end with a newline") }
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().enumerated() {
            let fail = { (why: String) in ExpositionError(description: "line \(number + 1) '\(line)': \(why)") }
            if line.hasPrefix("# HELP ") || line.hasPrefix("# TYPE ") {
                let parts = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false)
                guard parts.count >= 3, Self.isMetricName(parts[2]) else { throw fail("bad metric name") }
                let name = String(parts[2]), rest = parts.count > 3 ? String(parts[3]) : ""
                if parts[1] == "TYPE" {
                    guard types[name] == nil else { throw fail("a second TYPE line") }
                    guard ["counter", "gauge", "histogram", "summary", "untyped"].contains(rest) else { throw fail("unknown type") }
                    guard !samples.contains(where: { Self.family($0.name, types: types) == name }) else { throw fail("TYPE after samples") }
                    types[name] = rest
                } else {
                    guard help[name] == nil else { throw fail("a second HELP line") }
                    help[name] = rest
                }
                continue
            }
            if line.hasPrefix("#") || line.isEmpty { continue }
            samples.append(try Self.sample(Substring(line), fail))
        }
        try checkHistograms()
    }

    static func isMetricName(_ s: Substring) -> Bool {
        guard let first = s.first, first.isASCII, first.isLetter || first == "_" || first == ":" else { return false }
        return s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == ":") }
    }

    static func isLabelName(_ s: Substring) -> Bool {
        guard let first = s.first, first.isASCII, first.isLetter || first == "_" else { return false }
        return s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }

    /// The family a sample belongs to (`x_bucket` → `x` when `x` is a histogram).
    static func family(_ name: String, types: [String: String]) -> String {
        for suffix in ["_bucket", "_sum", "_count"] where name.hasSuffix(suffix) {
            let base = String(name.dropLast(suffix.count))
            if types[base] == "histogram" || types[base] == "summary" { return base }
        }
        return name
    }

    static func sample(_ line: Substring, _ fail: (String) -> ExpositionError) throws -> Sample {
        var rest = line[...]
        let nameEnd = rest.firstIndex { $0 == "{" || $0 == " " } ?? rest.endIndex
        let name = rest[..<nameEnd]
        guard isMetricName(name) else { throw fail("bad metric name") }
        rest = rest[nameEnd...]
        var labels: [String: String] = [:]
        if rest.first == "{" {
            rest = rest.dropFirst()
            while rest.first != "}" {
                guard let eq = rest.firstIndex(of: "=") else { throw fail("label without '='") }
                let label = rest[..<eq]
                guard isLabelName(label), labels[String(label)] == nil else { throw fail("bad or repeated label name '\(label)'") }
                rest = rest[rest.index(after: eq)...]
                guard rest.first == "\"" else { throw fail("label value not quoted") }
                rest = rest.dropFirst()
                var value = ""
                while true {
                    guard let c = rest.first else { throw fail("unterminated label value") }
                    rest = rest.dropFirst()
                    if c == "\"" { break }
                    if c == "\\" {
                        guard let escaped = rest.first else { throw fail("dangling escape") }
                        rest = rest.dropFirst()
                        switch escaped {
                        case "\\": value.append("\\")
                        case "\"": value.append("\"")
                        case "n": value.append("\n")
                        default: throw fail("bad escape \\\(escaped)")
                        }
                    } else {
                        value.append(c)
                    }
                }
                labels[String(label)] = value
                if rest.first == "," { rest = rest.dropFirst() } else if rest.first != "}" { throw fail("expected ',' or '}'") }
            }
            rest = rest.dropFirst()
        }
        guard rest.first == " " else { throw fail("no space before the value") }
        let fields = rest.dropFirst().split(separator: " ", omittingEmptySubsequences: false)
        guard (1...2).contains(fields.count), let value = parseValue(fields[0]) else { throw fail("bad sample value") }
        if fields.count == 2, Int64(fields[1]) == nil { throw fail("bad timestamp") }
        return Sample(name: String(name), labels: labels, value: value)
    }

    static func parseValue(_ s: Substring) -> Double? {
        switch s {
        case "+Inf": .infinity
        case "-Inf": -.infinity
        case "NaN": .nan
        default: s.contains(where: { $0.isLetter && $0 != "e" && $0 != "E" }) ? nil : Double(s)
        }
    }

    /// Every histogram series: buckets with increasing `le` and non-decreasing counts, a `+Inf`
    /// bucket equal to `_count`, and a `_sum`.
    func checkHistograms() throws {
        for (family, type) in types where type == "histogram" {
            var series: [[String: String]: [(le: Double, count: Double)]] = [:]
            for s in samples where s.name == family + "_bucket" {
                guard let leText = s.labels["le"], let le = Self.parseValue(Substring(leText)) else {
                    throw ExpositionError(description: "\(family)_bucket without a numeric le label")
                }
                var key = s.labels
                key["le"] = nil
                series[key, default: []].append((le, s.value))
            }
            for (labels, buckets) in series {
                let what = "\(family)\(labels.sorted { $0.key < $1.key })"
                for (a, b) in zip(buckets, buckets.dropFirst()) where !(a.le < b.le && a.count <= b.count) {
                    throw ExpositionError(description: "\(what): buckets out of order or not cumulative")
                }
                guard let last = buckets.last, last.le == .infinity else { throw ExpositionError(description: "\(what): no +Inf bucket") }
                guard let count = value(family + "_count", labels), count == last.count else {
                    throw ExpositionError(description: "\(what): _count missing or not the +Inf bucket")
                }
                guard value(family + "_sum", labels) != nil else { throw ExpositionError(description: "\(what): no _sum") }
            }
        }
    }
}
