import Curl
import Foundation
import TestSupport
import Testing

@Suite("CurlClient runs transfers side by side on its own thread")
struct CurlConcurrencyTests {
    @Test("20 requests that each wait 200 ms finish together, far below 20 × 200 ms")
    func twentyInParallel() async throws {
        let recorder = try HTTPRecorder { _, index in
            RecordedResponse.status(200, "\(index)").delayed(by: .milliseconds(200))
        }
        let client = CurlClient(maxConcurrent: 32)
        let (statuses, elapsed) = try await measure {
            try await withThrowingTaskGroup(of: Int.self) { group in
                for number in 0..<20 {
                    group.addTask {
                        try await client.perform(CurlRequest(url: recorder.url + "/n/\(number)")).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
        }
        print("20 concurrent requests delayed 200 ms each: \(elapsed)")
        #expect(statuses == Array(repeating: 200, count: 20))
        #expect(Set(recorder.requests.map(\.path)).count == 20)
        #expect(elapsed >= .milliseconds(200))
        #expect(elapsed < .seconds(2))
    }

    @Test("maxConcurrent bounds the transfers on the wire; the rest wait their turn")
    func boundedConcurrency() async throws {
        let recorder = try HTTPRecorder { _, _ in RecordedResponse.status(200).delayed(by: .milliseconds(200)) }
        let client = CurlClient(maxConcurrent: 2)
        let (_, elapsed) = try await measure {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<4 {
                    group.addTask { _ = try await client.perform(CurlRequest(url: recorder.url)) }
                }
                try await group.waitForAll()
            }
        }
        print("4 requests delayed 200 ms each, 2 at a time: \(elapsed)")
        // Two rounds of 200 ms; all four at once would take one.
        #expect(elapsed >= .milliseconds(380))
        // A freed slot is refilled at once, not after the loop's 1 s poll.
        #expect(elapsed < .seconds(1))
        #expect(recorder.requests.count == 4)
    }

    @Test("the cooperative pool stays free while transfers wait")
    func poolStaysFree() async throws {
        let recorder = try HTTPRecorder { _, _ in RecordedResponse.status(200).delayed(by: .milliseconds(300)) }
        let client = CurlClient(maxConcurrent: 16)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<16 {
                group.addTask { _ = try await client.perform(CurlRequest(url: recorder.url)) }
            }
            _ = await recorder.waitForRequests(count: 16)
            // With blocking calls on the pool these 20 short sleeps would queue behind them.
            let (_, elapsed) = try await measure {
                for _ in 0..<20 { try await Task.sleep(for: .milliseconds(1)) }
            }
            print("20 × 1 ms sleeps beside 16 waiting transfers: \(elapsed)")
            #expect(elapsed < .milliseconds(250))
            try await group.waitForAll()
        }
    }
}
