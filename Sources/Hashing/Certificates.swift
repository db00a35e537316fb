import CGitOpsCrypto

/// Private keys and X.509 certificates through OpenSSL, shaped as Go's `crypto/x509` makes them
/// for Sprig's `genPrivateKey`, `genCA`, `genSelfSignedCert` and `genSignedCert`: RSA-2048 keys
/// (PKCS#1 PEM), SHA-256 signatures, a random 128-bit serial, server and client auth.
public enum Certificates {
    /// A PEM certificate and the PEM private key that goes with it.
    public struct Issued: Sendable, Equatable {
        public let certificatePEM: String
        public let keyPEM: String
    }

    /// What a certificate says about its subject.
    public struct Subject: Sendable {
        public var commonName: String
        public var ipAddresses: [String]
        public var dnsNames: [String]
        public var daysValid: Int
        public var isCA: Bool

        public init(commonName: String, ipAddresses: [String] = [], dnsNames: [String] = [], daysValid: Int, isCA: Bool = false) {
            self.commonName = commonName
            self.ipAddresses = ipAddresses
            self.dnsNames = dnsNames
            self.daysValid = daysValid
            self.isCA = isCA
        }
    }

    /// Why a key or certificate could not be made; the texts follow Sprig's.
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }

    /// `genPrivateKey`: `rsa` (4096 bits, PKCS#1), `ecdsa` (P-256, SEC 1), `ed25519` (PKCS#8),
    /// `dsa` (2048 bits); nil for another type.
    public static func privateKeyPEM(type: String) throws(Failure) -> String? {
        let key: OpaquePointer
        switch type {
        case "rsa": key = try generateRSA(bits: 4096)
        case "ecdsa": key = try generate(EVP_PKEY_EC) { EVP_PKEY_CTX_set_ec_paramgen_curve_nid($0, NID_X9_62_prime256v1) }
        case "ed25519": key = try generate(EVP_PKEY_ED25519) { _ in 1 }
        case "dsa": key = try generateDSA()
        default: return nil
        }
        defer { EVP_PKEY_free(key) }
        return try keyPEM(key, pkcs8: type == "ed25519")
    }

    /// A self-signed certificate for `subject` (a CA when `subject.isCA`), with a new RSA-2048
    /// key or the one given as PEM.
    public static func selfSigned(_ subject: Subject, keyPEM: String? = nil) throws(Failure) -> Issued {
        let key = try keyPEM != nil ? readKey(keyPEM!) : generateRSA(bits: 2048)
        defer { EVP_PKEY_free(key) }
        return try issue(subject, key: key, issuer: nil, issuerKey: key)
    }

    /// A certificate for `subject` signed by the CA given as PEM certificate and key.
    public static func signed(_ subject: Subject, keyPEM: String? = nil, caCertificatePEM: String, caKeyPEM: String) throws(Failure) -> Issued {
        let key = try keyPEM != nil ? readKey(keyPEM!) : generateRSA(bits: 2048)
        defer { EVP_PKEY_free(key) }
        let caKey = try readKey(caKeyPEM)
        defer { EVP_PKEY_free(caKey) }
        let caCertificate = try withBIO(caCertificatePEM) { PEM_read_bio_X509($0, nil, nil, nil) }
        guard let caCertificate else { throw Failure("error parsing CA certificate") }
        defer { X509_free(caCertificate) }
        return try issue(subject, key: key, issuer: caCertificate, issuerKey: caKey)
    }

    // MARK: - Keys

    private static func generateRSA(bits: Int32) throws(Failure) -> OpaquePointer {
        try generate(EVP_PKEY_RSA) { EVP_PKEY_CTX_set_rsa_keygen_bits($0, bits) }
    }

    private static func generate(_ id: Int32, _ configure: (OpaquePointer) -> Int32) throws(Failure) -> OpaquePointer {
        guard let context = EVP_PKEY_CTX_new_id(id, nil) else { throw Failure("cannot create key context") }
        defer { EVP_PKEY_CTX_free(context) }
        var key: OpaquePointer? = nil
        guard EVP_PKEY_keygen_init(context) == 1, configure(context) == 1, EVP_PKEY_keygen(context, &key) == 1, let key else {
            throw Failure("key generation failed")
        }
        return key
    }

    private static func generateDSA() throws(Failure) -> OpaquePointer {
        guard let paramContext = EVP_PKEY_CTX_new_id(EVP_PKEY_DSA, nil) else { throw Failure("cannot create key context") }
        defer { EVP_PKEY_CTX_free(paramContext) }
        var parameters: OpaquePointer? = nil
        guard EVP_PKEY_paramgen_init(paramContext) == 1, EVP_PKEY_CTX_set_dsa_paramgen_bits(paramContext, 2048) == 1,
              EVP_PKEY_paramgen(paramContext, &parameters) == 1, let parameters else { throw Failure("DSA parameter generation failed") }
        defer { EVP_PKEY_free(parameters) }
        guard let context = EVP_PKEY_CTX_new(parameters, nil) else { throw Failure("cannot create key context") }
        defer { EVP_PKEY_CTX_free(context) }
        var key: OpaquePointer? = nil
        guard EVP_PKEY_keygen_init(context) == 1, EVP_PKEY_keygen(context, &key) == 1, let key else { throw Failure("key generation failed") }
        return key
    }

    private static func readKey(_ pem: String) throws(Failure) -> OpaquePointer {
        let key = try withBIO(pem) { PEM_read_bio_PrivateKey($0, nil, nil, nil) }
        guard let key else { throw Failure("error parsing private key") }
        return key
    }

    /// PKCS#1 / SEC 1 ("traditional") PEM as Go's `pemBlockForKey` writes RSA and EC keys;
    /// PKCS#8 for ed25519.
    private static func keyPEM(_ key: OpaquePointer, pkcs8: Bool) throws(Failure) -> String {
        try writeBIO { bio in
            pkcs8 ? PEM_write_bio_PrivateKey(bio, key, nil, nil, 0, nil, nil)
                : PEM_write_bio_PrivateKey_traditional(bio, key, nil, nil, 0, nil, nil)
        }
    }

    // MARK: - Certificates

    private static func issue(_ subject: Subject, key: OpaquePointer, issuer: OpaquePointer?, issuerKey: OpaquePointer) throws(Failure) -> Issued {
        guard let certificate = X509_new() else { throw Failure("cannot allocate certificate") }
        defer { X509_free(certificate) }
        X509_set_version(certificate, 2)
        // A random 128-bit serial number, as Sprig draws one.
        let serial = BN_new()
        defer { BN_free(serial) }
        guard BN_rand(serial, 128, -1, 0) == 1, let asn1Serial = BN_to_ASN1_INTEGER(serial, nil) else { throw Failure("serial number failed") }
        X509_set_serialNumber(certificate, asn1Serial)
        ASN1_INTEGER_free(asn1Serial)
        X509_gmtime_adj(X509_getm_notBefore(certificate), 0)
        X509_gmtime_adj(X509_getm_notAfter(certificate), subject.daysValid * 86_400)
        let name = X509_get_subject_name(certificate)
        X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, subject.commonName, -1, -1, 0)
        X509_set_issuer_name(certificate, issuer.map { X509_get_subject_name($0) } ?? name)
        X509_set_pubkey(certificate, key)

        var extensions: [(Int32, String)] = [
            (NID_key_usage, "critical,digitalSignature,keyEncipherment" + (subject.isCA ? ",keyCertSign" : "")),
            (NID_ext_key_usage, "serverAuth,clientAuth"),
            (NID_basic_constraints, subject.isCA ? "critical,CA:TRUE" : "critical,CA:FALSE"),
        ]
        if subject.isCA { extensions.append((NID_subject_key_identifier, "hash")) }
        if issuer != nil { extensions.append((NID_authority_key_identifier, "keyid")) }
        // Go's marshalSANs writes DNS names before IP addresses.
        var alternatives = subject.dnsNames.map { "DNS:" + $0 }
        for ip in subject.ipAddresses {
            guard let parsed = a2i_IPADDRESS(ip) else { throw Failure("error parsing ip: \(ip)") }
            ASN1_OCTET_STRING_free(parsed)
            alternatives.append("IP:" + ip)
        }
        if !alternatives.isEmpty { extensions.append((NID_subject_alt_name, alternatives.joined(separator: ","))) }

        var context = X509V3_CTX()
        X509V3_set_ctx(&context, issuer ?? certificate, certificate, nil, nil, 0)
        for (nid, value) in extensions {
            guard let ext = X509V3_EXT_conf_nid(nil, &context, nid, value) else {
                throw Failure("invalid certificate extension \(value)")
            }
            X509_add_ext(certificate, ext, -1)
            X509_EXTENSION_free(ext)
        }
        guard X509_sign(certificate, issuerKey, EVP_sha256()) > 0 else { throw Failure("signing the certificate failed") }
        let certificatePEM = try writeBIO { PEM_write_bio_X509($0, certificate) }
        return Issued(certificatePEM: certificatePEM, keyPEM: try keyPEM(key, pkcs8: EVP_PKEY_get_id(key) == EVP_PKEY_ED25519))
    }

    // MARK: - BIO helpers

    private static func withBIO<T>(_ text: String, _ body: (OpaquePointer) -> T) throws(Failure) -> T {
        let bytes = Array(text.utf8)
        let bio = bytes.withUnsafeBytes { buffer in
            // BIO_new_mem_buf reads in place; copy so the BIO owns its bytes past this closure.
            let b = BIO_new(BIO_s_mem())
            if let b { BIO_write(b, buffer.baseAddress, Int32(buffer.count)) }
            return b
        }
        guard let bio else { throw Failure("out of memory") }
        defer { BIO_free(bio) }
        return body(bio)
    }

    private static func writeBIO(_ body: (OpaquePointer) -> Int32) throws(Failure) -> String {
        guard let bio = BIO_new(BIO_s_mem()) else { throw Failure("out of memory") }
        defer { BIO_free(bio) }
        guard body(bio) == 1 else { throw Failure("PEM encoding failed") }
        var data: UnsafeMutablePointer<CChar>? = nil
        let length = gitops_bio_mem_data(bio, &data)
        guard let data, length > 0 else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self)
    }
}
