import CGitOpsCurl
import Foundation

/// Runs every transfer of one ``CurlClient`` on a single dedicated thread with libcurl's multi
/// interface.
///
/// Why a thread of its own: blocking in libcurl on Swift's cooperative pool (two threads on a
/// two-core machine) stalls every other task of the agent; one thread multiplexing all sockets
/// with `curl_multi_poll` served 40 parallel requests in 0.69 s here (see C-INTEROP.md).
///
/// Other threads talk to the loop only through ``Inbox`` (a lock) and `curl_multi_wakeup`,
/// the one multi-handle call libcurl allows from any thread.
final class CurlMultiLoop: Sendable {
    /// A request waiting for the loop, with the continuation its caller is suspended on.
    struct Job: Sendable {
        let id: UInt64
        let request: CurlRequest
        let continuation: CheckedContinuation<CurlResponse, any Error>
    }

    /// State shared between callers and the loop thread; always accessed under its lock.
    struct Inbox {
        var nextID: UInt64 = 0
        /// Submitted, not yet handed to libcurl (FIFO; the loop admits at most maxConcurrent).
        var pending: [Job] = []
        /// Cancelled while running; the loop aborts these on its next turn.
        var cancelled: Set<UInt64> = []
        var stopping = false
    }

    private let inbox = Locked(Inbox())
    private let multi: MultiHandle

    /// Starts the loop thread. At most `maxConcurrent` transfers run at once; more wait in line.
    init(maxConcurrent: Int) {
        CurlGlobal.ensureInitialized()
        let multi = MultiHandle()
        self.multi = multi
        let inbox = self.inbox
        let limit = max(1, maxConcurrent)
        // The thread holds the inbox and the multi handle, never `self`: the client's deinit
        // is what tells it to stop.
        let thread = Thread {
            Thread.current.name = "gitops-curl"
            LoopThread(multi: multi, inbox: inbox, maxConcurrent: limit).run()
        }
        thread.start()
    }

    /// A fresh transfer id.
    func makeID() -> UInt64 {
        inbox.withLock { state in
            state.nextID += 1
            return state.nextID
        }
    }

    /// Queues a transfer; its continuation is resumed on the loop thread when it ends.
    func submit(_ job: Job) {
        let accepted = inbox.withLock { state in
            guard !state.stopping else { return false }
            state.pending.append(job)
            return true
        }
        guard accepted else {
            job.continuation.resume(throwing: CancellationError())
            return
        }
        multi.wakeup()
    }

    /// Aborts transfer `id` if it is still queued or running (best effort: a transfer that has
    /// just completed keeps its result).
    func cancel(_ id: UInt64) {
        let queued: Job? = inbox.withLock { state in
            if let index = state.pending.firstIndex(where: { $0.id == id }) {
                return state.pending.remove(at: index)
            }
            state.cancelled.insert(id)
            return nil
        }
        if let queued {
            queued.continuation.resume(throwing: CancellationError())
        } else {
            multi.wakeup()
        }
    }

    /// Ends the loop thread; transfers still queued or running fail with `CancellationError`.
    func stop() {
        inbox.withLock { $0.stopping = true }
        multi.wakeup()
    }
}

/// Owns the `CURLM*`. `@unchecked Sendable` because only `curl_multi_wakeup` is ever called
/// from other threads, which libcurl documents as thread-safe; everything else happens on the
/// loop thread. Reference counting frees the handle after both the loop thread and the client
/// are done with it, so a late wakeup never touches freed memory.
final class MultiHandle: @unchecked Sendable {
    let raw: UnsafeMutableRawPointer

    init() {
        guard let raw = curl_multi_init() else { fatalError("curl_multi_init failed: out of memory") }
        self.raw = raw
    }

    func wakeup() { _ = curl_multi_wakeup(raw) }

    deinit { curl_multi_cleanup(raw) }
}

/// The loop thread's own state: the running transfers, touched by no other thread.
private final class LoopThread {
    struct Running {
        let id: UInt64
        let easy: CurlEasy
        let continuation: CheckedContinuation<CurlResponse, any Error>
    }

    let multi: MultiHandle
    let inbox: Locked<CurlMultiLoop.Inbox>
    let maxConcurrent: Int
    var running: [UnsafeMutableRawPointer: Running] = [:]
    var finishedThisTurn = false

    init(multi: MultiHandle, inbox: Locked<CurlMultiLoop.Inbox>, maxConcurrent: Int) {
        self.multi = multi
        self.inbox = inbox
        self.maxConcurrent = maxConcurrent
    }

    func run() {
        while true {
            let room = maxConcurrent - running.count
            let (admitted, cancelled, stopping) = inbox.withLock { state in
                let admitted = Array(state.pending.prefix(room))
                state.pending.removeFirst(admitted.count)
                defer { state.cancelled.removeAll() }
                return (admitted, state.cancelled, state.stopping)
            }
            if stopping {
                shutDown(admitted)
                return
            }
            admitted.forEach(start)
            // After admitting: a cancel that raced its own submission finds the transfer here.
            for id in cancelled {
                if let entry = running.first(where: { $0.value.id == id }) {
                    finish(entry.key, with: .failure(CancellationError()))
                }
            }
            var stillRunning: Int32 = 0
            _ = curl_multi_perform(multi.raw, &stillRunning)
            collectCompleted()
            // A finished transfer frees a slot that a queued one may take: go round again at
            // once instead of sleeping on sockets that will not wake us.
            if finishedThisTurn {
                finishedThisTurn = false
                continue
            }
            // Sleeps until a socket is ready, a libcurl timer is due, or a wakeup arrives.
            _ = curl_multi_poll(multi.raw, nil, 0, 1000, nil)
        }
    }

    private func start(_ job: CurlMultiLoop.Job) {
        let easy: CurlEasy
        do {
            easy = try CurlEasy(job.request)
        } catch {
            job.continuation.resume(throwing: error)
            return
        }
        let code = curl_multi_add_handle(multi.raw, easy.handle)
        guard code == CURLM_OK else {
            let message = String(cString: curl_multi_strerror(code))
            job.continuation.resume(throwing: CurlError(
                code: Int(code.rawValue), kind: .other, message: "curl_multi_add_handle: \(message)",
                method: job.request.method, url: job.request.url))
            return
        }
        running[easy.handle] = Running(id: job.id, easy: easy, continuation: job.continuation)
    }

    private func collectCompleted() {
        var queued: Int32 = 0
        while let message = curl_multi_info_read(multi.raw, &queued) {
            guard message.pointee.msg == CURLMSG_DONE, let handle = message.pointee.easy_handle,
                let transfer = running[handle] else { continue }
            let code = message.pointee.data.result
            finish(handle, with: code == CURLE_OK ? .success(transfer.easy.response())
                                                  : .failure(transfer.easy.error(code)))
        }
    }

    /// Detaches the handle, resumes the caller and frees the easy handle and its lists.
    private func finish(_ handle: UnsafeMutableRawPointer, with result: Result<CurlResponse, any Error>) {
        guard let transfer = running.removeValue(forKey: handle) else { return }
        finishedThisTurn = true
        _ = curl_multi_remove_handle(multi.raw, handle)
        transfer.continuation.resume(with: result)
    }

    private func shutDown(_ admitted: [CurlMultiLoop.Job]) {
        for handle in Array(running.keys) { finish(handle, with: .failure(CancellationError())) }
        let leftover = admitted + inbox.withLock { state in
            defer { state.pending.removeAll() }
            return state.pending
        }
        leftover.forEach { $0.continuation.resume(throwing: CancellationError()) }
    }
}

/// A value behind an `NSLock`. (Synchronization's `Mutex` needs macOS 15; the package supports 14.)
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
