import SemVer
import Testing

@Suite("Version")
struct VersionTests {
    @Test("parses full, partial, v-prefixed and decorated versions")
    func parsing() throws {
        let full = try Version.parse("1.2.3-rc.1+build.5")
        #expect(full.major == 1 && full.minor == 2 && full.patch == 3)
        #expect(full.prerelease == ["rc", "1"])
        #expect(full.buildMetadata == ["build", "5"])
        #expect(full.description == "1.2.3-rc.1+build.5")
        #expect(try Version.parse("v1.2.3") == Version(major: 1, minor: 2, patch: 3))
        #expect(try Version.parse("1.2") == Version(major: 1, minor: 2, patch: 0))
        #expect(try Version.parse("v2") == Version(major: 2, minor: 0, patch: 0))
    }

    @Test("rejects what is not a version", arguments: ["", "v", "1.2.3.4", "a.b.c", "1..2", "01.2.3", "1.2.3-", "1.2.3-01", "1.2.3+", "1.2.3-a..b", "main", "1.2.3 "])
    func rejects(text: String) {
        #expect(throws: SemVerError.self) { try Version.parse(text) }
        #expect(Version(text) == nil)
    }

    @Test("orders by semver.org precedence")
    func precedence() throws {
        // The example chain from semver.org §11, then core-number ordering.
        let chain = ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
                     "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.1.0", "1.10.0", "2.0.0"]
        let versions = try chain.map(Version.parse)
        for (lower, higher) in zip(versions, versions.dropFirst()) {
            #expect(lower < higher, "\(lower) < \(higher)")
        }
        #expect(versions.shuffled().sorted() == versions)
    }

    @Test("ignores build metadata for equality and order")
    func buildMetadata() throws {
        #expect(try Version.parse("1.0.0+a") == Version.parse("1.0.0+b"))
        #expect(!(try Version.parse("1.0.0+a") < Version.parse("1.0.0+b")))
        #expect(Set([try Version.parse("1.0.0+a"), try Version.parse("1.0.0")]).count == 1)
    }
}
