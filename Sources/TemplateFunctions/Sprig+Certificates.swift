import GoTemplate
import Hashing

/// Sprig's `certificate` struct: `.Cert` and `.Key`, both PEM.
struct CertificateObject: TemplateObject {
    let cert: String
    let key: String

    var goTypeName: String { "sprig.certificate" }
    var goFormatted: String { "{\(cert) \(key)}" }
    var jsonValue: Value? { .map(GoMap(["Cert": .string(cert), "Key": .string(key)])) }

    func field(_ name: String) -> Value? {
        switch name {
        case "Cert": return .string(cert)
        case "Key": return .string(key)
        default: return nil
        }
    }

    func callMethod(_ name: String, _ arguments: [Value]) throws -> Value? { nil }
}

extension TemplateFunctions {
    /// Sprig's crypto.go certificate functions over OpenSSL (see `Certificates`).
    static func addCertificates(to table: inout FunctionTable) {
        table.add("genPrivateKey") { a in
            try a.expect(1)
            let type = try a.string(0)
            do {
                return .string(try Certificates.privateKeyPEM(type: type) ?? "Unknown type \(type)")
            } catch {
                return .string("failed to generate private key: \(error)")
            }
        }
        table.add("genCA") { a in
            try a.expect(2)
            return try issue(Certificates.Subject(commonName: try a.string(0), daysValid: try a.int(1), isCA: true), key: nil, ca: nil)
        }
        table.add("genCAWithKey") { a in
            try a.expect(3)
            return try issue(Certificates.Subject(commonName: try a.string(0), daysValid: try a.int(1), isCA: true), key: try a.string(2), ca: nil)
        }
        table.add("genSelfSignedCert") { a in
            try a.expect(4)
            return try issue(try subject(a), key: nil, ca: nil)
        }
        table.add("genSelfSignedCertWithKey") { a in
            try a.expect(5)
            return try issue(try subject(a), key: try a.string(4), ca: nil)
        }
        table.add("genSignedCert") { a in
            try a.expect(5)
            return try issue(try subject(a), key: nil, ca: try certificate(a, 4))
        }
        table.add("genSignedCertWithKey") { a in
            try a.expect(6)
            return try issue(try subject(a), key: try a.string(5), ca: try certificate(a, 4))
        }
        table.add("buildCustomCert") { a in
            try a.expect(2)
            guard case .success(let cert) = Base64.decode(try a.string(0)) else { throw FunctionError("unable to decode base64 certificate") }
            guard case .success(let key) = Base64.decode(try a.string(1)) else { throw FunctionError("unable to decode base64 private key") }
            let certText = String(decoding: cert, as: UTF8.self), keyText = String(decoding: key, as: UTF8.self)
            // Sprig: pem.Decode finds no block → "unable to decode certificate"; a key without a
            // PEM block → parsePrivateKeyPEM's "no PEM data in input". (The certificate and key
            // are not parsed further here: x509's own messages are not reproduced.)
            guard certText.contains("-----BEGIN ") else { throw FunctionError("unable to decode certificate") }
            guard certText.contains("-----BEGIN CERTIFICATE-----") else { throw FunctionError("error parsing certificate: decodedCert.Bytes: x509: malformed certificate") }
            guard keyText.contains("-----BEGIN ") else { throw FunctionError("error parsing private key: no PEM data in input") }
            guard keyText.contains("PRIVATE KEY-----") else { throw FunctionError("error parsing private key: invalid private key type") }
            return .object(CertificateObject(cert: certText, key: keyText))
        }
    }

    /// `cn`, `ips`, `alternateDNS`, `daysValid` as the first four arguments.
    private static func subject(_ a: Arguments) throws(FunctionError) -> Certificates.Subject {
        func strings(_ index: Int) throws(FunctionError) -> [String] {
            switch a[index] {
            case .missing, .null: return []
            case .list(let items): return items.map(GoText.string)
            default: throw FunctionError("wrong type for value; expected []interface {}; got \(GoText.typeName(a[index]))")
            }
        }
        return Certificates.Subject(commonName: try a.string(0), ipAddresses: try strings(1), dnsNames: try strings(2), daysValid: try a.int(3))
    }

    private static func certificate(_ a: Arguments, _ index: Int) throws(FunctionError) -> CertificateObject {
        guard case .object(let object) = a[index], let certificate = object as? CertificateObject else {
            throw FunctionError("wrong type for value; expected sprig.certificate; got \(GoText.typeName(a[index]))")
        }
        return certificate
    }

    private static func issue(_ subject: Certificates.Subject, key: String?, ca: CertificateObject?) throws(FunctionError) -> Value {
        do throws(Certificates.Failure) {
            let issued = if let ca {
                try Certificates.signed(subject, keyPEM: key, caCertificatePEM: ca.cert, caKeyPEM: ca.key)
            } else {
                try Certificates.selfSigned(subject, keyPEM: key)
            }
            return .object(CertificateObject(cert: issued.certificatePEM, key: issued.keyPEM))
        } catch {
            throw FunctionError(error.description)
        }
    }
}
