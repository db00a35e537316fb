/// Helm chart repositories (HelmRepository sources): `index.yaml`, semver version selection, chart
/// archives over HTTP(S) through libcurl.
public enum ChartRepositoryModule {}
