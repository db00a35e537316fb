import Foundation
import Testing

@testable import Kustomize

/// configMapGenerator / secretGenerator, hash suffixes, namespaces, prefixes and name references,
/// checked against outputs `kubectl kustomize` (v5.5) printed for the same inputs.
@Suite("Generators, hashes and name references")
struct GeneratorTests {
    @Test("SHA-256 matches the FIPS 180-4 test vectors")
    func sha256Vectors() {
        #expect(SHA256.hex(Array("".utf8)) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test("the hash suffix is kustomize's: Go JSON of kind, name and data, SHA-256, encoded to 10 letters")
    func hashOfLiteral() throws {
        let fixture = try Fixture([
            "kustomization.yaml": """
            configMapGenerator:
            - name: test
              literals:
              - TEST='
            """,
        ])
        #expect(try fixture.build() == """
        apiVersion: v1
        data:
          TEST: ''''
        kind: ConfigMap
        metadata:
          name: test-m8t7bmb6g2

        """)
    }

    @Test("env files, literals and files make one ConfigMap and one base64 Secret, prefixed before hashing")
    func basics() throws {
        let fixture = try Fixture([
            "kustomization.yaml": """
            namePrefix: blah-
            configMapGenerator:
            - name: json
              literals:
              - 'v2=[{"path": "var/druid/segment-cache"}]'
            secretGenerator:
            - name: bob
              literals:
              - fruit=apple
              files:
              - passphrase=phrase.dat
            """,
            "phrase.dat": "\nLife is short.\nBut the years are long.\nNot while the evil days come not.\n",
        ])
        let out = try fixture.build()
        #expect(out.contains("  name: blah-json-"))
        #expect(out.contains("""
          passphrase: |
            CkxpZmUgaXMgc2hvcnQuCkJ1dCB0aGUgeWVhcnMgYXJlIGxvbmcuCk5vdCB3aGlsZSB0aG
            UgZXZpbCBkYXlzIGNvbWUgbm90Lgo=
        """))
        #expect(out.contains("type: Opaque"))
    }

    @Test("a repeated key is an error naming the generator and the key")
    func repeatedKey() throws {
        let fixture = try Fixture([
            "kustomization.yaml": """
            configMapGenerator:
            - name: c
              literals:
              - a=1
              - a=2
            """,
        ])
        let error = try #require(fixture.buildError())
        #expect(error.contains("kustomization.yaml"))
        #expect(error.contains("repeats the key `a`"))
    }

    @Test("merge keeps the base's name and data, adds the overlay's, and references follow the new hash")
    func mergeAndReference() throws {
        let fixture = try Fixture([
            "base/kustomization.yaml": """
            resources: [deploy.yaml]
            configMapGenerator:
            - name: cfg
              literals: [a=1, b=2]
            """,
            "base/deploy.yaml": """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              template:
                spec:
                  containers:
                  - name: web
                    envFrom:
                    - configMapRef: {name: cfg}
            """,
            "overlay/kustomization.yaml": """
            resources: [../base]
            namePrefix: p-
            configMapGenerator:
            - name: cfg
              behavior: merge
              literals: [b=3, c=4]
            """,
        ])
        let out = try fixture.build("overlay")
        let cm = try #require(out.components(separatedBy: "---").first { $0.contains("kind: ConfigMap") })
        #expect(cm.contains("a: \"1\""))
        #expect(cm.contains("b: \"3\""))
        #expect(cm.contains("c: \"4\""))
        let name = try #require(cm.split(separator: "\n").first { $0.contains("name: p-cfg-") }).split(separator: " ").last!
        #expect(out.contains("- configMapRef:\n            name: \(name)"))
    }

    @Test("merge without a resource of that name is an error")
    func mergeWithoutBase() throws {
        let fixture = try Fixture([
            "kustomization.yaml": """
            configMapGenerator:
            - name: c
              behavior: merge
              literals: [a=1]
            """,
        ])
        #expect(try #require(fixture.buildError()).contains("cannot merge or replace"))
    }

    @Test("namespace: sets namespaced objects, renames Namespace objects, and leaves cluster kinds alone")
    func namespaceTransformer() throws {
        let fixture = try Fixture([
            "kustomization.yaml": """
            namespace: prod
            resources: [all.yaml]
            """,
            "all.yaml": """
            apiVersion: v1
            kind: Namespace
            metadata: {name: old}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: reader}
            ---
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: default}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: bind}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: reader}
            subjects:
            - {kind: ServiceAccount, name: default, namespace: other}
            - {kind: User, name: alice}
            """,
        ])
        #expect(try fixture.build() == """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: prod
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: default
          namespace: prod
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: reader
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata:
          name: bind
        roleRef:
          apiGroup: rbac.authorization.k8s.io
          kind: ClusterRole
          name: reader
        subjects:
        - kind: ServiceAccount
          name: default
          namespace: prod
        - kind: User
          name: alice

        """)
    }

    @Test("a prefixed Role is renamed in the RoleBinding's roleRef, a ClusterRole of the same name is not")
    func roleRef() throws {
        let fixture = try Fixture([
            "kustomization.yaml": """
            namePrefix: x-
            resources: [rbac.yaml]
            """,
            "rbac.yaml": """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: r}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: b}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: r}
            """,
        ])
        let out = try fixture.build()
        #expect(out.contains("  kind: Role\n  name: x-r"))
        #expect(out.contains("name: x-b"))
    }
}
