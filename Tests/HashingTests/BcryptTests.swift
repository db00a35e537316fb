import Testing
@testable import Hashing

/// bcrypt against the known answers of OpenBSD's and Openwall's test suites.
@Suite struct BcryptTests {
    @Test func blowfishStartsFromThePiDigits() {
        #expect(BlowfishPi.words.count == 1042)
        #expect(BlowfishPi.words[0] == 0x243F_6A88)
        #expect(BlowfishPi.words[1] == 0x85A3_08D3)
        #expect(BlowfishPi.words[17] == 0x8979_FB1B)        // the last P-array word
        #expect(BlowfishPi.words[18] == 0xD131_0BA6)        // S-box 0, word 0
        #expect(BlowfishPi.words[1041] == 0x3AC3_72E6)      // S-box 3, word 255
    }

    @Test(arguments: [
        ("$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW", "U*U"),
        ("$2a$05$CCCCCCCCCCCCCCCCCCCCC.VGOzA784oUp/Z0DY336zx7pLYAy0lwK", "U*U*"),
        ("$2a$05$XXXXXXXXXXXXXXXXXXXXXOAcXxm9kjPGEMsLznoKqmqw7tc8WCx4a", "U*U*U"),
        ("$2a$05$CCCCCCCCCCCCCCCCCCCCC.7uG0VCzI2bS7j6ymqJi9CdcdxiRTWNy", ""),
    ])
    func knownAnswers(expected: String, password: String) throws {
        let saltText = String(expected.dropFirst(7).prefix(22))
        let salt = try #require(Bcrypt.decode(saltText))
        #expect(salt.count == 16)
        #expect(try Bcrypt.hash(password: Array(password.utf8), salt: salt, cost: 5) == expected)
    }

    @Test func randomSaltsAndLimits() throws {
        let first = try Bcrypt.hash(password: Array("secret".utf8), cost: 4)
        let second = try Bcrypt.hash(password: Array("secret".utf8), cost: 4)
        #expect(first.hasPrefix("$2a$04$") && first.count == 60)
        #expect(first != second)
        #expect(throws: Bcrypt.Failure.passwordTooLong) { try Bcrypt.hash(password: [UInt8](repeating: 65, count: 73)) }
    }
}
