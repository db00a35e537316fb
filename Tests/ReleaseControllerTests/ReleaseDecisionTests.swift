import GitOpsAPI
@testable import ReleaseController
import Testing
import YAML

/// helm-controller's decision table (Flux's remediation semantics), without a cluster.
@Suite("ReleaseDecision")
struct ReleaseDecisionTests {
    static func spec(_ extra: String = "") throws -> HelmRelease.Spec {
        try HelmRelease(KubeObject(YAML.parse("""
            apiVersion: helm.toolkit.fluxcd.io/v2
            kind: HelmRelease
            metadata: {name: web, namespace: apps}
            spec:
              interval: 1m
              chart: {spec: {chart: web, sourceRef: {kind: HelmRepository, name: charts}}}
            \(extra)
            """))).spec
    }

    static func status(attempted: (String, String)? = nil, action: String? = nil, installFailures: Int = 0, upgradeFailures: Int = 0) -> HelmReleaseStatus {
        var s = HelmReleaseStatus(json: nil)
        s.lastAttemptedRevision = attempted?.0
        s.lastAttemptedConfigDigest = attempted?.1
        s.lastAttemptedReleaseAction = action
        s.installFailures = installFailures
        s.upgradeFailures = upgradeFailures
        return s
    }

    static let desired = (chartVersion: "1.1.0", configDigest: "sha256:new")
    static func latest(_ status: String, _ chart: String = "1.0.0", _ digest: String = "sha256:old") -> ReleaseDecision.Latest {
        .init(version: 3, status: status, chartVersion: chart, configDigest: digest)
    }

    func decide(_ latest: ReleaseDecision.Latest?, deployed: Bool = true, _ status: HelmReleaseStatus, _ spec: HelmRelease.Spec) -> ReleaseDecision.Action {
        ReleaseDecision.decide(latest: latest, hasDeployed: deployed, desired: Self.desired, status: status, spec: spec)
    }

    @Test("nothing installed: install; uninstalled: install again")
    func install() throws {
        #expect(decide(nil, deployed: false, Self.status(), try Self.spec()) == .install)
        #expect(decide(Self.latest("uninstalled"), Self.status(), try Self.spec()) == .install)
    }

    @Test("deployed with the same chart and values: nothing; a new chart or new values: upgrade")
    func upToDateOrUpgrade() throws {
        #expect(decide(Self.latest("deployed", "1.1.0", "sha256:new"), Self.status(), try Self.spec()) == .none)
        #expect(decide(Self.latest("deployed", "1.0.0", "sha256:new"), Self.status(), try Self.spec()) == .upgrade)
        #expect(decide(Self.latest("deployed", "1.1.0", "sha256:old"), Self.status(), try Self.spec()) == .upgrade)
    }

    @Test("up to date but post-renderers or common metadata changed: upgrade (deployed only)")
    func postRenderChanged() throws {
        let upToDate = Self.latest("deployed", "1.1.0", "sha256:new")
        #expect(ReleaseDecision.decide(latest: upToDate, hasDeployed: true, desired: Self.desired, status: Self.status(),
                                       spec: try Self.spec(), postRenderChanged: true) == .upgrade)
        #expect(ReleaseDecision.decide(latest: upToDate, hasDeployed: true, desired: Self.desired, status: Self.status(),
                                       spec: try Self.spec(), postRenderChanged: false) == .none)
        // Upgrades of this chart and values that failed as often as allowed: stalled, not retried forever.
        let exhausted = Self.status(attempted: ("1.1.0", "sha256:new"), action: "upgrade", upgradeFailures: 1)
        #expect(ReleaseDecision.decide(latest: upToDate, hasDeployed: true, desired: Self.desired, status: exhausted,
                                       spec: try Self.spec(), postRenderChanged: true) == .stalled("Failed to upgrade after 1 attempt(s)"))
        // A superseded latest record (rolled back to) is not upgraded for it: remediation decides.
        #expect(ReleaseDecision.decide(latest: Self.latest("superseded", "1.1.0", "sha256:new"), hasDeployed: true, desired: Self.desired,
                                       status: Self.status(), spec: try Self.spec(), postRenderChanged: true) == .none)
    }

    @Test("a pending record left by an interrupted action is unlocked first")
    func pending() throws {
        #expect(decide(Self.latest("pending-upgrade"), Self.status(), try Self.spec()) == .unlock)
    }

    @Test("failed install, no retries (Flux's default): stalled with Flux's message")
    func failedInstallNoRetries() throws {
        let status = Self.status(attempted: ("1.1.0", "sha256:new"), action: "install", installFailures: 1)
        #expect(decide(Self.latest("failed", "1.1.0", "sha256:new"), deployed: false, status, try Self.spec())
                == .stalled("Failed to install after 1 attempt(s)"))
    }

    @Test("failed install with retries left: uninstall between attempts, then install again")
    func failedInstallRetries() throws {
        let spec = try Self.spec("  install: {remediation: {retries: 2}}")
        let status = Self.status(attempted: ("1.1.0", "sha256:new"), action: "install", installFailures: 1)
        #expect(decide(Self.latest("failed", "1.1.0", "sha256:new"), deployed: false, status, spec) == .uninstall)
        // After the uninstall: install again; after the third failure: stalled.
        #expect(decide(Self.latest("uninstalled"), deployed: false, status, spec) == .install)
        let third = Self.status(attempted: ("1.1.0", "sha256:new"), action: "install", installFailures: 3)
        #expect(decide(nil, deployed: false, third, spec) == .stalled("Failed to install after 3 attempt(s)"))
    }

    @Test("failed upgrade: rollback with retries or remediateLastFailure; uninstall with that strategy; else stalled")
    func failedUpgrade() throws {
        let failed = Self.latest("failed", "1.1.0", "sha256:new")
        let once = Self.status(attempted: ("1.1.0", "sha256:new"), action: "upgrade", upgradeFailures: 1)
        #expect(decide(failed, once, try Self.spec()) == .stalled("Failed to upgrade after 1 attempt(s)"))
        #expect(decide(failed, once, try Self.spec("  upgrade: {remediation: {retries: 1}}")) == .rollback)
        #expect(decide(failed, once, try Self.spec("  upgrade: {remediation: {remediateLastFailure: true}}")) == .rollback)
        #expect(decide(failed, once, try Self.spec("  upgrade: {remediation: {retries: 1, strategy: uninstall}}")) == .uninstall)
        // retries > 0 implies remediateLastFailure unless it is set false.
        let twice = Self.status(attempted: ("1.1.0", "sha256:new"), action: "upgrade", upgradeFailures: 2)
        #expect(decide(failed, twice, try Self.spec("  upgrade: {remediation: {retries: 1}}")) == .rollback)
        #expect(decide(failed, twice, try Self.spec("  upgrade: {remediation: {retries: 1, remediateLastFailure: false}}"))
                == .stalled("Failed to upgrade after 2 attempt(s)"))
        // Negative retries: forever.
        let many = Self.status(attempted: ("1.1.0", "sha256:new"), action: "upgrade", upgradeFailures: 40)
        #expect(decide(failed, many, try Self.spec("  upgrade: {remediation: {retries: -1}}")) == .rollback)
    }

    @Test("after a rollback: the same chart and values are retried while retries remain, then stalled; new values try again")
    func afterRollback() throws {
        let rolledBack = Self.latest("deployed", "1.0.0", "sha256:old")
        let spec = try Self.spec("  upgrade: {remediation: {retries: 1}}")
        #expect(decide(rolledBack, Self.status(attempted: ("1.1.0", "sha256:new"), action: "upgrade", upgradeFailures: 1), spec) == .upgrade)
        #expect(decide(rolledBack, Self.status(attempted: ("1.1.0", "sha256:new"), action: "upgrade", upgradeFailures: 2), spec)
                == .stalled("Failed to upgrade after 2 attempt(s)"))
        // Git moved on: a fresh attempt whatever the counters say.
        #expect(decide(rolledBack, Self.status(attempted: ("1.1.0", "sha256:older"), action: "upgrade", upgradeFailures: 2), spec) == .upgrade)
        #expect(decide(Self.latest("failed", "1.1.0", "sha256:new"), Self.status(attempted: ("1.0.5", "sha256:new"), action: "upgrade", upgradeFailures: 5), spec) == .upgrade)
    }
}
