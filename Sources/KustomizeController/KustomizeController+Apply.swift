import Cluster
import GitOpsAPI
import Runtime

extension KustomizeController {
    /// Validates the whole revision with a server-side dry run, then applies in stages
    /// (cluster definitions, then classes, then the rest) only what drifted, then prunes.
    /// Nothing is written when any object fails validation. The inventory is widened before
    /// the first write and narrowed after pruning, so an agent killed at any point never leaves
    /// an object its inventory does not know.
    /// - Returns: the change set (`Deployment/apps/web configured`).
    func apply(_ objects: [KubeObject], for ks: Kustomization, previous: [InventoryEntry]) async throws -> [String] {
        let options = ApplyOptions(fieldManager: "gitops", force: ks.spec.force, dryRun: true)
        let creatingNamespaces = Set(objects.filter { $0.kind == "Namespace" }.map(\.name))
        let definedKinds = Set(objects.filter { $0.kind == "CustomResourceDefinition" }.compactMap { crd -> String? in
            guard let group = crd.body[path: ["spec", "group"]]?.stringValue, let kind = crd.body[path: ["spec", "names", "kind"]]?.stringValue else { return nil }
            return "\(group)/\(kind)"
        })

        // Validate everything first: one dry run per object, `requestConcurrency` at a time.
        enum Verdict: Sendable { case unchanged, drifted(takeOver: Bool), skipped, failed(String) }
        let cluster = self.cluster
        let verdicts = await boundedMap(objects, limit: settings.requestConcurrency) { object -> Verdict in
            if object.annotations[Annotations.reconcile] == Annotations.disabled { return .skipped }
            do {
                let (result, takeOver) = try await Self.dryRun(object, options: options, cluster: cluster)
                return result.action == .unchanged ? .unchanged : .drifted(takeOver: takeOver)
            } catch let error as ClusterError {
                // An object in a namespace, or of a kind, that this revision creates cannot be
                // dry-run before the namespace or CRD exists; the API server would say NotFound.
                if error.reason == .notFound,
                   creatingNamespaces.contains(object.namespace ?? "") || definedKinds.contains("\(object.group)/\(object.kind)")
                {
                    return .drifted(takeOver: false)
                }
                return .failed("\(object.id) dry-run failed (\(error.reason.rawValue)): \(error.message)")
            } catch {
                return .failed("\(object.id) dry-run failed: \(error)")
            }
        }
        var drifted = [Bool](repeating: true, count: objects.count)
        // Objects whose fields were changed imperatively (kubectl edit/scale/patch): taken back.
        var forced: Set<Int> = []
        var errors: [String] = []
        for (i, verdict) in verdicts.enumerated() {
            switch verdict {
            case .unchanged, .skipped: drifted[i] = false
            case .drifted(let takeOver): if takeOver { forced.insert(i) }
            case .failed(let message): errors.append(message)
            }
        }
        if !errors.isEmpty {
            let shown = errors.prefix(20).joined(separator: "\n")
            let more = errors.count > 20 ? "\n… and \(errors.count - 20) more" : ""
            throw PhaseError(reason: Reason.validationFailed, message: shown + more)
        }

        let newInventory = objects.map { InventoryEntry(id: $0.id, version: $0.version) }
        let newIDs = Set(newInventory.map(\.id))
        let stale = previous.filter { !newIDs.contains($0.id) }
        try await writeInventory(ks, previous + newInventory.filter { e in !previous.contains { $0.id == e.id } })

        var changes: [String] = []
        let real = ApplyOptions(fieldManager: "gitops", force: ks.spec.force, dryRun: false)
        let takeOver = forced
        for stage in Stage.allCases {
            let batch = objects.indices.filter { drifted[$0] && Stage(of: objects[$0]) == stage }
            let results = await boundedMap(batch, limit: settings.requestConcurrency) { i -> Result<ApplyResult, Error> in
                var options = real
                options.force = options.force || takeOver.contains(i)
                do { return .success(try await cluster.apply(objects[i], options: options)) } catch { return .failure(error) }
            }
            for (i, result) in zip(batch, results) {
                switch result {
                case .success(let applied):
                    if applied.action != .unchanged { changes.append("\(objects[i].id) \(applied.action.rawValue)") }
                case .failure(let error):
                    throw PhaseError(reason: Reason.reconciliationFailed, message: "\(objects[i].id) apply failed: \(error)")
                }
            }
            if batch.contains(where: { objects[$0].kind == "CustomResourceDefinition" }) {
                try await waitForCRDs(objects, timeout: ks.spec.effectiveTimeout.duration)
            }
        }

        if ks.spec.prune {
            changes += try await prune(stale, owner: ks)
            try await writeInventory(ks, newInventory)
        } else {
            try await writeInventory(ks, newInventory)
        }
        return changes
    }

    /// A server-side dry-run apply. A conflict with fields changed imperatively (`kubectl edit`,
    /// `kubectl scale`, `kubectl patch`: managers whose operation is `Update`) is drift that the
    /// agent takes back, so it is dry-run again with force and `takeOver` is true. A conflict
    /// with another manager that *applies* the same fields is a real disagreement and is thrown,
    /// naming the fields and the manager (unless the Kustomization sets `force`).
    static func dryRun(_ object: KubeObject, options: ApplyOptions, cluster: any ClusterClient) async throws -> (result: ApplyResult, takeOver: Bool) {
        do {
            return (try await cluster.apply(object, options: options), false)
        } catch let error as ClusterError where error.reason == .conflict && !options.force {
            guard let live = try await cluster.get(object.ref) else { throw error }
            let otherAppliers = (live.body[path: ["metadata", "managedFields"]]?.arrayValue ?? []).filter {
                $0["operation"]?.stringValue == "Apply" && $0["manager"]?.stringValue != options.fieldManager
            }
            guard otherAppliers.isEmpty else { throw error }
            var forced = options
            forced.force = true
            return (try await cluster.apply(object, options: forced), true)
        }
    }

    /// Deletes objects that left the inventory, unless they opted out
    /// (`kustomize.toolkit.fluxcd.io/prune: disabled`) or are not ours (their ownership labels
    /// name another Kustomization): the agent never deletes what it did not create.
    func prune(_ stale: [InventoryEntry], owner ks: Kustomization) async throws -> [String] {
        var deleted: [String] = []
        for entry in stale.reversed() {
            do {
                guard let live = try await cluster.get(entry.ref) else { continue }
                if live.annotations[Annotations.prune] == Annotations.disabled || live.labels[Annotations.prune] == Annotations.disabled { continue }
                guard live.labels[Annotations.kustomizeName] == ks.metadata.name,
                      live.labels[Annotations.kustomizeNamespace] == ks.metadata.namespace else { continue }
                if try await cluster.delete(entry.ref, options: DeleteOptions(propagationPolicy: .background)) {
                    deleted.append("\(entry.id) deleted")
                }
            } catch {
                throw PhaseError(reason: Reason.pruneFailed, message: "\(entry.id) prune failed: \(error)")
            }
        }
        return deleted
    }

    /// Waits until the cluster serves the kinds of the CRDs just applied.
    func waitForCRDs(_ objects: [KubeObject], timeout: Duration) async throws {
        let deadline = ContinuousClock.now + timeout
        for crd in objects where crd.kind == "CustomResourceDefinition" {
            guard let group = crd.body[path: ["spec", "group"]]?.stringValue,
                  let kind = crd.body[path: ["spec", "names", "kind"]]?.stringValue,
                  let version = crd.body[path: ["spec", "versions"]]?.arrayValue?.first?["name"]?.stringValue else { continue }
            while true {
                if (try? await cluster.resource(apiVersion: "\(group)/\(version)", kind: kind)) != nil { break }
                if ContinuousClock.now > deadline {
                    throw PhaseError(reason: Reason.reconciliationFailed, message: "\(crd.id) was not established in time")
                }
                try await Task.sleep(for: .milliseconds(100))
            }
        }
    }
}

/// Flux's apply stages (fluxcd/pkg/ssa `ApplyAllStaged`).
enum Stage: Int, CaseIterable, Comparable {
    /// CRDs, Namespaces and ClusterRoles: what the rest may need to exist.
    case clusterDefinitions
    /// Kinds whose name ends in `Class` (StorageClass, IngressClass, PriorityClass, …).
    case classes
    case rest

    init(of object: KubeObject) {
        switch object.kind {
        case "CustomResourceDefinition", "Namespace", "ClusterRole": self = .clusterDefinitions
        case let kind where kind.hasSuffix("Class"): self = .classes
        default: self = .rest
        }
    }

    static func < (a: Stage, b: Stage) -> Bool { a.rawValue < b.rawValue }
}
