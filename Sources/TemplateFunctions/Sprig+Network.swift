#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GoTemplate

extension TemplateFunctions {
    /// Sprig's `getHostByName`: one of the host's addresses (`net.LookupHost`), picked at random.
    /// It asks the system resolver, as Helm does while rendering.
    static func addNetwork(to table: inout FunctionTable) {
        table.add("getHostByName") { a in
            try a.expect(1)
            let addresses = lookupHost(try a.string(0))
            // rand.Intn(0) panics in Go when the lookup found nothing.
            guard let address = addresses.randomElement() else { throw FunctionError("invalid argument to Intn") }
            return .string(address)
        }
    }

    static func lookupHost(_ name: String) -> [String] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var result: UnsafeMutablePointer<addrinfo>? = nil
        guard getaddrinfo(name, nil, &hints, &result) == 0 else { return [] }
        defer { freeaddrinfo(result) }
        var addresses: [String] = []
        var node = result
        while let info = node?.pointee {
            var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
            if info.ai_family == AF_INET, let raw = info.ai_addr {
                raw.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { sin in
                    var address = sin.pointee.sin_addr
                    _ = inet_ntop(AF_INET, &address, &buffer, socklen_t(buffer.count))
                }
            } else if info.ai_family == AF_INET6, let raw = info.ai_addr {
                raw.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { sin6 in
                    var address = sin6.pointee.sin6_addr
                    _ = inet_ntop(AF_INET6, &address, &buffer, socklen_t(buffer.count))
                }
            }
            let text = String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if !text.isEmpty, !addresses.contains(text) { addresses.append(text) }
            node = info.ai_next
        }
        return addresses
    }
}
