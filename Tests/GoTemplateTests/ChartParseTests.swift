import Foundation
import Testing
import GoTemplate

/// Every `templates/**` file of every chart in the shared Helm conformance corpus parses, with
/// Sprig's and Helm's function names declared (parsing checks that each function exists).
@Suite struct ChartParseTests {
    /// Sprig's function names (Masterminds/sprig functions.go) and Helm's (pkg/engine/funcs.go).
    static let functionNames = """
    abbrev abbrevboth add add1 add1f addf adler32sum ago all any append atoi b32dec b32enc b64dec b64enc base bcrypt \
    biggest buildCustomCert camelcase cat ceil chunk clean coalesce compact concat contains date dateInZone dateModify \
    date_in_zone date_modify decryptAES deepCopy deepEqual default derivePassword dict dig dir div divf duration \
    durationRound empty encryptAES env expandenv ext fail first float64 floor fromJson genCA genCAWithKey genPrivateKey \
    genSelfSignedCert genSelfSignedCertWithKey genSignedCert genSignedCertWithKey get getHostByName has hasKey hasPrefix \
    hasSuffix hello htmlDate htmlDateInZone htpasswd indent initial initials int int64 isAbs join kebabcase keys kindIs \
    kindOf last list lower max maxf merge mergeOverwrite min minf mod mul mulf mustAppend mustChunk mustCompact \
    mustDateModify mustDeepCopy mustFirst mustFromJson mustHas mustInitial mustLast mustMerge mustMergeOverwrite \
    mustPrepend mustRegexFind mustRegexFindAll mustRegexMatch mustRegexReplaceAll mustRegexReplaceAllLiteral \
    mustRegexSplit mustRest mustReverse mustSlice mustToDate mustToJson mustToPrettyJson mustToRawJson mustUniq \
    mustWithout must_date_modify nindent nospace now omit osBase osClean osDir osExt osIsAbs pick pluck plural prepend \
    quote randAlpha randAlphaNum randAscii randBytes randInt randNumeric regexFind regexFindAll regexMatch regexQuoteMeta \
    regexReplaceAll regexReplaceAllLiteral regexSplit repeat replace rest reverse round semver semverCompare seq set \
    sha1sum sha256sum sha512sum shuffle slice snakecase sortAlpha split splitList splitn squote sub subf substr swapcase \
    ternary title toDate toDecimal toJson toPrettyJson toRawJson toString toStrings trim trimAll trimPrefix trimSuffix \
    trimall trunc tuple typeIs typeIsLike typeOf uniq unixEpoch unset until untilStep untitle upper urlJoin urlParse \
    uuidv4 values without wrap wrapWith \
    toToml mustToToml fromToml toYaml mustToYaml toYamlPretty fromYaml fromYamlArray fromJsonArray mustToDuration \
    durationSeconds durationMilliseconds durationMicroseconds durationNanoseconds durationMinutes durationHours \
    durationDays durationWeeks durationRoundTo durationTruncateTo include tpl required lookup
    """.split(separator: " ").map(String.init)

    static var stubFunctions: FunctionTable {
        var table = FunctionTable()
        for name in functionNames {
            table[name] = .pure { _ in throw FunctionError("\(name) is a parse-only stub") }
        }
        return table
    }

    static let chartsDirectory = (ProcessInfo.processInfo.environment["HELM_CORPUS"] ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/conformance/helm").path) + "/charts"

    /// Files under each chart's (and subchart's) `templates/`.
    static func templateFiles() -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: chartsDirectory) else { return [] }
        var files: [String] = []
        while let path = enumerator.nextObject() as? String {
            let components = path.split(separator: "/")
            // Helm parses every file under templates/, whatever its extension.
            var isDirectory: ObjCBool = false
            let full = chartsDirectory + "/" + path
            guard components.contains("templates"), FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory),
                  !isDirectory.boolValue else { continue }
            files.append(full)
        }
        return files.sorted()
    }

    @Test func everyChartTemplateParses() throws {
        let files = Self.templateFiles()
        #expect(files.count > 300, "expected the corpus's chart templates, found \(files.count)")
        let set = TemplateSet(functions: Self.stubFunctions, missingKey: .zero)
        var failures: [String] = []
        for file in files {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            do {
                try set.parse(name: file, text: text)
            } catch {
                failures.append("\(error)")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) files failed to parse:\n\(failures.prefix(20).joined(separator: "\n"))")
        #expect(set.templateNames.count > files.count)
    }
}
