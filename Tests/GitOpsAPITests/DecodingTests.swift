import GitOpsAPI
import Testing
import YAML

/// Reads one YAML document as a Kubernetes object.
func object(_ yaml: String) throws -> KubeObject { KubeObject(try YAML.parse(yaml)) }

@Suite("Decoding Flux kinds")
struct DecodingTests {
    @Test("a GitRepository decodes with its ref and the 60s default timeout")
    func gitRepository() throws {
        let repo = try GitRepository(object("""
            apiVersion: source.toolkit.fluxcd.io/v1
            kind: GitRepository
            metadata:
              name: podinfo
              namespace: flux-system
            spec:
              interval: 5m0s
              url: https://github.com/stefanprodan/podinfo
              ref:
                branch: master
              secretRef:
                name: https-credentials
              ignore: |
                /*
                !/deploy
            """))
        #expect(repo.displayName == "GitRepository/flux-system/podinfo")
        #expect(repo.spec.url == "https://github.com/stefanprodan/podinfo")
        #expect(repo.spec.ref?.branch == "master")
        #expect(repo.spec.ref?.tag == nil)
        #expect(repo.spec.interval.description == "5m0s")
        #expect(repo.spec.timeout.description == "1m0s")
        #expect(repo.spec.secretRef?.name == "https-credentials")
        #expect(repo.spec.ignore == "/*\n!/deploy", "a block scalar at the end of the text has no final line break to keep")
        #expect(repo.spec.suspend == false)
        #expect(repo.spec.recurseSubmodules == false)
        #expect(repo.ref == ObjectRef(apiVersion: "source.toolkit.fluxcd.io/v1", kind: "GitRepository", namespace: "flux-system", name: "podinfo"))
    }

    @Test("a Kustomization decodes; retryInterval and timeout default to interval; sourceRef namespace to its own")
    func kustomization() throws {
        let ks = try Kustomization(object("""
            apiVersion: kustomize.toolkit.fluxcd.io/v1
            kind: Kustomization
            metadata:
              name: apps
              namespace: flux-system
            spec:
              interval: 10m
              path: ./apps/production
              prune: true
              wait: true
              sourceRef:
                kind: GitRepository
                name: flux-system
              dependsOn:
                - name: infrastructure
              targetNamespace: apps
              images:
                - name: ghcr.io/stefanprodan/podinfo
                  newTag: 6.5.0
              commonMetadata:
                labels:
                  team: web
              postBuild:
                substitute:
                  cluster_env: production
              healthChecks:
                - apiVersion: apps/v1
                  kind: Deployment
                  name: podinfo
                  namespace: apps
            """))
        let spec = ks.spec
        #expect(spec.interval.description == "10m0s")
        #expect(spec.retryInterval == nil)
        #expect(spec.effectiveRetryInterval == spec.interval)
        #expect(spec.effectiveTimeout == spec.interval)
        #expect(spec.path == "./apps/production")
        #expect(spec.prune && spec.wait)
        #expect(spec.sourceRef == CrossNamespaceReference(kind: "GitRepository", name: "flux-system", namespace: "flux-system"))
        #expect(spec.dependsOn == [CrossNamespaceReference(kind: "Kustomization", name: "infrastructure", namespace: "flux-system")])
        #expect(spec.targetNamespace == "apps")
        #expect(spec.images.map(\.name) == ["ghcr.io/stefanprodan/podinfo"])
        #expect(spec.images.map(\.newTag) == ["6.5.0"])
        #expect(spec.images.first?.newName == nil && spec.images.first?.digest == nil)
        #expect(spec.commonLabels == ["team": "web"])
        #expect(spec.substitute == ["cluster_env": "production"])
        #expect(spec.healthChecks.map { "\($0.apiVersion) \($0.kind)/\($0.namespace ?? "")/\($0.name)" } == ["apps/v1 Deployment/apps/podinfo"])
        #expect(!spec.suspend && !spec.force)
    }

    @Test("a Kustomization with explicit retryInterval and timeout uses them, and path defaults to ./")
    func kustomizationExplicitTimes() throws {
        let ks = try Kustomization(object("""
            apiVersion: kustomize.toolkit.fluxcd.io/v1
            kind: Kustomization
            metadata: {name: infra}
            spec:
              interval: 1h
              retryInterval: 2m
              timeout: 3m
              prune: false
              sourceRef: {kind: GitRepository, name: repo, namespace: other}
            """))
        #expect(ks.metadata.namespace == "default")
        #expect(ks.spec.effectiveRetryInterval.description == "2m0s")
        #expect(ks.spec.effectiveTimeout.description == "3m0s")
        #expect(ks.spec.path == "./")
        #expect(ks.spec.sourceRef.namespace == "other")
        #expect(ks.spec.prune == false)
    }

    @Test("a HelmRelease decodes its chart, values and remediation with Flux's defaults")
    func helmRelease() throws {
        let hr = try HelmRelease(object("""
            apiVersion: helm.toolkit.fluxcd.io/v2
            kind: HelmRelease
            metadata:
              name: podinfo
              namespace: apps
            spec:
              interval: 50m
              releaseName: podinfo
              chart:
                spec:
                  chart: podinfo
                  version: "6.5.*"
                  sourceRef:
                    kind: HelmRepository
                    name: podinfo
              install:
                remediation:
                  retries: 3
              values:
                replicaCount: 2
            """))
        #expect(hr.interval.description == "50m0s")
        #expect(hr.suspend == false)
        #expect(hr.spec.chart.version == "6.5.*")
        #expect(hr.spec.chart.sourceRef.namespace == "apps")
        #expect(hr.spec.values?["replicaCount"] == 2)
        #expect(hr.spec.install.remediation.retries == 3)
        #expect(hr.spec.install.remediation.strategy == .uninstall)
        #expect(hr.spec.upgrade.remediation.strategy == .rollback)
        #expect(hr.spec.maxHistory == 5)
        #expect(hr.spec.timeout.description == "5m0s")
    }

    @Test("a HelmRepository decodes, with type default")
    func helmRepository() throws {
        let repo = try HelmRepository(object("""
            apiVersion: source.toolkit.fluxcd.io/v1
            kind: HelmRepository
            metadata:
              name: podinfo
              namespace: flux-system
            spec:
              interval: 5m
              url: https://stefanprodan.github.io/podinfo
            """))
        #expect(repo.spec.url == "https://stefanprodan.github.io/podinfo")
        #expect(repo.spec.type == "default")
        #expect(repo.spec.interval?.description == "5m0s")
        #expect(repo.spec.timeout == nil)
        let oci = try HelmRepository(object("""
            apiVersion: source.toolkit.fluxcd.io/v1
            kind: HelmRepository
            metadata: {name: oci}
            spec: {type: oci, url: "oci://ghcr.io/stefanprodan/charts"}
            """))
        #expect(oci.spec.type == "oci")
    }

    @Test("a Provider decodes with the 15s default timeout")
    func provider() throws {
        let provider = try Provider(object("""
            apiVersion: notification.toolkit.fluxcd.io/v1beta3
            kind: Provider
            metadata:
              name: slack
              namespace: flux-system
            spec:
              type: slack
              channel: general
              address: https://slack.com/api/chat.postMessage
              secretRef:
                name: slack-bot-token
            """))
        #expect(provider.spec.type == "slack")
        #expect(provider.spec.channel == "general")
        #expect(provider.spec.address == "https://slack.com/api/chat.postMessage")
        #expect(provider.spec.timeout.description == "15s")
        #expect(provider.spec.secretRef?.name == "slack-bot-token")
        #expect(provider.spec.suspend == false)
    }

    @Test("an Alert decodes its event sources, with severity info by default")
    func alert() throws {
        let alert = try Alert(object("""
            apiVersion: notification.toolkit.fluxcd.io/v1beta3
            kind: Alert
            metadata:
              name: on-call
              namespace: flux-system
            spec:
              summary: Cluster addons impacted
              providerRef:
                name: slack
              eventSources:
                - kind: GitRepository
                  name: '*'
                - kind: Kustomization
                  name: apps
                  namespace: apps
                  matchLabels:
                    team: web
              exclusionList:
                - ".*upgrade.*has.*started"
              eventMetadata:
                env: production
            """))
        #expect(alert.spec.providerRef.name == "slack")
        #expect(alert.spec.eventSeverity == "info")
        #expect(alert.spec.eventSources.map { "\($0.kind)/\($0.namespace ?? "-")/\($0.name)" } == ["GitRepository/-/*", "Kustomization/apps/apps"])
        #expect(alert.spec.eventSources.map(\.matchLabels) == [[:], ["team": "web"]])
        #expect(alert.spec.exclusionList == [".*upgrade.*has.*started"])
        #expect(alert.spec.inclusionList == [])
        #expect(alert.spec.eventMetadata == ["env": "production"])
        #expect(alert.spec.summary == "Cluster addons impacted")
    }

    @Test("a Receiver decodes its type, events and resources")
    func receiver() throws {
        let receiver = try Receiver(object("""
            apiVersion: notification.toolkit.fluxcd.io/v1
            kind: Receiver
            metadata:
              name: github-receiver
              namespace: flux-system
            spec:
              type: github
              events:
                - "ping"
                - "push"
              secretRef:
                name: receiver-token
              resources:
                - apiVersion: source.toolkit.fluxcd.io/v1
                  kind: GitRepository
                  name: flux-system
            """))
        #expect(receiver.spec.type == "github")
        #expect(receiver.spec.events == ["ping", "push"])
        #expect(receiver.spec.secretRef.name == "receiver-token")
        #expect(receiver.spec.resources.map(\.name) == ["flux-system"])
        #expect(receiver.spec.resources.first?.apiVersion == "source.toolkit.fluxcd.io/v1")
    }

    @Test("a Receiver without a type is generic")
    func receiverDefaultType() throws {
        let receiver = try Receiver(object("""
            apiVersion: notification.toolkit.fluxcd.io/v1
            kind: Receiver
            metadata: {name: hook}
            spec: {secretRef: {name: token}}
            """))
        #expect(receiver.spec.type == "generic")
    }

    @Test("status helpers read conditions, readiness and the requestedAt annotation")
    func statusHelpers() throws {
        let repo = try GitRepository(object("""
            apiVersion: source.toolkit.fluxcd.io/v1
            kind: GitRepository
            metadata:
              name: podinfo
              annotations:
                reconcile.fluxcd.io/requestedAt: "2024-05-01T10:00:00Z"
            spec: {interval: 1m, url: "https://example.com/repo.git"}
            status:
              lastHandledReconcileAt: "2024-04-01T10:00:00Z"
              conditions:
              - {type: Ready, status: "True", reason: Succeeded, message: ok}
              artifact:
                revision: main@sha1:abc
                digest: sha256:def
                url: file:///var/artifacts/podinfo
                path: podinfo
                size: 12
            """))
        #expect(repo.isReady)
        #expect(repo.requestedAt == "2024-05-01T10:00:00Z")
        #expect(repo.lastHandledReconcileAt == "2024-04-01T10:00:00Z")
        #expect(repo.artifact?.revision == "main@sha1:abc")
        #expect(repo.artifact?.localDirectory == "/var/artifacts/podinfo")
    }
}
