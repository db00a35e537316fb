import Foundation
import GoTemplate
import Testing
@testable import Helm

/// The shared Helm corpus (../shared/conformance/helm beside the package, or $HELM_CORPUS): 17 real charts, 48 cases rendered by
/// helm 3.19 with `helm template rel CHART --namespace corpus --kube-version 1.33.0 -f values.yaml`
/// plus each case's flags. Output is compared line by line, the lines helm randomises
/// (volatile-lines.txt) excepted, as the corpus's compare.py does.
@Suite struct ConformanceTests {
    static let corpus = (ProcessInfo.processInfo.environment["HELM_CORPUS"] ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/conformance/helm").path)

    struct Case: Sendable, CustomStringConvertible {
        var chart: String, name: String, extraArgs: [String]
        var description: String { "\(chart)/\(name)" }
        var directory: String { ConformanceTests.corpus + "/corpus/\(chart)/\(name)" }
    }

    static func cases() throws -> [Case] {
        let text = try String(contentsOfFile: corpus + "/cases.tsv", encoding: .utf8)
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            let extra = cols.count > 3 ? cols[3].split(separator: " ").map(String.init) : []
            return Case(chart: cols[0], name: cols[1], extraArgs: extra)
        }
    }

    /// The corpus stores charts vendored into others once (charts/SOURCES.tsv, `vendored-into`);
    /// this puts them back under the parent's charts/ (through symbolic links in a temporary tree).
    static func chartPath(_ chart: String) throws -> String {
        let source = corpus + "/charts/" + chart
        let sources = try String(contentsOfFile: corpus + "/charts/SOURCES.tsv", encoding: .utf8)
        let vendored = sources.split(separator: "\n").dropFirst().compactMap { line -> String? in
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard cols.count > 5, cols[5].split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }).contains(chart)
            else { return nil }
            return FileManager.default.fileExists(atPath: source + "/charts/" + cols[0]) ? nil : cols[0]
        }
        if vendored.isEmpty { return source }
        let fm = FileManager.default
        let root = NSTemporaryDirectory() + "helm-conformance-" + UUID().uuidString + "/" + chart
        try fm.createDirectory(atPath: root + "/charts", withIntermediateDirectories: true)
        for entry in try fm.contentsOfDirectory(atPath: source) where entry != "charts" {
            try fm.createSymbolicLink(atPath: root + "/" + entry, withDestinationPath: source + "/" + entry)
        }
        for entry in (try? fm.contentsOfDirectory(atPath: source + "/charts")) ?? [] {
            try fm.createSymbolicLink(atPath: root + "/charts/" + entry, withDestinationPath: source + "/charts/" + entry)
        }
        for sub in vendored {
            try fm.createSymbolicLink(atPath: root + "/charts/" + sub, withDestinationPath: corpus + "/charts/" + sub)
        }
        return root
    }

    /// Renders a case as `helm template` would; the output or Helm's error message.
    static func render(_ c: Case) -> Result<String, HelmError> {
        do {
            var options = ValueOptions(valueFiles: [c.directory + "/values.yaml"])
            var apiVersions: [String] = []
            var i = 0
            while i + 1 < c.extraArgs.count {
                switch c.extraArgs[i] {
                case "--set": options.values.append(c.extraArgs[i + 1])
                case "--set-string": options.stringValues.append(c.extraArgs[i + 1])
                case "--api-versions": apiVersions.append(c.extraArgs[i + 1])
                default: break
                }
                i += 2
            }
            let chart = try ChartLoader.load(path: try chartPath(c.chart))
            let rendering = try Helm.render(
                chart: chart, values: try options.merged(),
                options: RenderOptions(
                    releaseName: "rel", namespace: "corpus",
                    capabilities: Capabilities(kubeVersion: try KubeVersion.parse("1.33.0"), apiVersions: apiVersions)))
            return .success(rendering.helmTemplateOutput())
        } catch let error as HelmError {
            return .failure(error)
        } catch {
            return .failure(HelmError("\(error)"))
        }
    }

    /// The first differing line (1-based) of `ours` against `expected`, volatile lines excepted.
    static func firstDifference(expected: String, ours: String, volatile: Set<Int>) -> Int? {
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = ours.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(a.count, b.count) {
            if volatile.contains(index + 1) && index < a.count && index < b.count { continue }
            if index >= a.count || index >= b.count || a[index] != b[index] { return index + 1 }
        }
        return nil
    }

    @Test func `the corpus renders as helm 3.19 renders it`() throws {
        // HELM_CASES=chart/case,… narrows the run while working on a chart.
        let only = ProcessInfo.processInfo.environment["HELM_CASES"].map { Set($0.split(separator: ",").map(String.init)) }
        let all = try Self.cases().filter { only == nil || only!.contains($0.description) || only!.contains($0.chart) }
        var identical = 0
        var report: [String] = []
        var errorCases = 0, errorMatches = 0
        for c in all {
            let expectedPath = c.directory + "/expected.yaml"
            let result = Self.render(c)
            if let expected = try? String(contentsOfFile: expectedPath, encoding: .utf8) {
                let volatileText = (try? String(contentsOfFile: c.directory + "/volatile-lines.txt", encoding: .utf8)) ?? ""
                let volatile = Set(volatileText.split(separator: "\n").compactMap { Int($0.split(separator: "\t").first ?? "") })
                switch result {
                case .success(let ours):
                    if let line = Self.firstDifference(expected: expected, ours: ours, volatile: volatile) {
                        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
                        let o = ours.split(separator: "\n", omittingEmptySubsequences: false)
                        report.append("DIFFERENT \(c): line \(line): expected \(line <= e.count ? String(e[line - 1].prefix(100)) : "<end>") | got \(line <= o.count ? String(o[line - 1].prefix(100)) : "<end>")")
                    } else {
                        identical += 1
                        report.append("identical \(c)")
                    }
                case .failure(let error):
                    report.append("FAILED    \(c): \(Self.abbreviated(error.message))")
                }
            } else {
                errorCases += 1
                let expectedError = try String(contentsOfFile: c.directory + "/expected-error.txt", encoding: .utf8)
                let expectedMessage = Self.messageAfterLocation(expectedError.split(separator: "\n").first.map(String.init) ?? "")
                switch result {
                case .success:
                    report.append("DIFFERENT \(c): expected the error \(expectedMessage.prefix(100)), rendered")
                case .failure(let error):
                    let ours = Self.messageAfterLocation("Error: " + error.message)
                    if ours == expectedMessage {
                        errorMatches += 1
                        identical += 1
                        report.append("identical \(c) (error)")
                    } else {
                        report.append("DIFFERENT \(c): error \(ours.prefix(200)) | expected \(expectedMessage.prefix(200))")
                    }
                }
            }
        }
        let rate = Double(identical) / Double(all.count)
        print("Helm conformance: \(identical)/\(all.count) identical (\(Int((rate * 100).rounded()))%), error cases \(errorMatches)/\(errorCases)")
        for line in report { print("  " + line) }
        #expect(rate >= 0.9, "\(identical)/\(all.count) identical:\n\(report.filter { !$0.hasPrefix("identical") }.joined(separator: "\n"))")
        #expect(errorMatches == errorCases)
    }

    /// Long messages (a `tpl` error quotes the whole template) keep their start and their end.
    static func abbreviated(_ message: String) -> String {
        message.count <= 400 ? message : message.prefix(150) + " … " + message.suffix(250)
    }

    /// The message after `execution error at (<file>:<line>:<col>): `, or the whole message.
    static func messageAfterLocation(_ line: String) -> String {
        guard let range = line.range(of: "execution error at ("),
              let close = line.range(of: "): ", range: range.upperBound..<line.endIndex)
        else { return line }
        return String(line[close.upperBound...])
    }
}
