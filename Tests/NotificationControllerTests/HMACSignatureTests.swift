import Foundation
import GitOpsAPI
import Hashing
@testable import NotificationController
import Testing

/// The generic-hmac signature, checked against vectors computed outside this code.
@Suite("generic-hmac signature")
struct HMACSignatureTests {
    @Test("HMAC-SHA256 matches RFC 4231 test cases 1 and 2")
    func rfc4231() {
        let key1 = [UInt8](repeating: 0x0b, count: 20)
        #expect(HMAC.sha256(key: key1, message: Array("Hi There".utf8)).hex == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
        #expect(HMAC.sha256(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8)).hex
            == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test("the X-Signature header is sha256=<hex> of the exact body under the token, after the secret's headers")
    func header() throws {
        let settings = ProviderSettings(type: "generic-hmac", address: "http://127.0.0.1:1/hook", token: "Jefe", headers: [("X-Signature", "forged")])
        guard case .send(let request, _) = try ProviderRequest.make(settings: settings, event: DeliveryHarness.event()) else {
            Issue.record("nothing to send")
            return
        }
        let body = try #require(request.body)
        #expect(String(decoding: body, as: UTF8.self) == ProviderPayloadTests.genericGolden)
        let signatures = request.headers.filter { $0.0.lowercased() == "x-signature" }.map(\.1)
        // Python: hmac.new(b"Jefe", golden_body, hashlib.sha256).hexdigest()
        #expect(signatures == ["sha256=ff316b9349a42a0685cfbf997a11ee210305386ecfd91560253c9626624edd34"])
    }

    @Test("generic-hmac without a token is refused rather than sent unsigned")
    func needsToken() {
        let settings = ProviderSettings(type: "generic-hmac", address: "http://127.0.0.1:1/hook")
        #expect(throws: ProviderRequest.Failure.self) { try ProviderRequest.make(settings: settings, event: DeliveryHarness.event()) }
    }
}
