import Foundation
import GitOpsAPI
import Kustomize
import Testing
import YAML

@Suite("Builder: refused builds")
struct BuildErrorTests {
    static let configMap = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n"

    @Test("a missing resource names the kustomization and the path looked for")
    func missingResource() throws {
        let fixture = try Fixture(["app/kustomization.yaml": "resources: [nope.yaml]\n"])
        #expect(fixture.buildError("app") == "app/kustomization.yaml: accumulating resources: resource nope.yaml not found (looked for app/nope.yaml)")
    }

    @Test("a resource directory without a kustomization file is refused")
    func directoryWithoutKustomization() throws {
        let fixture = try Fixture(["app/kustomization.yaml": "resources: [sub]\n", "app/sub/cm.yaml": Self.configMap])
        #expect(fixture.buildError("app")
            == "app/kustomization.yaml: accumulating resources: resource directory sub has no kustomization.yaml; add one that lists its files")
    }

    @Test("a file outside the kustomization's directory is refused under LoadRestrictionsRootOnly and allowed with .none")
    func fileOutsideKustomizationDirectory() throws {
        let fixture = try Fixture([
            "base/cm.yaml": Self.configMap,
            "overlay/kustomization.yaml": "resources: [../base/cm.yaml]\n",
        ])
        #expect(fixture.buildError("overlay")
            == "overlay/kustomization.yaml: base/cm.yaml is outside the build root; only files under the root may be loaded")
        #expect(try fixture.build("overlay", restrictor: .none) == "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n")
    }

    @Test("a path that climbs out of the root is refused whatever the restrictor")
    func climbOutOfRoot() throws {
        let outside = try Fixture(["cm.yaml": Self.configMap])
        let fixture = try Fixture(["kustomization.yaml": "resources: [\(outside.root)/cm.yaml]\n"])
        #expect(fixture.buildError(".", restrictor: .none)?.contains("is outside the build root") == true)
        let relative = try Fixture(["a/kustomization.yaml": "resources: [../../../../../../../../etc/hostname]\n"])
        #expect(relative.buildError("a", restrictor: .none)?.contains("is outside the build root") == true)
        #expect(fixture.buildError("..")?.contains("is outside the build root") == true, "the directory built must be under the root")
    }

    @Test("a symlink that escapes the root is refused, in a kustomization and in a plain directory")
    func symlinkEscape() throws {
        let outside = try Fixture(["secret.yaml": "apiVersion: v1\nkind: Secret\nmetadata: {name: stolen}\n"])
        let fixture = try Fixture(["app/kustomization.yaml": "resources: [link.yaml]\n"])
        try FileManager.default.createSymbolicLink(atPath: fixture.path("app/link.yaml"), withDestinationPath: outside.path("secret.yaml"))
        try FileManager.default.createSymbolicLink(atPath: fixture.path("plain"), withDestinationPath: outside.root)
        try fixture.write("flat/cm.yaml", Self.configMap)
        try FileManager.default.createSymbolicLink(atPath: fixture.path("flat/link.yaml"), withDestinationPath: outside.path("secret.yaml"))
        #expect(fixture.buildError("app", restrictor: .none)?.contains("is outside the build root") == true)
        #expect(fixture.buildError("plain", plainDirectory: true)?.contains("is outside the build root") == true)
        #expect(fixture.buildError("flat", plainDirectory: true)?.contains("is outside the build root") == true)
    }

    @Test("a symlink to a file elsewhere under the root is refused under rootOnly, as kustomize does, and followed with .none")
    func symlinkInside() throws {
        let fixture = try Fixture(["shared/cm.yaml": Self.configMap, "app/kustomization.yaml": "resources: [cm.yaml]\n"])
        try FileManager.default.createSymbolicLink(atPath: fixture.path("app/cm.yaml"), withDestinationPath: fixture.path("shared/cm.yaml"))
        // kubectl kustomize: "security; file '…/app/cm.yaml' is not in or below '…/app'".
        #expect(fixture.buildError("app") == "app/kustomization.yaml: app/cm.yaml is outside the build root; only files under the root may be loaded")
        #expect(try fixture.build("app", restrictor: .none) == "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n")
    }

    static let remotes = [
        "https://github.com/kubernetes-sigs/kustomize//examples/helloWorld?ref=v5.5.0",
        "git::https://example.com/repo.git//base",
        "github.com/acme/deploy/base?ref=main",
        "ssh://git@example.com/repo.git",
    ]

    @Test("remote resources are refused: the agent never fetches", arguments: remotes)
    func remote(resource: String) throws {
        let fixture = try Fixture(["kustomization.yaml": "resources:\n- \(resource)\n"])
        #expect(fixture.buildError()
            == "kustomization.yaml: remote resource \(resource) refused: the agent never fetches remote bases; vendor it into the repository")
    }

    @Test("a kustomization that includes itself is an error, not a hang")
    func selfInclusion() throws {
        let fixture = try Fixture(["app/kustomization.yaml": "resources: [.]\n"])
        #expect(fixture.buildError("app") == "app/kustomization.yaml: the kustomization includes itself (a cycle)")
        let pair = try Fixture([
            "a/kustomization.yaml": "resources: [../b]\n",
            "b/kustomization.yaml": "resources: [../a]\n",
        ])
        #expect(pair.buildError("a") == "a/kustomization.yaml: the kustomization includes itself (a cycle)")
    }

    @Test("the same base reached twice is a duplicate id, not a cycle")
    func diamond() throws {
        let fixture = try Fixture([
            "base/kustomization.yaml": "resources: [cm.yaml]\n",
            "base/cm.yaml": Self.configMap,
            "left/kustomization.yaml": "resources: [../base]\n",
            "right/kustomization.yaml": "resources: [../base]\nnamePrefix: r-\n",
            "top/kustomization.yaml": "resources: [../left, ../right]\n",
        ])
        #expect(try fixture.build("top") == "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: r-c\n")
    }

    @Test("Helm charts inside a kustomization are refused with what to use instead")
    func helmChartsRefused() throws {
        let fixture = try Fixture(["kustomization.yaml": "resources: []\nhelmCharts: []\n"])
        #expect(fixture.buildError() == "kustomization.yaml: helmCharts: Helm charts inside kustomizations are not supported; use a HelmRelease")
    }

    @Test("an unknown kustomization field is refused")
    func unknownField() throws {
        let fixture = try Fixture(["kustomization.yaml": "resource: [cm.yaml]\n"])
        #expect(fixture.buildError() == "kustomization.yaml: unknown field \"resource\" in a kustomization")
    }

    @Test("malformed YAML names file, line and column")
    func malformedYAML() throws {
        let fixture = try Fixture([
            "app/kustomization.yaml": "resources: [cm.yaml]\n",
            "app/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [c\n",
        ])
        let message = try #require(fixture.buildError("app"))
        #expect(message.hasPrefix("app/cm.yaml:"), "\(message)")
        #expect(message.split(separator: ":").count >= 4, "file:line:column: message, got \(message)")
        let badKustomization = try Fixture(["kustomization.yaml": "resources:\n  - a.yaml\n - b.yaml\n"])
        #expect(badKustomization.buildError()?.hasPrefix("kustomization.yaml:") == true)
    }

    @Test("a document that is not an object, or lacks kind or name, is refused with file:line")
    func notAnObject() throws {
        let fixture = try Fixture([
            "kustomization.yaml": "resources: [a.yaml]\n",
            "a.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n- just\n- a list\n",
        ])
        #expect(fixture.buildError() == "a.yaml:4: expected a Kubernetes object (a map), found a list")
        let noName = try Fixture(["kustomization.yaml": "resources: [a.yaml]\n", "a.yaml": "apiVersion: v1\nkind: ConfigMap\n"])
        #expect(noName.buildError() == "a.yaml:1: ConfigMap has no metadata.name")
    }

    @Test("two objects with the same id are refused")
    func duplicateIDs() throws {
        let fixture = try Fixture([
            "kustomization.yaml": "resources: [a.yaml, b.yaml]\n",
            "a.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: x}\n",
            "b.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: x}\ndata: {k: v}\n",
        ])
        let message = fixture.buildError() ?? ""
        #expect(message.hasPrefix("kustomization.yaml: may not add resource with an already registered id: ConfigMap.v1.[noGrp]/c.x"), "\(message)")
    }

    @Test("two kustomization files in one directory are refused")
    func twoKustomizationFiles() throws {
        let fixture = try Fixture(["app/kustomization.yaml": "resources: []\n", "app/kustomization.yml": "resources: []\n"])
        #expect(fixture.buildError("app") == "app: Found multiple kustomization files (kustomization.yaml, kustomization.yml, Kustomization); keep only one")
    }
}
