import GoTemplate
import Hashing

extension TemplateFunctions {
    /// Sprig's `derivePassword COUNTER TYPE PASSWORD USER SITE` (crypto.go, the Master Password
    /// algorithm): scrypt(password, "com.lyndir.masterpassword" + len(user) + user, N=32768, r=8,
    /// p=2) keys an HMAC-SHA256 of the seed + len(site) + site + counter (big-endian uint32s),
    /// whose bytes pick a template of TYPE and then each character.
    static func addDerivePassword(to table: inout FunctionTable) {
        table.add("derivePassword") { a in
            try a.expect(5)
            let counter = UInt32(truncatingIfNeeded: try a.int(0))
            let type = try a.string(1), password = try a.string(2), user = try a.string(3), site = try a.string(4)
            return .string(derivePassword(counter: counter, type: type, password: password, user: user, site: site))
        }
    }

    static let masterPasswordTemplates: [String: [String]] = [
        "maximum": ["anoxxxxxxxxxxxxxxxxx", "axxxxxxxxxxxxxxxxxno"],
        "long": ["CvcvnoCvcvCvcv", "CvcvCvcvnoCvcv", "CvcvCvcvCvcvno", "CvccnoCvcvCvcv", "CvccCvcvnoCvcv",
                 "CvccCvcvCvcvno", "CvcvnoCvccCvcv", "CvcvCvccnoCvcv", "CvcvCvccCvcvno", "CvcvnoCvcvCvcc",
                 "CvcvCvcvnoCvcc", "CvcvCvcvCvccno", "CvccnoCvccCvcv", "CvccCvccnoCvcv", "CvccCvccCvcvno",
                 "CvcvnoCvccCvcc", "CvcvCvccnoCvcc", "CvcvCvccCvccno", "CvccnoCvcvCvcc", "CvccCvcvnoCvcc",
                 "CvccCvcvCvccno"],
        "medium": ["CvcnoCvc", "CvcCvcno"],
        "short": ["Cvcn"],
        "basic": ["aaanaaan", "aannaaan", "aaannaaa"],
        "pin": ["nnnn"],
    ]

    static let masterPasswordCharacters: [Character: [UInt8]] = [
        "V": Array("AEIOU".utf8),
        "C": Array("BCDFGHJKLMNPQRSTVWXYZ".utf8),
        "v": Array("aeiou".utf8),
        "c": Array("bcdfghjklmnpqrstvwxyz".utf8),
        "A": Array("AEIOUBCDFGHJKLMNPQRSTVWXYZ".utf8),
        "a": Array("AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz".utf8),
        "n": Array("0123456789".utf8),
        "o": Array("@&%?,=[]_:-+*$#!'^~;()/.".utf8),
        "x": Array("AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()".utf8),
    ]

    static func derivePassword(counter: UInt32, type: String, password: String, user: String, site: String) -> String {
        guard let templates = masterPasswordTemplates[type] else { return "cannot find password template \(type)" }
        func bigEndian(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
        let seed = Array("com.lyndir.masterpassword".utf8)
        let salt = seed + bigEndian(UInt32(user.utf8.count)) + Array(user.utf8)
        let key = Scrypt.key(password: Array(password.utf8), salt: salt, n: 32768, r: 8, p: 2, length: 64)
        let message = seed + bigEndian(UInt32(site.utf8.count)) + Array(site.utf8) + bigEndian(counter)
        let digest = HMAC.sha256(key: key, message: message)
        let template = templates[Int(digest[0]) % templates.count]
        var out: [UInt8] = []
        for (i, element) in template.enumerated() {
            let characters = masterPasswordCharacters[element]!
            out.append(characters[Int(digest[i + 1]) % characters.count])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
