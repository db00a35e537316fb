import Foundation

/// `helm template`'s `--show-only` and `--output-dir` (cmd/helm/template.go, pkg/action
/// `renderResources`, Helm 3.19).
extension Rendering {
    /// `--show-only`: the documents of `output` (what `helmTemplateOutput` printed) whose
    /// `# Source:` path, less its first segment (the chart's name), matches one of `patterns`
    /// (Go's `filepath.Match`), pattern by pattern, each document as `---\nDOC\n`. A pattern that
    /// matches nothing is an error, as in Helm: `could not find template PATTERN in chart`.
    public static func showOnly(_ patterns: [String], of output: String) throws -> String {
        let documents = splitManifests(output)
        var shown = ""
        for pattern in patterns {
            var missing = true
            for document in documents {
                guard let path = sourcePathAfterChart(document), GoGlob.filepathMatch(pattern, path) else { continue }
                shown += "---\n\(document)\n"
                missing = false
            }
            if missing { throw HelmError("could not find template \(pattern) in chart") }
        }
        return shown
    }

    /// `releaseutil.SplitManifests`: the stream trimmed and split on the regular expression
    /// `(?:^|\s*\n)---\s*`, empty documents dropped, each document trimmed, in stream order.
    static func splitManifests(_ stream: String) -> [String] {
        let text = Array(GoStrings.trimSpace(stream).unicodeScalars)
        func isSpace(_ r: Unicode.Scalar) -> Bool { r == " " || r == "\t" || r == "\n" || r == "\r" || r == "\u{0C}" }
        func dashes(at i: Int) -> Bool { i + 3 <= text.count && text[i] == "-" && text[i + 1] == "-" && text[i + 2] == "-" }
        var documents: [String] = []
        var start = 0, i = 0
        if dashes(at: 0) {
            i = 3
            while i < text.count, isSpace(text[i]) { i += 1 }
            start = i
        }
        while i < text.count {
            guard text[i] == "\n", dashes(at: i + 1) else { i += 1; continue }
            // The separator starts where the white space before this newline starts.
            var separatorStart = i
            while separatorStart > start, isSpace(text[separatorStart - 1]) { separatorStart -= 1 }
            documents.append(String(String.UnicodeScalarView(text[start..<separatorStart])))
            i += 4
            while i < text.count, isSpace(text[i]) { i += 1 }
            start = i
        }
        documents.append(String(String.UnicodeScalarView(text[start...])))
        return documents.map { GoStrings.trimSpace($0) }.filter { !$0.isEmpty }
    }

    /// The first match of `# Source: [^/]+/(.+)` in a document: the template's path without the
    /// chart's name (`templates/x.yaml`, `charts/sub/templates/x.yaml`), up to the end of the line.
    static func sourcePathAfterChart(_ document: String) -> String? {
        var rest = Substring(document)
        while let marker = rest.range(of: "# Source: ") {
            let line = rest[marker.upperBound...].prefix { $0 != "\n" }
            if let slash = line.firstIndex(of: "/"), slash > line.startIndex, line.index(after: slash) < line.endIndex {
                return String(line[line.index(after: slash)...])
            }
            rest = rest[marker.upperBound...]
        }
        return nil
    }

    /// `--output-dir DIR`: each CRD (with `--include-crds`) into DIR, each manifest and hook
    /// (unless left out) into DIR, or DIR/RELEASE with `--release-name`, at its source path, as
    /// `---\n# Source: PATH\nCONTENT\n`; documents of one template are appended to its file, and a
    /// hook is appended to a file that already exists. Calls `wrote` with each file written (Helm
    /// prints `wrote PATH`). Helm then prints an empty line where the manifests would have been.
    public func writeHelmTemplateFiles(
        to outputDir: String, releaseName: String?, includeCRDs: Bool, includeHooks: Bool, skipTests: Bool,
        wrote: (String) -> Void
    ) throws {
        var written: Set<String> = []
        if includeCRDs {
            for crd in crds {
                try Self.write(outputDir, crd.filename, String(decoding: crd.data, as: UTF8.self), append: written.contains(crd.filename), wrote: wrote)
                written.insert(crd.filename)
            }
        }
        let directory = releaseName.map { Self.cleanPath(outputDir + "/" + $0) } ?? outputDir
        for manifest in manifests {
            try Self.write(directory, manifest.sourcePath, manifest.content, append: written.contains(manifest.sourcePath), wrote: wrote)
            written.insert(manifest.sourcePath)
        }
        guard includeHooks else { return }
        for hook in hooks where !(skipTests && hook.events.contains("test")) {
            if FileManager.default.fileExists(atPath: Self.cleanPath(directory + "/" + hook.sourcePath)) { written.insert(hook.sourcePath) }
            try Self.write(directory, hook.sourcePath, hook.manifest, append: written.contains(hook.sourcePath), wrote: wrote)
        }
    }

    /// `writeToFile`: DIR + "/" + NAME, its directory made first; created (truncated) or appended.
    private static func write(_ directory: String, _ name: String, _ content: String, append: Bool, wrote: (String) -> Void) throws {
        let path = directory + "/" + name
        let text = Data("---\n# Source: \(name)\n\(content)\n".utf8)
        do {
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            if append, let handle = FileHandle(forWritingAtPath: path) {
                defer { try? handle.close() }
                try handle.seekToEnd()
                try handle.write(contentsOf: text)
            } else {
                guard FileManager.default.createFile(atPath: path, contents: text) else {
                    throw HelmError("open \(path): cannot create the file (check the directory's permissions)")
                }
            }
        } catch let error as HelmError {
            throw error
        } catch {
            throw HelmError("write \(path): \(error.localizedDescription)")
        }
        wrote(path)
    }

    /// Go's `filepath.Clean` for the paths joined here (repeated and trailing `/`, `.` elements).
    private static func cleanPath(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/") where part != "." {
            if part == "..", let last = parts.last, last != ".." { parts.removeLast() } else if !(part == ".." && absolute && parts.isEmpty) { parts.append(part) }
        }
        let joined = parts.joined(separator: "/")
        return absolute ? "/" + joined : (joined.isEmpty ? "." : joined)
    }
}
