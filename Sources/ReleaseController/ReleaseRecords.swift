import Foundation
import GitOpsAPI
import GoTemplate
import Helm
import HelmStorage
import TemplateFunctions

/// Turns a chart and its rendering into Helm 3's release record (`release.Release`), as
/// `helm install`/`upgrade` write it: the chart as rendering processed it (Chart.yaml's
/// dependencies with `enabled` set, imported values merged) with its templates, values and files, the user
/// values as `config`, the manifest as Helm concatenates it, and the hooks.
enum ReleaseRecords {
    static func storedChart(_ chart: Chart) -> StoredChart {
        let m = chart.metadata
        var metadata = StoredChart.Metadata(name: m.name, version: m.version, apiVersion: m.apiVersion, appVersion: m.appVersion,
                                            description: m.description, type: m.type)
        metadata.home = m.home
        metadata.sources = m.sources
        metadata.keywords = m.keywords
        metadata.maintainers = m.maintainers.map { StoredChart.Maintainer(name: $0.name, email: $0.email, url: $0.url) }
        metadata.icon = m.icon
        metadata.condition = m.condition
        metadata.tags = m.tags
        metadata.deprecated = m.deprecated
        metadata.annotations = m.annotations
        metadata.kubeVersion = m.kubeVersion ?? ""
        metadata.dependencies = m.dependencies.map {
            StoredChart.Dependency(name: $0.name, version: $0.version, repository: $0.repository, condition: $0.condition,
                                   tags: $0.tags, enabled: $0.enabled, importValues: $0.importValues, alias: $0.alias)
        }
        let values = (try? Value.map(chart.values).yamlReady())?.objectValue
        return StoredChart(metadata: metadata, templates: chart.templates.map { StoredChart.File(name: $0.name, data: $0.data) },
                           values: values, schema: chart.schema, files: chart.files.map { StoredChart.File(name: $0.name, data: $0.data) })
    }

    /// The user-supplied values as the record's `config`.
    static func config(_ values: GoMap) -> JSONObject {
        (try? Value.map(values).yamlReady())?.objectValue ?? [:]
    }

    /// `release.Manifest`: every manifest as `---\n# Source: PATH\nCONTENT\n`.
    static func manifest(_ rendering: Rendering) -> String {
        rendering.manifests.map { "---\n# Source: \($0.sourcePath)\n\($0.content)\n" }.joined()
    }

    static func hooks(_ rendering: Rendering) -> [StoredRelease.Hook] {
        rendering.hooks.map {
            StoredRelease.Hook(name: $0.name, kind: $0.kind, path: $0.sourcePath, manifest: $0.manifest, events: $0.events,
                               weight: $0.weight, deletePolicies: $0.deletePolicies, outputLogPolicies: $0.outputLogPolicies)
        }
    }

    /// The chart version and config digest a stored record was made from.
    static func identity(of record: StoredRelease) -> (chartVersion: String, configDigest: String) {
        (record.chart?.metadata?.version ?? "", ReleaseController.configDigest(record.config))
    }

    /// `status.history[]` entry for a record.
    static func snapshot(_ record: StoredRelease) -> HelmReleaseStatus.Snapshot {
        let identity = identity(of: record)
        return HelmReleaseStatus.Snapshot(
            version: record.version, name: record.name, namespace: record.namespace,
            chartName: record.chart?.metadata?.name ?? "", chartVersion: identity.chartVersion,
            appVersion: record.chart?.metadata?.appVersion ?? "", configDigest: identity.configDigest,
            firstDeployed: record.info.firstDeployed.map(timestamp) ?? "", lastDeployed: record.info.lastDeployed.map(timestamp) ?? "",
            status: record.info.status.rawValue, action: "")
    }

    static func timestamp(_ time: GoTime) -> String { Timestamp.format(time.date) }
}
