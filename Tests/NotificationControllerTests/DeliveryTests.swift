import Foundation
import GitOpsAPI
@testable import NotificationController
import Synchronization
import TestSupport
import Testing

/// Delivery through the outbox against real receivers on loopback: retries, Retry-After, the
/// attempt bound and its warning event, and lanes that keep a slow Provider to itself.
@Suite("Delivery")
struct DeliveryTests {
    @Test("a provider that answers 500 three times and then 200 gets the event once, after 4 attempts")
    func retriesUntilAccepted() async throws {
        let receiver = try HTTPRecorder(script: [.status(500), .status(500), .status(500)], then: .status(200))
        let harness = try DeliveryHarness()
        try harness.provider("hook", type: "generic", address: receiver.url + "/hook")
        harness.start()
        try harness.record()
        #expect(await harness.eventually { await harness.deliveries().first?.state == "sent" })
        // Two more poll cycles: nothing is sent again once accepted.
        try await Task.sleep(for: .milliseconds(100))
        await harness.stop()
        receiver.stop()
        let requests = receiver.requests
        #expect(requests.count == 4)
        #expect(Set(requests.map(\.text)).count == 1, "every attempt carries the same event")
        let record = try #require(await harness.deliveries().first)
        #expect(record.state == "sent")
        #expect(record.attempts == 4)
        #expect(record.lastError == nil)
    }

    @Test("429 with Retry-After delays the next attempt by at least that long, whatever the backoff says")
    func retryAfter() async throws {
        let arrivals = Mutex<[ContinuousClock.Instant]>([])
        let receiver = try HTTPRecorder { _, index in
            arrivals.withLock { $0.append(.now) }
            return index == 0 ? RecordedResponse(status: 429, headers: [("Retry-After", "1")]) : .status(200)
        }
        let harness = try DeliveryHarness()  // backoff alone would retry after 10-20 ms
        try harness.provider("hook", type: "generic", address: receiver.url + "/hook")
        harness.start()
        try harness.record()
        #expect(await harness.eventually { await harness.deliveries().first?.state == "sent" })
        await harness.stop()
        receiver.stop()
        let times = arrivals.withLock { $0 }
        #expect(times.count == 2)
        if times.count == 2 { #expect(times[0].duration(to: times[1]) >= .milliseconds(950)) }
    }

    @Test("Retry-After is read as seconds or as an HTTP date, on 429 and 503 only")
    func retryAfterParsing() {
        let now = Date(timeIntervalSince1970: 784_111_777)  // Sun, 06 Nov 1994 08:49:37 GMT
        #expect(DeliveryPolicy.retryAfter(status: 429, header: "120", now: now) == 120)
        #expect(DeliveryPolicy.retryAfter(status: 503, header: "Sun, 06 Nov 1994 08:50:07 GMT", now: now) == 30)
        #expect(DeliveryPolicy.retryAfter(status: 503, header: "Sunday, 06-Nov-94 08:50:07 GMT", now: now) == 30)
        #expect(DeliveryPolicy.retryAfter(status: 429, header: "Sun, 06 Nov 1994 08:00:00 GMT", now: now) == 0, "a past date means now")
        #expect(DeliveryPolicy.retryAfter(status: 500, header: "120", now: now) == nil)
        #expect(DeliveryPolicy.retryAfter(status: 429, header: "soon", now: now) == nil)
        #expect(DeliveryPolicy.retryAfter(status: 429, header: nil, now: now) == nil)
    }

    @Test("backoff doubles per attempt up to the cap, jittered within its upper half")
    func backoff() {
        #expect(DeliveryPolicy.backoff(base: .seconds(2), attempts: 1, cap: .seconds(300), random: 1) == 2)
        #expect(DeliveryPolicy.backoff(base: .seconds(2), attempts: 1, cap: .seconds(300), random: 0) == 1)
        #expect(DeliveryPolicy.backoff(base: .seconds(2), attempts: 4, cap: .seconds(300), random: 1) == 16)
        #expect(DeliveryPolicy.backoff(base: .seconds(2), attempts: 20, cap: .seconds(300), random: 1) == 300)
        #expect(DeliveryPolicy.backoff(base: .seconds(2), attempts: 20, cap: .seconds(300), random: 0) == 150)
    }

    @Test("after the last allowed attempt the delivery is undeliverable and a warning event names alert, provider, reason and error, not secrets")
    func undeliverable() async throws {
        // The receiver echoes the request's Authorization header, as a misbehaving proxy might.
        let receiver = try HTTPRecorder { request, _ in .status(500, "upstream rejected \(request.header("Authorization") ?? "")") }
        var settings = DeliveryHarness.fast
        settings.maxAttempts = 3
        let harness = try DeliveryHarness(settings: settings)
        try harness.provider("hook", type: "generic", address: nil,
                             secret: ["address": receiver.url + "/hook/s3cr3t-path", "headers": "Authorization: Bearer tok-123456"])
        harness.start()
        try harness.record()
        #expect(await harness.eventually { await harness.deliveries().first?.state == "undeliverable" })
        try await Task.sleep(for: .milliseconds(100))
        await harness.stop()
        receiver.stop()
        #expect(receiver.requests.count == 3)
        let record = try #require(await harness.deliveries().first)
        #expect(record.attempts == 3)
        let warnings = try harness.events.recent(kind: "Provider").filter { $0.reason == "NotificationUndeliverable" }
        let warning = try #require(warnings.first)
        #expect(warnings.count == 1)
        #expect(warning.severity == .error)
        #expect(warning.involvedObject.name == "hook" && warning.involvedObject.namespace == "flux-system")
        #expect(warning.reportingController == "notification-controller")
        for part in ["Alert flux-system/hook", "Provider flux-system/hook", "ReconciliationSucceeded", "Kustomization/flux-system/webapp",
                     "after 3 attempts", "HTTP 500", "upstream rejected"] {
            #expect(warning.message.contains(part), "\(part) in: \(warning.message)")
        }
        for secret in ["tok-123456", "s3cr3t-path"] {
            #expect(!warning.message.contains(secret))
            #expect(!(record.lastError ?? "").contains(secret))
        }
    }

    @Test("a provider that never answers does not delay another provider's deliveries")
    func slowProviderHasItsOwnLane() async throws {
        let slow = try HTTPRecorder { _, _ in .stall }
        let fast = try HTTPRecorder()
        let harness = try DeliveryHarness()
        try harness.provider("slow", type: "generic", address: slow.url + "/hook", spec: "  timeout: 60s\n")
        try harness.provider("fast", type: "generic", address: fast.url + "/hook")
        harness.start()
        try harness.record(DeliveryHarness.event(message: "first"))
        #expect(await fast.waitForRequests(count: 1, timeout: .seconds(10)).count == 1)
        #expect(await slow.waitForRequests(count: 1, timeout: .seconds(10)).count == 1)
        // The slow receiver holds its first request; a second event still reaches the fast one.
        try harness.record(DeliveryHarness.event(message: "second"))
        let fastSeen = await fast.waitForRequests(count: 2, timeout: .seconds(10))
        #expect(fastSeen.map { $0.json?["message"]?.stringValue } == ["first", "second"])
        #expect(slow.requests.count == 1, "the slow lane is still on its first delivery")
        let slowPending = await harness.deliveries().filter { $0.provider == "flux-system/slow" }
        #expect(slowPending.map(\.state) == ["pending", "pending"])
        #expect(slowPending.map(\.attempts) == [0, 0])
        slow.stop()  // ends the stalled answer, so the lane can finish
        await harness.stop()
        fast.stop()
    }

    @Test("a suspended provider's deliveries are dropped without a request")
    func suspended() async throws {
        let receiver = try HTTPRecorder()
        let harness = try DeliveryHarness()
        try harness.provider("hook", type: "generic", address: receiver.url + "/hook", spec: "  suspend: true\n")
        harness.start()
        try harness.record()
        #expect(await harness.eventually { await harness.deliveries().first?.state == "dropped" })
        await harness.stop()
        receiver.stop()
        #expect(receiver.requests.isEmpty)
    }

    @Test("a commit status provider drops an info event without a revision and sends nothing")
    func commitStatusDrop() async throws {
        let receiver = try HTTPRecorder()
        let harness = try DeliveryHarness()
        try harness.provider("gh", type: "github", address: receiver.url + "/acme/webapp", secret: ["token": "t"])
        harness.start()
        try harness.record(DeliveryHarness.event(metadata: [:]))
        #expect(await harness.eventually { await harness.deliveries().first?.state == "dropped" })
        await harness.stop()
        receiver.stop()
        #expect(receiver.requests.isEmpty)
    }

    @Test("the provider's timeout bounds each request, and a timed-out attempt is retried")
    func timeout() async throws {
        let receiver = try HTTPRecorder(script: [.stall], then: .status(200))
        let harness = try DeliveryHarness()
        try harness.provider("hook", type: "generic", address: receiver.url + "/hook", spec: "  timeout: 300ms\n")
        harness.start()
        try harness.record()
        #expect(await harness.eventually { await harness.deliveries().first?.state == "sent" })
        await harness.stop()
        receiver.stop()
        #expect(receiver.requests.count == 2)
        #expect(await harness.deliveries().first?.attempts == 2)
    }

    @Test("an unsupported provider type is undeliverable at once, with the warning event")
    func unsupported() async throws {
        let harness = try DeliveryHarness()
        try harness.provider("rocket", type: "rocket", address: "http://127.0.0.1:1/hook")
        harness.start()
        try harness.record()
        #expect(await harness.eventually { await harness.deliveries().first?.state == "undeliverable" })
        await harness.stop()
        let warning = try harness.events.recent(kind: "Provider").first
        #expect(warning?.message.contains("provider type \"rocket\" is not supported") == true)
    }
}
