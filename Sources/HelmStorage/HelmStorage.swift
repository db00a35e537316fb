/// Helm 3's release records: Secrets `sh.helm.release.v1.<name>.v<N>` of type `helm.sh/release.v1`
/// holding base64(gzip(release JSON)), readable by `helm list`/`helm history` and readable from them.
public enum HelmStorage {}
