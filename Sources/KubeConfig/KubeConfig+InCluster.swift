import Foundation

extension KubeConfig {
    /// The standard service-account mount inside a pod.
    public static let serviceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount"

    /// The connection of a pod to its own cluster, as client-go's `InClusterConfig` builds it:
    /// `https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT`, the CA in `ca.crt`, the
    /// namespace in `namespace` (else `default`), and the token as a *file* credential so a
    /// rotated (projected) token is re-read.
    public static func inCluster(
        environment: [String: String], root: String = serviceAccountDirectory
    ) throws -> ClusterConnection {
        guard let host = environment["KUBERNETES_SERVICE_HOST"], !host.isEmpty,
              let port = environment["KUBERNETES_SERVICE_PORT"], !port.isEmpty else {
            throw KubeConfigError(.notInCluster, "not running in a cluster: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be set; run inside a pod or pass --kubeconfig instead of --in-cluster")
        }
        let dir = URL(fileURLWithPath: root)
        let tokenPath = dir.appendingPathComponent("token").path
        guard FileManager.default.isReadableFile(atPath: tokenPath) else {
            throw KubeConfigError(.notInCluster, "no service-account token at \(tokenPath); mount a service account (automountServiceAccountToken) or pass --kubeconfig")
        }
        let caPath = dir.appendingPathComponent("ca.crt").path
        // client-go logs and continues without a CA; an agent that cannot verify the server
        // should say so instead.
        let ca = try readFile(caPath, "in-cluster CA (ca.crt of the service account)")
        let namespaceFile = dir.appendingPathComponent("namespace").path
        let namespace = FileManager.default.contents(atPath: namespaceFile)
            .map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) }
            .flatMap { $0.isEmpty ? nil : $0 } ?? "default"
        // An IPv6 address goes in brackets, as net.JoinHostPort writes it.
        let hostPart = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return ClusterConnection(
            server: "https://\(hostPart):\(port)", certificateAuthority: ca, namespace: namespace,
            credentials: .bearerTokenFile(path: tokenPath))
    }
}
