/// The Release component: HelmRelease objects reconciled (install, upgrade, test, remediation,
/// rollback, uninstall) with release records Helm itself can read.
public enum ReleaseControllerModule {}
