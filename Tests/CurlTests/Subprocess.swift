import Foundation

/// Runs a command line tool to completion without blocking a cooperative thread: the caller
/// suspends until the process's termination handler fires.
func runTool(_ arguments: [String], in directory: URL? = nil) async throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    let status: Int32 = try await withCheckedThrowingContinuation { continuation in
        process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
        do { try process.run() } catch { continuation.resume(throwing: error) }
    }
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    return (status, text)
}

struct ToolFailed: Error, CustomStringConvertible {
    let description: String
}

/// Like `runTool`, but a non-zero exit is an error carrying the tool's output.
@discardableResult
func runToolChecked(_ arguments: [String], in directory: URL? = nil) async throws -> String {
    let (status, output) = try await runTool(arguments, in: directory)
    guard status == 0 else {
        throw ToolFailed(description: "\(arguments.joined(separator: " ")) exited \(status): \(output)")
    }
    return output
}

/// A fresh temporary directory, removed by the caller.
func makeTemporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("curl-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// The time `body` takes.
func measure<T>(_ body: () async throws -> T) async rethrows -> (T, Duration) {
    let start = ContinuousClock.now
    let value = try await body()
    return (value, ContinuousClock.now - start)
}
