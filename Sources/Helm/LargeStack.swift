import Foundation

/// Runs work on a thread with a large stack. Go's goroutine stacks grow to 1 GB, so Helm never
/// notices how deep `include`/`tpl` recursion goes; Swift's cooperative-pool threads have 512 KiB
/// and a test or controller task would crash on charts like promtail (its config is a `tpl` of
/// a values string that includes other templates).
enum LargeStack {
    static let size = 256 << 20

    /// The result of work done on another thread, handed back once (guarded by a semaphore).
    private final class Box<T>: @unchecked Sendable {
        var result: Result<T, Error>?
        init() {}
    }

    static func run<T>(_ body: @escaping () throws -> T) throws -> T {
        let box = Box<T>()
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) let body = body
        let thread = Thread {
            box.result = Result { try body() }
            done.signal()
        }
        thread.stackSize = size
        thread.start()
        done.wait()
        return try box.result!.get()
    }
}
