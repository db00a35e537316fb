import Cluster
import GitOpsAPI
import Runtime

extension KustomizeController {
    /// Validates the whole revision with a server-side dry run, then applies in stages
    /// (cluster definitions, then classes, then the rest) only what drifted, then prunes.
    /// Nothing is written when any object fails validation. The inventory is widened before
    /// the first write and narrowed after pruning, so an agent killed (or a connection broken)
    /// at any point never leaves an object its inventory does not know.
    ///
    /// The live objects are read in bulk first (`readLive`: one labelled LIST per kind) and
    /// handed to each dry run and apply, so a reconcile that changes nothing sends one dry run
    /// per object and a LIST per kind: no read of single objects, and no write (an unchanged
    /// inventory is not written either).
    /// - Returns: the change set (`Deployment/apps/web configured`).
    func apply(_ objects: [KubeObject], for ks: Kustomization, previous: [InventoryEntry]) async throws -> [String] {
        let options = ApplyOptions(fieldManager: "gitops", force: ks.spec.force, dryRun: true)
        let creatingNamespaces = Set(objects.filter { $0.kind == "Namespace" }.map(\.name))
        let definedKinds = Set(objects.filter { $0.kind == "CustomResourceDefinition" }.compactMap { crd -> String? in
            guard let group = crd.body[path: ["spec", "group"]]?.stringValue, let kind = crd.body[path: ["spec", "names", "kind"]]?.stringValue else { return nil }
            return "\(group)/\(kind)"
        })

        // What is live, in bulk: the dry runs and applies below need not read objects one by one.
        let live = await readLive(objects, owner: ks)

        // Validate everything first: one dry run per object, `requestConcurrency` at a time.
        enum Verdict: Sendable { case unchanged, drifted(takeOver: Bool, live: LiveState), skipped, failed(String) }
        let cluster = target(for: ks)
        let verdicts = await boundedMap(Array(objects.indices), limit: settings.requestConcurrency) { i -> Verdict in
            let object = objects[i]
            if object.annotations[Annotations.reconcile] == Annotations.disabled { return .skipped }
            var options = options
            options.live = live[i]
            do {
                let (result, takeOver) = try await Self.dryRun(object, options: options, cluster: cluster)
                switch result.action {
                case .unchanged: return .unchanged
                // The dry run found nothing there: the apply need not look again.
                case .created: return .drifted(takeOver: takeOver, live: .absent)
                case .configured: return .drifted(takeOver: takeOver, live: live[i])
                }
            } catch let error as ClusterError {
                // An object in a namespace, or of a kind, that this revision creates cannot be
                // dry-run before the namespace or CRD exists; the API server would say NotFound.
                if error.reason == .notFound,
                   creatingNamespaces.contains(object.namespace ?? "") || definedKinds.contains("\(object.group)/\(object.kind)")
                {
                    // And it cannot exist yet: the apply need not look for it.
                    return .drifted(takeOver: false, live: .absent)
                }
                return .failed("\(object.id) dry-run failed (\(error.reason.rawValue)): \(error.message)")
            } catch {
                return .failed("\(object.id) dry-run failed: \(error)")
            }
        }
        var drifted = [Bool](repeating: true, count: objects.count)
        // Objects whose fields were changed imperatively (kubectl edit/scale/patch): taken back.
        var forced: Set<Int> = []
        var known = live
        var errors: [String] = []
        for (i, verdict) in verdicts.enumerated() {
            switch verdict {
            case .unchanged, .skipped: drifted[i] = false
            case .drifted(let takeOver, let state):
                if takeOver { forced.insert(i) }
                known[i] = state
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
        let previousIDs = Set(previous.map(\.id))
        // `previous` is what the status holds (this reconcile read it, and only it writes the
        // inventory): a pass with nothing new reads and writes no inventory at all.
        var stored = previous
        let widened = previous + newInventory.filter { !previousIDs.contains($0.id) }
        if widened != stored {
            try await recordInventory(ks, widened)
            stored = widened
        }

        var changes: [String] = []
        let real = ApplyOptions(fieldManager: "gitops", force: ks.spec.force, dryRun: false)
        let (takeOver, liveStates) = (forced, known)
        for stage in Stage.allCases {
            let batch = objects.indices.filter { drifted[$0] && Stage(of: objects[$0]) == stage }
            let results = await boundedMap(batch, limit: settings.requestConcurrency) { i -> Result<ApplyResult, Error> in
                var options = real
                options.force = options.force || takeOver.contains(i)
                options.live = liveStates[i]
                do { return .success(try await cluster.apply(objects[i], options: options)) } catch { return .failure(error) }
            }
            // Every failure of the stage is reported, not only the first: a broken connection
            // and a server that kept answering 503 are two things to look at.
            var failures: [String] = []
            for (i, result) in zip(batch, results) {
                switch result {
                case .success(let applied):
                    if applied.action != .unchanged { changes.append("\(objects[i].id) \(applied.action.rawValue)") }
                case .failure(let error as ClusterError):
                    failures.append("\(objects[i].id) apply failed (\(error.reason.rawValue)): \(error.message)")
                case .failure(let error):
                    failures.append("\(objects[i].id) apply failed: \(error)")
                }
            }
            if !failures.isEmpty {
                let more = failures.count > 20 ? "\n… and \(failures.count - 20) more" : ""
                throw PhaseError(reason: Reason.reconciliationFailed, message: failures.prefix(20).joined(separator: "\n") + more)
            }
            if batch.contains(where: { objects[$0].kind == "CustomResourceDefinition" }) {
                try await waitForCRDs(objects, timeout: ks.spec.effectiveTimeout.duration, cluster: cluster)
            }
        }

        if ks.spec.prune { changes += try await prune(stale, owner: ks) }
        if newInventory != stored { try await recordInventory(ks, newInventory) }
        return changes
    }

    /// Reads the live state of a revision's objects in bulk: one LIST per kind with the
    /// ownership label selector (`kustomize.toolkit.fluxcd.io/name=NAME,…/namespace=NS`), in
    /// the objects' namespace when they share one and cluster-wide otherwise. An object found
    /// is `.present`; one not found stays `.unknown` (it may exist without our labels — first
    /// apply, adoption — or belong to another Kustomization), and so does every object of a
    /// kind that could not be listed (not served yet, or no permission to list): those are read
    /// one by one, as before.
    func readLive(_ objects: [KubeObject], owner ks: Kustomization) async -> [LiveState] {
        let selector = "\(Annotations.kustomizeName)=\(ks.metadata.name),\(Annotations.kustomizeNamespace)=\(ks.metadata.namespace)"
        var kinds: [String] = []
        var members: [String: [Int]] = [:]
        for (i, object) in objects.enumerated() where object.annotations[Annotations.reconcile] != Annotations.disabled {
            let key = "\(object.apiVersion) \(object.kind)"
            if members[key] == nil { kinds.append(key) }
            members[key, default: []].append(i)
        }
        let groups: [(query: ListQuery, indices: [Int])] = kinds.map { key in
            let indices = members[key]!
            let first = objects[indices[0]]
            let namespaces = Set(indices.map { objects[$0].namespace })
            let query = ListQuery(apiVersion: first.apiVersion, kind: first.kind,
                                  namespace: namespaces.count == 1 ? first.namespace : nil, labelSelector: selector)
            return (query, indices)
        }
        let cluster = target(for: ks)
        let lists = await boundedMap(groups.map(\.query), limit: settings.requestConcurrency) { query in
            try? await cluster.list(query)
        }
        var states = [LiveState](repeating: .unknown, count: objects.count)
        for (group, items) in zip(groups, lists) {
            guard let items else { continue }
            var found: [String: KubeObject] = [:]
            for item in items { found["\(item.namespace ?? "")/\(item.name)"] = item }
            for i in group.indices {
                if let live = found["\(objects[i].namespace ?? "")/\(objects[i].name)"] { states[i] = .present(live) }
            }
        }
        return states
    }

    /// Writes the inventory into the Kustomization's status with the resourceVersion just read,
    /// reading again after a 409 (another writer came between), so a concurrent status write
    /// is never overwritten and a real API server, which refuses unconditional updates of
    /// custom resources, accepts it. An unchanged inventory is not written.
    func recordInventory(_ ks: Kustomization, _ entries: [InventoryEntry]) async throws {
        do {
            try await cluster.updateStatus(of: ks.ref, fieldManager: "gitops") { object in
                var status = KustomizationStatus(json: object.status)
                // The same inventory again (a pass with nothing new): no write.
                guard status.inventory != entries else { return }
                status.inventory = entries
                object.status = status.json
            }
        } catch {
            throw PhaseError(reason: Reason.reconciliationFailed,
                             message: "could not record the inventory of Kustomization \(ks.metadata.namespace)/\(ks.metadata.name): \(error)")
        }
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
            let known: KubeObject?
            if case .present(let live) = options.live { known = live } else { known = try await cluster.get(object.ref) }
            guard let live = known else { throw error }
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
        let cluster = target(for: ks)
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

    /// The cluster as a Kustomization's objects see it: as its `serviceAccountName` (else the
    /// agent's `--default-service-account`) when there is one (impersonation), else as the
    /// agent. Its own status is always written as the agent.
    func target(for ks: Kustomization) -> any ClusterClient {
        (ks.spec.serviceAccountName ?? settings.defaultServiceAccount)
            .map { cluster.impersonating(serviceAccount: $0, namespace: ks.metadata.namespace) } ?? cluster
    }

    /// Waits until the cluster serves the kinds of the CRDs just applied.
    func waitForCRDs(_ objects: [KubeObject], timeout: Duration, cluster: any ClusterClient) async throws {
        let deadline = ContinuousClock.now + timeout
        for crd in objects where crd.kind == "CustomResourceDefinition" {
            guard try await cluster.waitUntilServed(crd, deadline: deadline) else {
                throw PhaseError(reason: Reason.reconciliationFailed, message: "\(crd.id) was not established in time")
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
