import GitOpsAPI

extension Transformers {
    static let workloadKinds: Set<String> = ["Deployment", "ReplicaSet", "DaemonSet", "StatefulSet", "ReplicationController"]

    /// Adds labels to metadata and, when asked, to selectors and pod templates (commonLabels does
    /// both; `labels` without `includeSelectors` only metadata).
    public static func addLabels(_ labels: [String: String], includeSelectors: Bool, includeTemplates: Bool, to objects: inout [KubeObject]) {
        guard !labels.isEmpty else { return }
        let keys = labels.keys.sorted()
        func merge(_ path: [String], in body: inout JSONValue, create: Bool) {
            if body[path: path] == nil && !create { return }
            for key in keys { body.set(path + [key], .string(labels[key]!)) }
        }
        for i in objects.indices {
            var body = objects[i].body
            merge(["metadata", "labels"], in: &body, create: true)
            let kind = objects[i].kind
            if includeTemplates || includeSelectors {
                if workloadKinds.contains(kind) || kind == "Job" { merge(["spec", "template", "metadata", "labels"], in: &body, create: true) }
                if kind == "CronJob" {
                    merge(["spec", "jobTemplate", "metadata", "labels"], in: &body, create: true)
                    merge(["spec", "jobTemplate", "spec", "template", "metadata", "labels"], in: &body, create: true)
                }
                if kind == "StatefulSet", let claims = body[path: ["spec", "volumeClaimTemplates"]]?.arrayValue {
                    body.set(["spec", "volumeClaimTemplates"], .array(claims.map { claim in
                        var c = claim
                        merge(["metadata", "labels"], in: &c, create: true)
                        return c
                    }))
                }
            }
            if includeSelectors {
                if workloadKinds.contains(kind) { merge(["spec", "selector", "matchLabels"], in: &body, create: true) }
                if kind == "Service" || kind == "ReplicationController" { merge(["spec", "selector"], in: &body, create: true) }
                if kind == "PodDisruptionBudget" { merge(["spec", "selector", "matchLabels"], in: &body, create: false) }
                if kind == "NetworkPolicy" { merge(["spec", "podSelector", "matchLabels"], in: &body, create: false) }
            }
            objects[i].body = body
        }
    }

}

/// `commonLabels:` and `labels:` (LabelTransformer).
enum LabelStep {
    static func apply(_ context: inout BuildContext) throws {
        for set in context.file.labels {
            Transformers.addLabels(set.pairs, includeSelectors: set.includeSelectors, includeTemplates: set.includeTemplates, to: &context.objects)
        }
    }
}
