/// A Kubernetes API server on loopback for tests and benchmarks: the embedded cluster behind the
/// documented REST API (paths, verbs, content types, query parameters, `Status` bodies).
public enum KubeAPIServerModule {}
