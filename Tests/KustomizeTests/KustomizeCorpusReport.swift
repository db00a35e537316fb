import Foundation
import GitOpsAPI
import Kustomize
import Testing
import YAML

/// The shared kustomize conformance corpus (290 cases from kustomize's own tests, outputs from
/// `kubectl kustomize`), run through the builder and reported per feature area. It holds the
/// builder to the bar the issue sets: at least 95% of the success cases give the same
/// documents, at least 90% the same text, and every error case fails.
@Suite("kustomize conformance corpus")
struct KustomizeCorpusReport {
    /// `$GITOPS_CONFORMANCE/kustomize-cases`, or `../shared/conformance/kustomize-cases` next to the package.
    static let casesDirectory: String = {
        if let path = ProcessInfo.processInfo.environment["GITOPS_CONFORMANCE"] { return path + "/kustomize-cases" }
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/conformance/kustomize-cases").path
    }()

    enum Outcome: String { case identical, sameDocuments, differs, failed, errorAsExpected, missingError }

    struct Tally {
        var counts: [Outcome: Int] = [:]
        var total: Int { counts.values.reduce(0, +) }
        var passed: Int { (counts[.identical] ?? 0) + (counts[.sameDocuments] ?? 0) + (counts[.errorAsExpected] ?? 0) }
    }

    @Test("every case is built and compared; per-area counts are printed")
    func report() throws {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        try #require(fm.fileExists(atPath: Self.casesDirectory, isDirectory: &isDir) && isDir.boolValue,
                     "the kustomize corpus is missing at \(Self.casesDirectory) (set GITOPS_CONFORMANCE)")
        let cases = try fm.contentsOfDirectory(atPath: Self.casesDirectory).sorted()
            .filter { fm.fileExists(atPath: Self.casesDirectory + "/" + $0 + "/source.txt") }
        try #require(cases.count > 200, "expected the 290-case corpus, found \(cases.count) cases")

        var areas: [String: Tally] = [:]
        var all = Tally()
        var reasons: [String: Int] = [:]
        // Cases that built but came out wrong, or built when they should not: these exercise
        // what the builder claims to implement, so they are listed by name.
        var wrong: [String] = []
        for name in cases {
            let (outcome, reason) = Self.run(Self.casesDirectory + "/" + name)
            if outcome == .differs || outcome == .missingError { wrong.append("\(outcome.rawValue): \(name)") }
            let area = name.components(separatedBy: "__").first ?? name
            areas[area, default: Tally()].counts[outcome, default: 0] += 1
            all.counts[outcome, default: 0] += 1
            if let reason { reasons[reason, default: 0] += 1 }
        }

        var lines = ["kustomize corpus: area  passed/total  (identical text, same documents, expected errors | differs, build failed, missing error)"]
        for area in areas.keys.sorted() {
            let t = areas[area]!
            lines.append("  \(area): \(t.passed)/\(t.total)  (\(t.counts[.identical] ?? 0), \(t.counts[.sameDocuments] ?? 0), \(t.counts[.errorAsExpected] ?? 0) | \(t.counts[.differs] ?? 0), \(t.counts[.failed] ?? 0), \(t.counts[.missingError] ?? 0))")
        }
        lines.append("TOTAL: \(all.passed)/\(all.total) passed; "
            + Outcome.allCases.map { "\($0.rawValue) \(all.counts[$0] ?? 0)" }.joined(separator: ", "))
        lines.append("most common build failures:")
        for (reason, n) in reasons.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }).prefix(12) { lines.append("  \(n) × \(reason)") }
        lines.append("built but wrong (\(wrong.count)):")
        lines += wrong.map { "  " + $0 }
        print(lines.joined(separator: "\n"))
        #expect(all.total == cases.count)
        let errorCases = (all.counts[.errorAsExpected] ?? 0) + (all.counts[.missingError] ?? 0)
        let successCases = all.total - errorCases
        let sameDocuments = (all.counts[.identical] ?? 0) + (all.counts[.sameDocuments] ?? 0)
        let identical = all.counts[.identical] ?? 0
        #expect(Double(sameDocuments) >= 0.95 * Double(successCases), "same documents: \(sameDocuments)/\(successCases)")
        #expect(Double(identical) >= 0.90 * Double(successCases), "identical text: \(identical)/\(successCases)")
        #expect(all.counts[.missingError] ?? 0 == 0, "every error case must fail: \(wrong.filter { $0.hasPrefix("missingError") })")
    }

    /// Builds one case; the second value is a short reason when the build threw unexpectedly.
    static func run(_ dir: String) -> (Outcome, String?) {
        let fm = FileManager.default
        func read(_ file: String) -> String? { fm.contents(atPath: dir + "/" + file).map { String(decoding: $0, as: UTF8.self) } }
        let root = (read("root.txt")?.trimmingCharacters(in: .whitespacesAndNewlines)).flatMap { $0.isEmpty ? nil : $0 } ?? "."
        let flags = read("flags.txt") ?? ""
        let restrictor: Builder.LoadRestrictor = flags.contains("--load-restrictor=LoadRestrictionsNone") ? .none : .rootOnly
        let expectsError = fm.fileExists(atPath: dir + "/expected-error.txt")
        let objects: [KubeObject]
        do {
            objects = try Builder(root: dir, loadRestrictor: restrictor).build(root)
        } catch {
            if expectsError { return (.errorAsExpected, nil) }
            return (.failed, reason(error))
        }
        if expectsError { return (.missingError, nil) }
        let expected = read("expected.yaml") ?? ""
        let printed = YAML.emitDocuments(objects.map(\.body))
        if printed == expected { return (.identical, nil) }
        guard let documents = try? YAML.parseDocuments(expected) else { return (.differs, nil) }
        return objects.map(\.body) == documents.map(\.value) ? (.sameDocuments, nil) : (.differs, nil)
    }

    /// The error without the case's file names, so failures group by cause.
    static func reason(_ error: any Error) -> String {
        if case BuildError.unsupported(_, let field) = error { return "unsupported field \(field)" }
        let text = String(describing: error)
        if let colon = text.range(of: ": ") { return String(text[colon.upperBound...].prefix(80)) }
        return String(text.prefix(80))
    }
}

extension KustomizeCorpusReport.Outcome: CaseIterable {}
