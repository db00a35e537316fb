import Cluster
import Dispatch
import GitOpsAPI
import GoTemplate
import Helm

extension ReleaseController {
    /// Helm's `lookup` for a release: the live object (`lookup "v1" "Secret" "ns" "name"`), or a
    /// `<Kind>List` of all of them when the name is empty; an empty map when there is none, as
    /// Helm answers. Objects keep their integers as integers (Helm reads unstructured objects).
    ///
    /// The template engine calls it synchronously from its rendering thread, which is never one
    /// of Swift's cooperative threads (see `render`), so waiting here for the cluster is safe.
    static func lookup(_ cluster: any ClusterClient) -> @Sendable (String, String, String, String) throws -> Value {
        { apiVersion, kind, namespace, name in
            let done = DispatchSemaphore(value: 0)
            let box = LookupBox()
            Task {
                do {
                    if name.isEmpty {
                        let items = try await cluster.list(ListQuery(apiVersion: apiVersion, kind: kind, namespace: namespace.isEmpty ? nil : namespace))
                        box.result = .success(["apiVersion": .string(apiVersion), "kind": .string(kind + "List"),
                                               "items": .array(items.map(\.body)), "metadata": .object([:])])
                    } else {
                        let ref = ObjectRef(apiVersion: apiVersion, kind: kind, namespace: namespace.isEmpty ? nil : namespace, name: name)
                        box.result = .success(try await cluster.get(ref)?.body)
                    }
                } catch let error as ClusterError where error.reason == .notFound {
                    box.result = .success(nil)
                } catch {
                    box.result = .failure(error)
                }
                done.signal()
            }
            done.wait()
            switch box.result {
            case .success(let json?): return value(json)
            case .success(nil), nil: return .map(GoMap())
            case .failure(let error): throw FunctionError("unable to look up \(kind) \(namespace)/\(name): \(error)")
            }
        }
    }

    /// A live object as Helm's unstructured map: integers stay integers.
    static func value(_ json: JSONValue) -> Value {
        switch json {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .double(let d): return .float(d)
        case .string(let s): return .string(s)
        case .array(let items): return .list(items.map(value))
        case .object(let object):
            var storage: [String: Value] = [:]
            for (key, item) in object { storage[key] = value(item) }
            return .map(GoMap(storage))
        }
    }

    /// Renders off Swift's cooperative threads: `Helm.render` blocks its caller until its
    /// large-stack thread finishes, and `lookup` blocks that thread while a task reads the
    /// cluster — which needs a cooperative thread to be free.
    static func render(_ chart: Chart, values: GoMap, options: RenderOptions) async throws -> (rendering: Rendering, chart: Chart) {
        nonisolated(unsafe) let values = values
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try Helm.renderRelease(chart: chart, values: values, options: options) })
            }
        }
    }
}

private final class LookupBox: @unchecked Sendable {
    var result: Result<JSONValue?, Error>?
}
