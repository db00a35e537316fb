import Synchronization

/// Requests sent by a `KubeClient`, by class. Each HTTP attempt counts once (a retried request
/// counts every time it goes on the wire; `retries` says how many of them were retries).
public struct RequestCounts: Sendable, Hashable, CustomStringConvertible {
    /// `GET`s of objects and lists (discovery excluded).
    public var reads = 0
    /// Discovery documents (`/api`, `/apis`, `/api/v1`, `/apis/G/V`).
    public var discovery = 0
    /// Writes sent with `dryRun=All`: nothing was stored.
    public var dryRuns = 0
    /// Writes that may have changed the cluster (`POST`, `PUT`, `PATCH`, `DELETE`).
    public var writes = 0
    /// Attempts that repeated an earlier one after 429, 5xx, 401 (credential refresh) or a
    /// connection failure.
    public var retries = 0

    public init() {}

    public var total: Int { reads + discovery + dryRuns + writes }

    public var description: String {
        "\(reads) reads, \(discovery) discovery, \(dryRuns) dry-runs, \(writes) writes (\(retries) retries)"
    }

    /// What happened between `earlier` and this snapshot.
    public func since(_ earlier: RequestCounts) -> RequestCounts {
        var d = RequestCounts()
        d.reads = reads - earlier.reads
        d.discovery = discovery - earlier.discovery
        d.dryRuns = dryRuns - earlier.dryRuns
        d.writes = writes - earlier.writes
        d.retries = retries - earlier.retries
        return d
    }
}

/// The class of a request, for counting.
enum RequestClass: Sendable {
    case read, discovery, dryRun, write
}

/// Lock-protected counters, shared by every task of one client.
final class RequestCounters: Sendable {
    private let counts = Mutex(RequestCounts())

    func record(_ kind: RequestClass, retry: Bool) {
        counts.withLock { c in
            switch kind {
            case .read: c.reads += 1
            case .discovery: c.discovery += 1
            case .dryRun: c.dryRuns += 1
            case .write: c.writes += 1
            }
            if retry { c.retries += 1 }
        }
    }

    func snapshot() -> RequestCounts { counts.withLock { $0 } }
}
