/// A real Kubernetes API server behind the `ClusterClient` protocol, over HTTPS through libcurl.
public enum KubeClientModule {}
