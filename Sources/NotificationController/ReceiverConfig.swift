import GitOpsAPI

/// A Receiver as the hook handler uses it: the decoded spec plus each resource's `matchLabels`.
///
/// `GitOpsAPI.Receiver` decodes `resources` as plain cross-namespace references, which have no
/// `matchLabels` field, so a Receiver selecting `name: '*'` by labels (as Flux documents) would
/// be refused as an unknown field. Until the API type carries the field, the labels are read
/// here from the raw object and removed before the strict decode.
struct ReceiverConfig: Sendable {
    /// One entry of `spec.resources`.
    struct Target: Sendable, Hashable {
        var apiVersion: String?
        var kind: String
        /// A name, or `*` with `matchLabels`.
        var name: String
        var namespace: String?
        /// nil when the field is absent (Flux then refuses `*`); empty selects every object.
        var matchLabels: [String: String]?
    }

    var receiver: Receiver
    var targets: [Target]

    init(_ object: KubeObject) throws {
        var stripped = object
        var labels: [[String: String]?] = []
        if let resources = object.body[path: ["spec", "resources"]]?.arrayValue {
            var cleaned: [JSONValue] = []
            for var resource in resources {
                if let map = resource["matchLabels"]?.objectValue {
                    labels.append(map.reduce(into: [:]) { $0[$1.key] = $1.value.stringValue ?? "" })
                } else {
                    labels.append(nil)
                }
                if case .object(var fields) = resource {
                    fields["matchLabels"] = nil
                    resource = .object(fields)
                }
                cleaned.append(resource)
            }
            stripped.body.set(["spec", "resources"], .array(cleaned))
        }
        receiver = try Receiver(stripped)
        targets = receiver.spec.resources.enumerated().map { i, r in
            Target(apiVersion: r.apiVersion, kind: r.kind, name: r.name, namespace: r.namespace, matchLabels: i < labels.count ? labels[i] : nil)
        }
    }

    /// Flux's default apiVersion for each kind a Receiver may name without one
    /// (`defaultFluxAPIVersions` in receiver_handlers.go).
    static let defaultAPIVersions = [
        "Bucket": "source.toolkit.fluxcd.io/v1",
        "HelmChart": "source.toolkit.fluxcd.io/v1",
        "HelmRepository": "source.toolkit.fluxcd.io/v1",
        "GitRepository": "source.toolkit.fluxcd.io/v1",
        "OCIRepository": "source.toolkit.fluxcd.io/v1",
        "ImageRepository": "image.toolkit.fluxcd.io/v1",
        "ArtifactGenerator": "source.extensions.fluxcd.io/v1beta1",
    ]

    /// The receiver types this agent verifies; others are reported as not ready.
    static let supportedTypes: Set<String> = ["github", "gitlab", "bitbucket", "generic", "generic-hmac"]
}
