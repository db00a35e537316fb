@testable import Git
import Testing

@Suite("Ignore patterns")
struct IgnorePatternTests {
    /// (patterns, path, isDirectory, ignored) for a root-level ignore file.
    static let table: [([String], String, Bool, Bool)] = [
        (["*.png"], "a/b/c.png", false, true),
        (["*.png"], "a/b/c.pngx", false, false),
        (["build/"], "build", true, true),
        (["build/"], "build", false, false),          // dir-only does not match a file
        (["build/"], "src/build/out.o", false, true), // matches at any depth, covers contents
        (["/build"], "build/x", false, true),
        (["/build"], "src/build/x", false, false),    // anchored
        (["docs/*.md"], "docs/a.md", false, true),
        (["docs/*.md"], "x/docs/a.md", false, false),
        (["**/secret.yaml"], "a/b/secret.yaml", false, true),
        (["**/secret.yaml"], "secret.yaml", false, true),
        (["a/**/z"], "a/b/c/z", false, true),
        (["a/**"], "a/b/c", false, true),
        (["*.yaml", "!keep.yaml"], "keep.yaml", false, false),
        (["*.yaml", "!keep.yaml"], "drop.yaml", false, true),
        (["!keep.yaml", "*.yaml"], "keep.yaml", false, true), // the last match wins
        (["dir/", "!dir/keep"], "dir/keep", false, false),   // go-git re-includes inside a dir
        (["file?.txt"], "file1.txt", false, true),
        (["file[0-2].txt"], "file3.txt", false, false),
        (["file[!0-2].txt"], "file3.txt", false, true),
        (["\\#literal"], "#literal", false, true),
        (["trailing   "], "trailing", false, true),
    ]

    @Test("follows gitignore rules as go-git reads them", arguments: 0..<table.count)
    func row(index: Int) {
        let (patterns, path, isDirectory, ignored) = Self.table[index]
        let matcher = IgnoreMatcher(patterns: patterns.map { IgnorePattern($0, domain: []) })
        let components = path.split(separator: "/").map(String.init)
        #expect(matcher.isIgnored(components, isDirectory: isDirectory) == ignored, "\(patterns) vs \(path)")
    }

    @Test("scopes .sourceignore patterns to their directory")
    func domain() {
        let matcher = IgnoreMatcher(patterns: [IgnorePattern("/local/", domain: ["apps"]), IgnorePattern("*.txt", domain: ["apps"])])
        #expect(matcher.isIgnored(["apps", "local", "x.yaml"]))
        #expect(!matcher.isIgnored(["local", "x.yaml"]))
        #expect(matcher.isIgnored(["apps", "deep", "a.txt"]))
        #expect(!matcher.isIgnored(["b.txt"]))
    }

    @Test("keeps Flux's default list")
    func defaults() {
        let matcher = IgnoreRules().matcher(sourceIgnoreFiles: [])
        for path in [".git/config", ".gitmodules", "x/y.jpg", "a.zip", ".circleci/config.yml", "codeship-steps.yml",
                     "deep/.goreleaser.yml", "cloudbuild.yaml", "nested/.flux.yaml"] {
            #expect(matcher.isIgnored(path.split(separator: "/").map(String.init)), "\(path)")
        }
        #expect(!matcher.isIgnored(["deploy", "app.yaml"]))
    }
}
