import GitOpsAPI
import Testing

@Suite("Event (Flux's generic webhook payload)")
struct EventTests {
    static let event = Event(
        involvedObject: ObjectRef(apiVersion: "kustomize.toolkit.fluxcd.io/v1", kind: "Kustomization", namespace: "apps", name: "webapp"),
        involvedUID: "7d0cdc51-ddcf-4743-b223-83ca5c699632",
        severity: .error,
        reason: "ValidationFailed",
        message: "service/apps/webapp validation error: spec.type: Unsupported value: Ingress",
        metadata: ["revision": "main@sha1:731f7ead", "env": "prod"],
        reportingController: "kustomize-controller",
        reportingInstance: "gitops-1",
        timestamp: "2022-10-28T07:26:19Z")

    @Test("the JSON has Flux's keys, in Flux's field order, with the involved object as an ObjectReference")
    func shape() {
        let json = Self.event.json
        #expect(json.objectValue.map { Array($0.keys) } == [
            "involvedObject", "severity", "timestamp", "message", "reason", "metadata", "reportingController", "reportingInstance",
        ])
        #expect(json.jsonString() == #"""
            {"involvedObject":{"apiVersion":"kustomize.toolkit.fluxcd.io/v1","kind":"Kustomization","name":"webapp","namespace":"apps","uid":"7d0cdc51-ddcf-4743-b223-83ca5c699632"},"severity":"error","timestamp":"2022-10-28T07:26:19Z","message":"service/apps/webapp validation error: spec.type: Unsupported value: Ingress","reason":"ValidationFailed","metadata":{"env":"prod","revision":"main@sha1:731f7ead"},"reportingController":"kustomize-controller","reportingInstance":"gitops-1"}
            """#)
    }

    @Test("an event without metadata, namespace or uid leaves those keys out")
    func optionalKeys() {
        let event = Event(involvedObject: ObjectRef(apiVersion: "v1", kind: "Namespace", namespace: nil, name: "apps"),
                          severity: .info, reason: "Progressing", message: "m", reportingController: "source-controller",
                          timestamp: "2024-01-01T00:00:00Z")
        #expect(event.json["metadata"] == nil)
        #expect(event.json["involvedObject"] == ["apiVersion": "v1", "kind": "Namespace", "name": "apps"])
        #expect(event.json["reportingInstance"] == "gitops")
    }

    @Test("an event reads back from its JSON unchanged")
    func roundTrip() throws {
        let text = Self.event.json.jsonString()
        let parsed = try #require(Event(json: try JSONValue.parse(json: text)))
        #expect(parsed == Self.event)
    }

    @Test("the example from Flux's provider documentation reads")
    func fluxExample() throws {
        let json = try JSONValue.parse(json: #"""
            {"involvedObject":{"apiVersion":"kustomize.toolkit.fluxcd.io/v1","kind":"Kustomization","name":"webapp","namespace":"apps","uid":"7d0cdc51-ddcf-4743-b223-83ca5c699632"},
             "metadata":{"kustomize.toolkit.fluxcd.io/revision":"main/731f7eaddfb6af01cb2173e18f0f75b0ba780ef1"},
             "severity":"error","reason":"ValidationFailed",
             "message":"service/apps/webapp validation error: spec.type: Unsupported value: Ingress",
             "reportingController":"kustomize-controller","reportingInstance":"kustomize-controller-7c7b47f5f-8bhrp",
             "timestamp":"2022-10-28T07:26:19Z"}
            """#)
        let event = try #require(Event(json: json))
        #expect(event.involvedObject.id.description == "Kustomization/apps/webapp")
        #expect(event.involvedUID == "7d0cdc51-ddcf-4743-b223-83ca5c699632")
        #expect(event.severity == .error)
        #expect(event.metadata == ["kustomize.toolkit.fluxcd.io/revision": "main/731f7eaddfb6af01cb2173e18f0f75b0ba780ef1"])
        #expect(event.reportingInstance == "kustomize-controller-7c7b47f5f-8bhrp")
    }

    @Test("JSON without an involved object is not an event")
    func notAnEvent() {
        #expect(Event(json: ["severity": "info", "message": "x"]) == nil)
    }

    @Test("messages are capped at Flux's 39000 characters")
    func messageCap() {
        let event = Event(involvedObject: ObjectRef(apiVersion: "v1", kind: "ConfigMap", namespace: "a", name: "b"),
                          severity: .info, reason: "r", message: String(repeating: "é", count: 40_000), reportingController: "c")
        #expect(event.message.count == 39_000)
    }
}

@Suite("CRDs")
struct CRDTests {
    @Test("seven CRDs, each named <plural>.<group> and serving its Flux version")
    func all() {
        let crds = CRDs.all
        #expect(crds.map(\.name) == [
            "gitrepositories.source.toolkit.fluxcd.io",
            "helmrepositories.source.toolkit.fluxcd.io",
            "kustomizations.kustomize.toolkit.fluxcd.io",
            "helmreleases.helm.toolkit.fluxcd.io",
            "providers.notification.toolkit.fluxcd.io",
            "alerts.notification.toolkit.fluxcd.io",
            "receivers.notification.toolkit.fluxcd.io",
        ])
        for crd in crds {
            #expect(crd.apiVersion == "apiextensions.k8s.io/v1")
            #expect(crd.kind == "CustomResourceDefinition")
            #expect(crd.namespace == nil)
            let plural = crd.body[path: ["spec", "names", "plural"]]?.stringValue ?? ""
            let group = crd.body[path: ["spec", "group"]]?.stringValue ?? ""
            #expect(crd.name == "\(plural).\(group)")
            #expect(crd.body[path: ["spec", "scope"]] == "Namespaced")
        }
        let versions = crds.map { crd in
            "\(crd.body[path: ["spec", "names", "kind"]]?.stringValue ?? "")/"
                + (crd.body[path: ["spec", "versions"]]?.arrayValue?.compactMap { $0["name"]?.stringValue }.joined() ?? "")
        }
        #expect(versions == [
            "GitRepository/v1", "HelmRepository/v1", "Kustomization/v1", "HelmRelease/v2",
            "Provider/v1beta3", "Alert/v1beta3", "Receiver/v1",
        ])
        #expect(crds.map(\.kind).count == 7)
    }

    @Test("the CRDs' kinds and versions match the API types the agent decodes")
    func matchTypes() {
        let types: [any APIObject.Type] = [GitRepository.self, HelmRepository.self, Kustomization.self, HelmRelease.self,
                                            Provider.self, Alert.self, Receiver.self]
        let fromCRDs = CRDs.all.map { crd in
            let group = crd.body[path: ["spec", "group"]]?.stringValue ?? ""
            let version = crd.body[path: ["spec", "versions"]]?.arrayValue?.first?["name"]?.stringValue ?? ""
            return "\(group)/\(version) \(crd.body[path: ["spec", "names", "kind"]]?.stringValue ?? "")"
        }
        #expect(fromCRDs == types.map { "\($0.apiVersion) \($0.kind)" })
    }
}
