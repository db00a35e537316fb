import Foundation
import GoTemplate
import Testing
@testable import TemplateFunctions

/// Sprig's certificate functions, checked with the `openssl` command line where it exists.
@Suite struct CertificateFunctionTests {
    func field(_ value: Value, _ name: String) -> String {
        guard case .object(let object) = value, case .string(let text)? = object.field(name) else { return "" }
        return text
    }

    /// `openssl <arguments>` reading `input`; nil when the tool is not installed.
    func openssl(_ arguments: [String], input: String) throws -> String? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl") else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: output, as: UTF8.self)
    }

    @Test func privateKeysComeInGoPEMBlocks() throws {
        #expect(try printed("genPrivateKey", .string("ecdsa")).hasPrefix("-----BEGIN EC PRIVATE KEY-----\n"))
        #expect(try printed("genPrivateKey", .string("ed25519")).hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
        #expect(try printed("genPrivateKey", .string("nope")) == "Unknown type nope")
    }

    @Test func caSignsALeafCertificate() throws {
        let ca = try call("genCA", .string("my-ca"), .int(365))
        #expect(field(ca, "Cert").hasPrefix("-----BEGIN CERTIFICATE-----\n"))
        #expect(field(ca, "Key").hasPrefix("-----BEGIN RSA PRIVATE KEY-----\n"))
        let leaf = try call("genSignedCert", .string("svc.ns.svc"), .list([.string("10.0.0.1")]),
                            .list([.string("svc"), .string("svc.ns.svc")]), .int(30), ca)
        if let text = try openssl(["x509", "-noout", "-text"], input: field(leaf, "Cert")) {
            #expect(text.contains("Issuer: CN = my-ca"))
            #expect(text.contains("Subject: CN = svc.ns.svc"))
            #expect(text.contains("DNS:svc, DNS:svc.ns.svc, IP Address:10.0.0.1"))
            #expect(text.contains("TLS Web Server Authentication, TLS Web Client Authentication"))
            #expect(text.contains("sha256WithRSAEncryption"))
        }
        if let caText = try openssl(["x509", "-noout", "-text"], input: field(ca, "Cert")) {
            #expect(caText.contains("CA:TRUE"))
            #expect(caText.contains("Certificate Sign"))
        }
    }

    @Test func selfSignedCertificatesAndErrors() throws {
        let cert = try call("genSelfSignedCert", .string("foo.com"), .null, .list([.string("foo.com")]), .int(10))
        #expect(field(cert, "Cert").contains("BEGIN CERTIFICATE"))
        #expect(failure("genSelfSignedCert", .string("x"), .list([.string("not-an-ip")]), .null, .int(1)) == "error parsing ip: not-an-ip")
        let key = try printed("genPrivateKey", .string("ecdsa"))
        let withKey = try call("genSelfSignedCertWithKey", .string("x"), .null, .null, .int(1), .string(key))
        #expect(field(withKey, "Key") == key)
    }
}
