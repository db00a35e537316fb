import Foundation
import GoTemplate
import Testing
@testable import Helm

/// Synthetic charts rendered side by side with helm 3.19 (Tests/HelmTests/Differential, made by its
/// generate.sh): each exercises one area of Go's text/template, Sprig or Helm. Our rendering must
/// equal helm's stdout byte for byte, or our error must equal helm's `Error: …` line.
@Suite struct DifferentialTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Differential").path

    static func caseNames() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return names.filter { FileManager.default.fileExists(atPath: root + "/" + $0 + "/chart/Chart.yaml") }.sorted()
    }

    /// The `helm template rel chart --namespace t --kube-version 1.33.0 <flags.txt>` of a case, as ours renders it.
    static func render(_ name: String) -> Result<String, HelmError> {
        render(name, warnings: nil)
    }

    /// As `render`, collecting the warnings Helm prints to stderr into `warnings`.
    static func render(_ name: String, warnings: UnsafeMutablePointer<[String]>?) -> Result<String, HelmError> {
        let directory = root + "/" + name
        do {
            let flagsText = (try? String(contentsOfFile: directory + "/flags.txt", encoding: .utf8)) ?? ""
            let flags = flagsText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
            var options = ValueOptions()
            var apiVersions: [String] = []
            var kubeVersion = "1.33.0"
            var releaseName = "rel", namespace = "t"
            var index = 0
            while index < flags.count {
                let flag = flags[index]
                let argument = index + 1 < flags.count ? flags[index + 1] : ""
                switch flag {
                case "-f", "--values": options.valueFiles.append(argument.hasPrefix("/") ? argument : directory + "/" + argument)
                case "--set": options.values.append(argument)
                case "--set-string": options.stringValues.append(argument)
                case "--api-versions", "-a": apiVersions.append(argument)
                case "--kube-version": kubeVersion = argument
                case "--namespace", "-n": namespace = argument
                case "--name-template": releaseName = argument
                default: throw HelmError("flags.txt of \(name): unsupported flag \(flag)")
                }
                index += 2
            }
            let chart = try ChartLoader.load(path: directory + "/chart")
            let rendering = try Helm.render(
                chart: chart, values: try options.merged(),
                options: RenderOptions(
                    releaseName: releaseName, namespace: namespace,
                    capabilities: Capabilities(kubeVersion: try KubeVersion.parse(kubeVersion), apiVersions: apiVersions)))
            warnings?.pointee = rendering.warnings
            return .success(rendering.helmTemplateOutput())
        } catch let error as HelmError {
            return .failure(error)
        } catch {
            return .failure(HelmError("\(error)"))
        }
    }

    /// A one-line description of how ours differs from helm's for a case, or nil when identical.
    static func difference(_ name: String) -> String? {
        let directory = root + "/" + name
        var warnings: [String] = []
        let result = render(name, warnings: &warnings)
        if let expected = try? String(contentsOfFile: directory + "/expected.yaml", encoding: .utf8) {
            switch result {
            case .success(let ours):
                let expectedWarnings = ((try? String(contentsOfFile: directory + "/expected-warnings.txt", encoding: .utf8)) ?? "")
                    .split(separator: "\n").map(String.init)
                if warnings != expectedWarnings {
                    return "\(name): warnings\n    helm: \(expectedWarnings)\n    ours: \(warnings)"
                }
                if ours == expected { return nil }
                let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
                let o = ours.split(separator: "\n", omittingEmptySubsequences: false)
                var lines: [String] = []
                for index in 0..<max(e.count, o.count) where index >= e.count || index >= o.count || e[index] != o[index] {
                    lines.append("\(name): line \(index + 1)\n    helm: \(index < e.count ? Self.segments(e[index], against: o.count > index ? o[index] : "") : "<end>")\n    ours: \(index < o.count ? Self.segments(o[index], against: e.count > index ? e[index] : "") : "<end>")")
                }
                return lines.prefix(8).joined(separator: "\n")
            case .failure(let error):
                return "\(name): helm rendered, ours failed: \(error.message)"
            }
        }
        let expectedError = (try? String(contentsOfFile: directory + "/expected-error.txt", encoding: .utf8)) ?? ""
        let expectedLine = expectedError.split(separator: "\n").first.map(String.init) ?? ""
        switch result {
        case .success:
            return "\(name): helm failed with \(expectedLine), ours rendered"
        case .failure(let error):
            let ours = "Error: " + (error.message.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? "")
            return ours == expectedLine ? nil : "\(name): error\n  helm: \(expectedLine)\n  ours: \(ours)"
        }
    }

    /// The `|`-separated parts of `line` that differ from `other`'s (all of it when there are no parts).
    static func segments(_ line: Substring, against other: Substring) -> String {
        let mine = line.split(separator: "|", omittingEmptySubsequences: false)
        let theirs = other.split(separator: "|", omittingEmptySubsequences: false)
        guard mine.count > 1, mine.count == theirs.count else { return String(line) }
        return zip(mine.indices, zip(mine, theirs)).filter { $0.1.0 != $0.1.1 }.map { "#\($0.0): \($0.1.0)" }.joined(separator: " | ")
    }

    @Test func `every differential case renders as helm 3.19 renders it`() {
        // DIFF_CASES=a,b narrows the run while working on a case.
        let only = ProcessInfo.processInfo.environment["DIFF_CASES"].map { Set($0.split(separator: ",").map(String.init)) }
        let names = Self.caseNames().filter { only == nil || only!.contains($0) }
        #expect(names.count >= (only == nil ? 40 : 1), "the corpus at \(Self.root) has \(names.count) cases")
        let known = Self.knownDivergences()
        var differences: [String] = [], fixed: [String] = [], stillKnown = 0
        for name in names {
            let difference = Self.difference(name)
            switch (difference, known[name]) {
            case (let d?, nil): differences.append(d)
            case (let d?, _?):
                stillKnown += 1
                // DIFF_VERBOSE=1 shows how the known divergences differ.
                if ProcessInfo.processInfo.environment["DIFF_VERBOSE"] != nil { print("  known: " + d) }
            case (nil, _?): fixed.append(name)
            case (nil, nil): break
            }
        }
        print("Differential: \(names.count - differences.count - stillKnown - fixed.count)/\(names.count) identical to helm 3.19, \(stillKnown) known divergences")
        for difference in differences { print("  " + difference) }
        #expect(differences.isEmpty, "\(differences.count) of \(names.count) differ (listed above)")
        #expect(fixed.isEmpty, "now identical, remove from known-divergences.txt: \(fixed.joined(separator: ", "))")
    }

    /// known-divergences.txt: case → why ours still differs.
    static func knownDivergences() -> [String: String] {
        let text = (try? String(contentsOfFile: root + "/known-divergences.txt", encoding: .utf8)) ?? ""
        var out: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
            if let name = parts.first { out[name] = parts.count > 1 ? parts[1] : "" }
        }
        return out
    }
}
