import GitOpsAPI

/// What the release looks like now, and the one action to take: helm-controller's "determine the
/// release state, then pick an action" (`internal/reconcile/atomic_release.go`), as a pure
/// function so the table is tested without a cluster.
enum ReleaseDecision {
    /// The latest Helm record, reduced to what the decision needs.
    struct Latest: Sendable, Equatable {
        var version: Int
        /// Helm's status string: deployed, failed, superseded, uninstalled, pending-….
        var status: String
        var chartVersion: String
        var configDigest: String
    }

    enum Action: Sendable, Equatable {
        /// Up to date: nothing to do (drift detection and tests may still run).
        case none
        case install
        case upgrade
        /// Remediate a failed upgrade by rolling back to the last deployed revision.
        case rollback
        /// Remediate a failed install (or upgrade with strategy uninstall) by uninstalling.
        case uninstall
        /// A pending record left by an interrupted action: mark it failed, then decide again.
        case unlock
        /// Retries exhausted: a person has to change something.
        case stalled(String)
    }

    /// - Parameters:
    ///   - latest: the newest Helm record of the release.
    ///   - hasDeployed: whether any revision was ever deployed (an upgrade, not an install, then).
    ///   - desired: chart version and config digest of this reconcile.
    ///   - status: the HelmRelease's status: what was last attempted and its failure counters.
    ///   - postRenderChanged: `postRenderers` or `commonMetadata` differ from what was last
    ///     released (Flux: "postrenderers digest has changed"): an up-to-date release upgrades.
    static func decide(latest: Latest?, hasDeployed: Bool, desired: (chartVersion: String, configDigest: String),
                       status: HelmReleaseStatus, spec: HelmRelease.Spec, postRenderChanged: Bool = false) -> Action {
        let sameAttempt = desired.chartVersion == status.lastAttemptedRevision && desired.configDigest == status.lastAttemptedConfigDigest
        guard let latest, latest.status != "uninstalled" else {
            // Nothing installed (or uninstalled by a remediation): install, unless installs of
            // this same chart and values already failed as often as allowed.
            if sameAttempt, status.installFailures > 0, exhausted(spec.install.remediation, failures: status.installFailures) {
                return .stalled("Failed to install after \(status.installFailures) attempt(s)")
            }
            return .install
        }
        if latest.status.hasPrefix("pending-") { return .unlock }
        let installing = !hasDeployed
        let remediation = installing ? spec.install.remediation : spec.upgrade.remediation
        let failures = installing ? status.installFailures : status.upgradeFailures
        let verb = installing ? "install" : "upgrade"
        // Install failures are remediated by uninstalling; upgrade failures by the strategy.
        let remedy: Action = installing || remediation.strategy == .uninstall ? .uninstall : .rollback

        if latest.status == "failed" {
            // A new chart or new values: a fresh attempt, whatever happened before.
            guard sameAttempt else { return installing ? .install : .upgrade }
            if exhausted(remediation, failures: failures) {
                return remediateLast(remediation) ? remedy : .stalled("Failed to \(verb) after \(failures) attempt(s)")
            }
            // Retries left: remediate between attempts.
            return remedy
        }
        // Deployed (or superseded): up to date, or an upgrade — unless this very chart and
        // values failed before and were remediated (rolled back) as often as allowed.
        let upToDate = latest.chartVersion == desired.chartVersion && latest.configDigest == desired.configDigest
        if upToDate && !(postRenderChanged && latest.status == "deployed") { return .none }
        if sameAttempt, failures > 0, !installing, exhausted(remediation, failures: failures) {
            return .stalled("Failed to \(verb) after \(failures) attempt(s)")
        }
        return .upgrade
    }

    static func sameAttempt(_ desired: (chartVersion: String, configDigest: String),
                            _ last: (chartVersion: String?, configDigest: String?)) -> Bool {
        desired.chartVersion == last.chartVersion && desired.configDigest == last.configDigest
    }

    /// Flux: `retries` attempts after the first; negative retries forever.
    static func exhausted(_ remediation: HelmRelease.Remediation, failures: Int) -> Bool {
        remediation.retries >= 0 && failures > remediation.retries
    }

    /// Flux: `remediateLastFailure` defaults to true when retries > 0.
    static func remediateLast(_ remediation: HelmRelease.Remediation) -> Bool {
        remediation.remediateLastFailure ?? (remediation.retries > 0)
    }
}
