import Compression
import Foundation
import GitOpsAPI
import HelmStorage
import Testing

@Suite("Helm 3 release records written by helm 3.19")
struct ReleaseRecordTests {
    static let allSecrets: [(String, String)] = HelmFixtures.steps.flatMap { step in
        ((try? HelmFixtures.secrets(step: step)) ?? [:]).keys.sorted().map { (step, $0) }
    }

    @Test("the fixtures hold the records of every step")
    func fixturesPresent() throws {
        #expect(Self.allSecrets.count == 16, "fixtures at \(HelmFixtures.directory.path)")
    }

    @Test("every record decodes and encodes back to the exact JSON bytes helm wrote", arguments: allSecrets)
    func byteForByte(step: String, name: String) throws {
        let secret = try #require(try HelmFixtures.secrets(step: step)[name])
        let goJSON = try HelmFixtures.payloadJSON(of: secret)
        let release = try StoredRelease(secret: secret, customLabelsOnly: false)
        let ours = release.jsonBytes()
        #expect(String(decoding: ours, as: UTF8.self) == String(decoding: goJSON, as: UTF8.self))
        // The fixture's pretty-printed release.json is the same tree.
        let pretty = try HelmFixtures.json("\(step)/\(name).release.json")
        #expect(try JSONValue.parse(json: Data(ours)) == pretty)
        // And the labels/status agree with what the driver wrote.
        #expect(secret.labels["status"] == release.info.status.rawValue)
        #expect(secret.labels["version"] == String(release.version))
        #expect(secret.labels["name"] == release.name)
    }

    @Test("fields of the install record read as helm wrote them")
    func installFields() throws {
        let secret = try #require(try HelmFixtures.secrets(step: "01-install")["sh.helm.release.v1.rel.v1"])
        let release = try StoredRelease(secret: secret, customLabelsOnly: true)
        #expect(release.name == "rel")
        #expect(release.namespace == "corpus")
        #expect(release.version == 1)
        #expect(release.info.status == .deployed)
        #expect(release.info.description == "Install complete")
        #expect(release.info.firstDeployed?.description == "2026-11-22T23:28:31.844827431Z")
        #expect(release.info.firstDeployed == release.info.lastDeployed)
        #expect(release.info.deleted == nil)
        #expect(release.info.notes.hasPrefix("1. Get the application URL"))
        #expect(release.config.isEmpty)
        #expect(release.hooks.isEmpty)
        #expect(release.manifest.contains("kind: Deployment"))
        #expect(release.labels.isEmpty, "get filters the system labels: \(release.labels)")
        let chart = try #require(release.chart)
        #expect(chart.metadata?.name == "hello-world")
        #expect(chart.metadata?.version == "0.1.0")
        #expect(chart.metadata?.appVersion == "1.16.0")
        #expect(chart.metadata?.apiVersion == "v2")
        #expect(chart.metadata?.type == "application")
        #expect(chart.lock == nil)
        #expect(chart.schema == nil)
        #expect(chart.templates.map(\.name).contains("templates/deployment.yaml"))
        #expect(chart.templates.first { $0.name == "templates/_helpers.tpl" }.map { String(decoding: $0.data, as: UTF8.self).contains("define") } == true)
        #expect(chart.values?["replicaCount"] == 1)
        #expect(chart.files.map(\.name) == [".helmignore", "README.md"])
    }

    @Test("upgrade, failure and rollback records carry config, first_deployed and descriptions")
    func laterFields() throws {
        let v2 = try StoredRelease(secret: try #require(try HelmFixtures.secrets(step: "02-upgrade")["sh.helm.release.v1.rel.v2"]), customLabelsOnly: false)
        #expect(v2.config == ["replicaCount": 2])
        #expect(v2.info.firstDeployed?.description == "2026-11-22T23:28:31.844827431Z")
        #expect(v2.info.lastDeployed! > v2.info.firstDeployed!)
        #expect(v2.labels["modifiedAt"] != nil, "list/query keeps the system labels")
        let v3 = try StoredRelease(secret: try #require(try HelmFixtures.secrets(step: "03-upgrade-failed")["sh.helm.release.v1.rel.v3"]), customLabelsOnly: true)
        #expect(v3.info.status == .failed)
        #expect(v3.info.description.hasPrefix("Upgrade \"rel\" failed: cannot patch"))
        let v5 = try StoredRelease(secret: try #require(try HelmFixtures.secrets(step: "06-uninstall-keep-history")["sh.helm.release.v1.rel.v5"]), customLabelsOnly: true)
        #expect(v5.info.status == .uninstalled)
        #expect(v5.info.deleted != nil)
        #expect(v5.config == ["replicaCount": 4])
    }

    @Test("a record we encode decodes to the same release, and its payload is Go's gzip shape")
    func roundTrip() throws {
        for (step, name) in Self.allSecrets {
            let secret = try #require(try HelmFixtures.secrets(step: step)[name])
            let release = try StoredRelease(secret: secret, customLabelsOnly: true)
            let written = release.secret(extraLabels: ["modifiedAt": "1"])
            #expect(written.name == name)
            #expect(written.body["type"] == "helm.sh/release.v1")
            let back = try StoredRelease(secret: written, customLabelsOnly: true)
            #expect(back == release)
            let gz = try #require(Data(base64Encoded: release.encodedPayload()))
            #expect(Array(gz.prefix(10)) == [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 255])
        }
    }

    @Test("python's base64 and gzip (the formats Go reads) decode our payload to our JSON")
    func pythonReadsOurPayload() throws {
        let secret = try #require(try HelmFixtures.secrets(step: "02-upgrade")["sh.helm.release.v1.rel.v2"])
        let release = try StoredRelease(secret: secret, customLabelsOnly: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import sys,base64,gzip,json; d=json.loads(gzip.decompress(base64.b64decode(sys.stdin.read()))); print(d['name'], d['version'], d['config']['replicaCount'], d['info']['status'])"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(release.encodedPayload().utf8))
        try input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(text == "rel 2 2 deployed\n")
    }

    @Test("hooks, lock, schema, maintainers and dependencies encode in Go's field order with omitempty")
    func richRecord() throws {
        var metadata = StoredChart.Metadata(name: "web", version: "1.2.3", appVersion: "2.0")
        metadata.maintainers = [StoredChart.Maintainer(name: "ops", email: "ops@example.com")]
        metadata.annotations = ["z": "1", "a": "<b>"]
        metadata.dependencies = [StoredChart.Dependency(name: "redis", version: "~17", repository: "https://charts.example.com", enabled: true)]
        let chart = StoredChart(metadata: metadata,
                                lock: StoredChart.Lock(digest: "sha256:abc", dependencies: [StoredChart.Dependency(name: "redis", version: "17.1.0", repository: "https://charts.example.com")]),
                                templates: [StoredChart.File(name: "templates/cm.yaml", data: Array("kind: ConfigMap\n".utf8))],
                                values: ["b": 1, "a": ["y": true, "x": .null]], schema: Array("{}".utf8))
        let hook = StoredRelease.Hook(name: "migrate", kind: "Job", path: "web/templates/job.yaml", manifest: "kind: Job",
                                      events: ["pre-upgrade"], weight: -5, deletePolicies: ["before-hook-creation"])
        let release = StoredRelease(name: "web", info: .init(firstDeployed: GoTime(seconds: 1_700_000_000, nanoseconds: 120_000_000, utcOffset: 7200),
                                                              status: .pendingUpgrade),
                                    chart: chart, config: ["z": 1, "a": 2], hooks: [hook], version: 3, namespace: "apps")
        let json = String(decoding: release.jsonBytes(), as: UTF8.self)
        #expect(json == #"{"name":"web","info":{"first_deployed":"2023-11-15T00:13:20.12+02:00","last_deployed":"","deleted":"","status":"pending-upgrade"},"chart":{"metadata":{"name":"web","version":"1.2.3","maintainers":[{"name":"ops","email":"ops@example.com"}],"apiVersion":"v2","appVersion":"2.0","annotations":{"a":"\u003cb\u003e","z":"1"},"dependencies":[{"name":"redis","version":"~17","repository":"https://charts.example.com","enabled":true}]},"lock":{"generated":"0001-01-01T00:00:00Z","digest":"sha256:abc","dependencies":[{"name":"redis","version":"17.1.0","repository":"https://charts.example.com"}]},"templates":[{"name":"templates/cm.yaml","data":"a2luZDogQ29uZmlnTWFwCg=="}],"values":{"a":{"x":null,"y":true},"b":1},"schema":"e30=","files":null},"config":{"a":2,"z":1},"hooks":[{"name":"migrate","kind":"Job","path":"web/templates/job.yaml","manifest":"kind: Job","events":["pre-upgrade"],"last_run":{"started_at":"","completed_at":"","phase":""},"weight":-5,"delete_policies":["before-hook-creation"]}],"version":3,"namespace":"apps"}"#)
        // Decoding gives the maps in Go's order, so the decoded release encodes to the same bytes.
        let decoded = try StoredRelease(jsonBytes: release.jsonBytes())
        #expect(decoded.jsonBytes() == release.jsonBytes())
        #expect(decoded.hooks == release.hooks && decoded.chart?.lock == release.chart?.lock && decoded.info == release.info)
    }

    @Test("corrupt records fail with the Secret's name and what is wrong")
    func corrupt() throws {
        var secret = KubeObject(apiVersion: "v1", kind: "Secret", name: "sh.helm.release.v1.x.v1", namespace: "apps")
        secret.body["data"] = ["release": .string(Data("not base64!".utf8).base64EncodedString())]
        let error = #expect(throws: HelmStorageError.self) { try StoredRelease(secret: secret, customLabelsOnly: true) }
        #expect(error?.message.contains("apps/sh.helm.release.v1.x.v1") == true)
        let wrongType = #expect(throws: HelmStorageError.self) { try StoredRelease(jsonBytes: Array(#"{"name":"x","version":"1"}"#.utf8)) }
        #expect(wrongType?.message == "release.version is a string, expected an integer")
        // Plain JSON payloads (no gzip), as old helm 3 versions wrote, still read.
        let plain = Data(#"{"name":"x","version":1,"namespace":"apps"}"#.utf8).base64EncodedString()
        #expect(try StoredRelease(payload: plain).version == 1)
    }
}

@Suite("Go's time.Time in JSON")
struct GoTimeTests {
    @Test("RFC 3339 with nanoseconds, trimmed fractions and offsets round-trips")
    func roundTrip() throws {
        for text in ["2026-11-22T23:28:31.844827431Z", "2026-11-22T23:28:31Z", "2026-11-22T23:28:31.5+02:00",
                     "1999-12-31T23:59:59.000000001-07:30", "2024-02-29T00:00:00Z", "0001-01-01T00:00:00Z"] {
            let time = try #require(GoTime(rfc3339: text), "\(text)")
            #expect(time.description == text)
        }
        #expect(GoTime(rfc3339: "2026-11-22T23:28:31.844827431Z")?.seconds == 1_795_390_111)
        #expect(GoTime(rfc3339: "2026-11-22T23:28:31.5+02:00")?.seconds == 1_795_382_911)
        #expect(GoTime(rfc3339: "2026-11-22T23:28:31.100Z")?.description == "2026-11-22T23:28:31.1Z")
        for bad in ["2026-11-22 23:28:31Z", "2026-02-30T00:00:00Z", "2026-11-22T23:28:31", "2026-11-22T23:28:31.Z", ""] {
            #expect(GoTime(rfc3339: bad) == nil, "\(bad)")
        }
        #expect(GoTime.goZero.description == "0001-01-01T00:00:00Z")
        #expect(GoTime(Date(timeIntervalSince1970: 1_795_390_111.25)).description == "2026-11-22T23:28:31.25Z")
    }
}
