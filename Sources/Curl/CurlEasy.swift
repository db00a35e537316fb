import CGitOpsCurl
import Foundation

/// One libcurl easy handle configured for a ``CurlRequest``, plus the buffers its callbacks
/// fill. Not `Sendable`: it is created, driven and freed on the multi loop's thread only.
final class CurlEasy {
    /// The `CURL*`; `curl_multi_info_read` hands it back, which is how a transfer is found.
    let handle: UnsafeMutableRawPointer
    private let method: String
    private let url: String
    private var headerList: UnsafeMutablePointer<curl_slist>?
    /// CURLOPT_CONNECT_TO entries; libcurl reads the list during the transfer, so it lives as long as the handle.
    private var connectToList: UnsafeMutablePointer<curl_slist>?
    /// libcurl writes its detailed message here (CURLOPT_ERRORBUFFER needs CURL_ERROR_SIZE).
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private var body: [UInt8] = []
    private var headers: [(String, String)] = []

    /// Creates and configures the handle; throws if libcurl refuses an option.
    init(_ request: CurlRequest) throws(CurlError) {
        CurlGlobal.ensureInitialized()
        guard let handle = curl_easy_init() else {
            throw CurlError(code: Int(CURLE_FAILED_INIT.rawValue), kind: .other,
                            message: "curl_easy_init failed", method: request.method, url: request.url)
        }
        self.handle = handle
        self.method = request.method
        self.url = request.url
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        // From here on deinit frees whatever was set up, also when configure throws.
        try configure(request)
    }

    deinit {
        // The loop removes the handle from the multi handle before letting go of it.
        curl_easy_cleanup(handle)
        curl_slist_free_all(headerList)
        curl_slist_free_all(connectToList)
        errorBuffer.deallocate()
    }

    /// The response of a transfer that finished with CURLE_OK.
    func response() -> CurlResponse {
        var status = 0
        _ = gitops_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return CurlResponse(status: status, headers: headers, body: body)
    }

    /// The error of a transfer that finished with `code`.
    func error(_ code: CURLcode) -> CurlError {
        CurlError(code: Int(code.rawValue), kind: CurlError.kind(of: code),
                  message: Self.message(code, detail: String(cString: errorBuffer)),
                  method: method, url: url)
    }

    private static func message(_ code: CURLcode, detail: String) -> String {
        let summary = String(cString: curl_easy_strerror(code))
        return detail.isEmpty ? summary : "\(summary): \(detail)"
    }

    // MARK: - Configuration

    private func configure(_ request: CurlRequest) throws(CurlError) {
        try set(CURLOPT_URL, request.url)
        // Signals (used by the resolver's timeout) are process-wide; with threads they crash.
        try set(CURLOPT_NOSIGNAL, 1)
        // A webhook address comes from a user's object: never let it read file:// or the like.
        try set(CURLOPT_PROTOCOLS_STR, "http,https")
        try set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        let milliseconds = Self.milliseconds(request.timeout)
        try set(CURLOPT_TIMEOUT_MS, milliseconds)
        try set(CURLOPT_CONNECTTIMEOUT_MS, milliseconds)
        try check(gitops_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer))
        if request.followRedirects {
            try set(CURLOPT_FOLLOWLOCATION, 1)
            try set(CURLOPT_MAXREDIRS, 10)
        }
        if let proxy = request.proxy { try set(CURLOPT_PROXY, proxy) }
        if !request.connectTo.isEmpty {
            for entry in request.connectTo {
                guard let appended = curl_slist_append(connectToList, entry) else {
                    throw CurlError(code: Int(CURLE_OUT_OF_MEMORY.rawValue), kind: .other,
                                    message: "curl_slist_append failed", method: method, url: url)
                }
                connectToList = appended
            }
            try check(gitops_curl_setopt_slist(handle, CURLOPT_CONNECT_TO, connectToList))
        }
        try configureCallbacks()
        try configureMethodAndBody(request)
        try configureHeaders(request)
        try configureTLS(request.tls)
    }

    private func configureCallbacks() throws(CurlError) {
        // Unretained: the loop keeps this object alive until the handle is cleaned up.
        let context = Unmanaged.passUnretained(self).toOpaque()
        try check(gitops_curl_setopt_data_cb(handle, CURLOPT_WRITEFUNCTION, curlWriteBody))
        try check(gitops_curl_setopt_pointer(handle, CURLOPT_WRITEDATA, context))
        try check(gitops_curl_setopt_data_cb(handle, CURLOPT_HEADERFUNCTION, curlWriteHeader))
        try check(gitops_curl_setopt_pointer(handle, CURLOPT_HEADERDATA, context))
    }

    private func configureMethodAndBody(_ request: CurlRequest) throws(CurlError) {
        let method = request.method
        var body = request.body
        // PUT, PATCH and POST without a body still announce `Content-Length: 0`, as servers
        // (and the Kubernetes API) expect.
        if body == nil, ["POST", "PUT", "PATCH"].contains(method) { body = [] }
        guard let body else {
            switch method {
            case "GET": try set(CURLOPT_HTTPGET, 1)
            case "HEAD": try set(CURLOPT_NOBODY, 1)
            default: try set(CURLOPT_CUSTOMREQUEST, method)
            }
            return
        }
        // The size first: COPYPOSTFIELDS copies exactly that many bytes (a body may hold NULs),
        // so the Swift array need not outlive this call.
        try check(gitops_curl_setopt_off(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)))
        let padded = body.isEmpty ? [0] : body  // never hand libcurl a NULL pointer
        try check(padded.withUnsafeBytes { bytes in
            gitops_curl_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS,
                                       UnsafeMutableRawPointer(mutating: bytes.baseAddress))
        })
        if method != "POST" { try set(CURLOPT_CUSTOMREQUEST, method) }
    }

    private func configureHeaders(_ request: CurlRequest) throws(CurlError) {
        var lines = request.headers.map { name, value in
            // libcurl drops `Name:` (empty value) but sends `Name;` as an empty header.
            value.isEmpty ? "\(name);" : "\(name): \(value)"
        }
        // libcurl waits up to 1 s for `100 Continue` on bodies over 1 KiB; most webhook
        // receivers never send one. An empty `Expect:` turns the wait off.
        if request.body != nil, !request.hasHeader("Expect") { lines.append("Expect:") }
        // libcurl labels every body `application/x-www-form-urlencoded`; a body the caller did
        // not label goes without a Content-Type, as Go's client sends it.
        if request.body != nil, !request.hasHeader("Content-Type") { lines.append("Content-Type:") }
        if !request.hasHeader("User-Agent") { lines.append("User-Agent: gitops") }
        for line in lines {
            guard let appended = curl_slist_append(headerList, line) else {
                throw CurlError(code: Int(CURLE_OUT_OF_MEMORY.rawValue), kind: .other,
                                message: "curl_slist_append failed", method: method, url: url)
            }
            headerList = appended
        }
        try check(gitops_curl_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList))
    }

    private func configureTLS(_ tls: CurlRequest.TLSOptions) throws(CurlError) {
        if let ca = tls.caBundlePEM {
            try setBlob(CURLOPT_CAINFO_BLOB, ca)
            // Trust only the given bundle: Debian's libcurl also searches /etc/ssl/certs.
            try check(gitops_curl_setopt_string(handle, CURLOPT_CAPATH, nil))
        }
        if tls.insecureSkipVerify {
            try set(CURLOPT_SSL_VERIFYPEER, 0)
            try set(CURLOPT_SSL_VERIFYHOST, 0)
        }
        if let certificate = tls.clientCertificatePEM, let key = tls.clientKeyPEM {
            try set(CURLOPT_SSLCERTTYPE, "PEM")
            try setBlob(CURLOPT_SSLCERT_BLOB, certificate)
            try set(CURLOPT_SSLKEYTYPE, "PEM")
            try setBlob(CURLOPT_SSLKEY_BLOB, key)
        }
    }

    // MARK: - Typed setters

    private func set(_ option: CURLoption, _ value: Int) throws(CurlError) {
        try check(gitops_curl_setopt_long(handle, option, value))
    }

    private func set(_ option: CURLoption, _ value: String) throws(CurlError) {
        try check(gitops_curl_setopt_string(handle, option, value))
    }

    /// Hands libcurl PEM text as a `struct curl_blob`; CURL_BLOB_COPY makes libcurl keep its
    /// own copy, so neither the bytes nor the struct need to outlive the call.
    private func setBlob(_ option: CURLoption, _ pem: String) throws(CurlError) {
        var bytes = Array(pem.utf8)
        let code = bytes.withUnsafeMutableBytes { buffer in
            var blob = curl_blob(data: buffer.baseAddress, len: buffer.count, flags: UInt32(CURL_BLOB_COPY))
            return withUnsafeMutablePointer(to: &blob) { gitops_curl_setopt_pointer(handle, option, $0) }
        }
        try check(code)
    }

    private func check(_ code: CURLcode) throws(CurlError) {
        guard code == CURLE_OK else { throw error(code) }
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        // 0 would mean "no limit" to libcurl; a zero or negative timeout means "at once".
        return max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }

    // MARK: - Callback sinks

    fileprivate func appendBody(_ bytes: UnsafeRawBufferPointer) {
        body.append(contentsOf: bytes)
    }

    /// Collects one header line. A status line starts a new header block: after a redirect or
    /// `100 Continue` only the final response's headers count.
    fileprivate func appendHeaderLine(_ bytes: UnsafeRawBufferPointer) {
        // Only the end is trimmed: a leading space marks a folded continuation line.
        // ("\r\n" is one Character in Swift, so strip by scalar, not by Character.)
        var line = Substring(String(decoding: bytes, as: UTF8.self))
        while let last = line.unicodeScalars.last, last == "\r" || last == "\n" {
            line = Substring(line.unicodeScalars.dropLast())
        }
        if line.hasPrefix("HTTP/") {
            headers.removeAll()
        } else if let first = line.first, first == " " || first == "\t", !headers.isEmpty {
            // Obsolete line folding: a continuation of the previous value.
            headers[headers.count - 1].1 += " " + Self.trimmed(line)
        } else if let colon = line.firstIndex(of: ":") {
            headers.append((Self.trimmed(line[..<colon]), Self.trimmed(line[line.index(after: colon)...])))
        }
    }

    private static func trimmed(_ text: Substring) -> String {
        text.trimmingCharacters(in: .whitespaces)
    }
}

// C callbacks: literal closures without captures, context through the `void*` user data.

private let curlWriteBody: gitops_curl_data_cb = { data, size, count, context in
    let length = size * count
    guard let context else { return 0 }
    let easy = Unmanaged<CurlEasy>.fromOpaque(context).takeUnretainedValue()
    easy.appendBody(UnsafeRawBufferPointer(start: data, count: length))
    return length
}

private let curlWriteHeader: gitops_curl_data_cb = { data, size, count, context in
    let length = size * count
    guard let context else { return 0 }
    let easy = Unmanaged<CurlEasy>.fromOpaque(context).takeUnretainedValue()
    easy.appendHeaderLine(UnsafeRawBufferPointer(start: data, count: length))
    return length
}

/// `curl_global_init` once per process, before the first handle.
enum CurlGlobal {
    private static let initialized: Bool = gitops_curl_global_init() == CURLE_OK

    static func ensureInitialized() { _ = initialized }
}
