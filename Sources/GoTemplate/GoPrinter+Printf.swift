/// fmt's `doPrintf`: flags, width, precision, `*`, `%[n]` indexes, and the error forms
/// `%!(NOVERB)`, `%!v(MISSING)`, `%!v(BADINDEX)`, `%!(BADWIDTH)`, `%!(BADPREC)`, `%!(EXTRA …)`.
extension GoPrinter {
    mutating func doPrintf(_ format: [UInt8], _ arguments: [Value]) {
        let end = format.count
        var argumentIndex = 0
        var afterIndex = false
        var reordered = false
        var goodArgumentIndex = true
        var i = 0

        /// Reads `[n]` at `i` (Go's argNumber): the new operand index, the position after it, and
        /// whether an index was found.
        func argumentNumber(_ current: Int, _ i: Int) -> (Int, Int, Bool) {
            guard i < end, format[i] == UInt8(ascii: "[") else { return (current, i, false) }
            reordered = true
            var index = 0, width = 1, ok = false
            if end - i >= 3 {
                var j = i + 1
                while j < end, format[j] != UInt8(ascii: "]") { j += 1 }
                if j < end {
                    let (number, isNumber, next) = parseNumber(format, i + 1, j)
                    width = j - i + 1
                    if isNumber && next == j { index = number - 1; ok = true }
                }
            }
            if ok && index >= 0 && index < arguments.count { return (index, i + width, true) }
            goodArgumentIndex = false
            return (current, i + width, ok)
        }

        /// An int operand for `*`; Go's intFromArg (too large beyond 1e6).
        func intArgument(_ index: Int) -> (Int, Bool, Int) {
            guard index < arguments.count else { return (0, false, index) }
            if case .int(let value) = arguments[index], value.magnitude <= 1_000_000 { return (value, true, index + 1) }
            return (0, false, index + 1)
        }

        while i < end {
            goodArgumentIndex = true
            let start = i
            while i < end && format[i] != UInt8(ascii: "%") { i += 1 }
            if i > start { buffer.append(contentsOf: format[start..<i]) }
            if i >= end { break }
            i += 1
            clearFlags()
            flags: while i < end {
                switch format[i] {
                case UInt8(ascii: "#"): sharp = true
                case UInt8(ascii: "0"): zero = !minus
                case UInt8(ascii: "+"): plus = true
                case UInt8(ascii: "-"): minus = true; zero = false
                case UInt8(ascii: " "): space = true
                default: break flags
                }
                i += 1
            }
            (argumentIndex, i, afterIndex) = argumentNumber(argumentIndex, i)

            if i < end && format[i] == UInt8(ascii: "*") {
                i += 1
                (width, widthPresent, argumentIndex) = intArgument(argumentIndex)
                if !widthPresent { buffer.append(contentsOf: Array("%!(BADWIDTH)".utf8)) }
                if width < 0 { width = -width; minus = true; zero = false }
                afterIndex = false
            } else {
                (width, widthPresent, i) = parseNumber(format, i, end)
                if afterIndex && widthPresent { goodArgumentIndex = false }
            }

            if i + 1 < end && format[i] == UInt8(ascii: ".") {
                i += 1
                if afterIndex { goodArgumentIndex = false }
                (argumentIndex, i, afterIndex) = argumentNumber(argumentIndex, i)
                if i < end && format[i] == UInt8(ascii: "*") {
                    i += 1
                    (precision, precisionPresent, argumentIndex) = intArgument(argumentIndex)
                    if precision < 0 { precision = 0; precisionPresent = false }
                    if !precisionPresent { buffer.append(contentsOf: Array("%!(BADPREC)".utf8)) }
                    afterIndex = false
                } else {
                    (precision, precisionPresent, i) = parseNumber(format, i, end)
                    if !precisionPresent { precision = 0; precisionPresent = true }
                }
            }

            if !afterIndex {
                (argumentIndex, i, afterIndex) = argumentNumber(argumentIndex, i)
            }

            if i >= end {
                buffer.append(contentsOf: Array("%!(NOVERB)".utf8))
                break
            }
            // The verb may be any rune; decode it whole.
            var verbEnd = i + 1
            while verbEnd < end && format[verbEnd] & 0xC0 == 0x80 { verbEnd += 1 }
            let verbBytes = format[i..<verbEnd]
            let verb = format[i]
            i = verbEnd

            if verb == UInt8(ascii: "%") {
                buffer.append(UInt8(ascii: "%"))
            } else if !goodArgumentIndex {
                buffer.append(contentsOf: [UInt8(ascii: "%"), UInt8(ascii: "!")] + verbBytes + Array("(BADINDEX)".utf8))
            } else if argumentIndex >= arguments.count {
                buffer.append(contentsOf: [UInt8(ascii: "%"), UInt8(ascii: "!")] + verbBytes + Array("(MISSING)".utf8))
            } else {
                if verb == UInt8(ascii: "v") {
                    sharpV = sharp; sharp = false
                    plusV = plus; plus = false
                }
                if verbBytes.count > 1 {
                    // A non-ASCII verb is never valid.
                    badVerbBytes(Array(verbBytes), arguments[argumentIndex])
                } else {
                    printArgument(arguments[argumentIndex], verb: verb)
                }
                argumentIndex += 1
            }
        }

        if !reordered && argumentIndex < arguments.count {
            clearFlags()
            buffer.append(contentsOf: Array("%!(EXTRA ".utf8))
            for (offset, argument) in arguments[argumentIndex...].enumerated() {
                if offset > 0 { buffer.append(contentsOf: [0x2C, 0x20]) }
                switch argument {
                case .null, .missing: buffer.append(contentsOf: Array("<nil>".utf8))
                default:
                    buffer.append(contentsOf: Array(GoFormat.typeName(argument).utf8))
                    buffer.append(UInt8(ascii: "="))
                    printArgument(argument, verb: UInt8(ascii: "v"))
                }
            }
            buffer.append(UInt8(ascii: ")"))
        }
    }

    private mutating func badVerbBytes(_ verb: [UInt8], _ value: Value) {
        let marker = buffer.count
        badVerb(UInt8(ascii: "?"), value)
        buffer.replaceSubrange((marker + 2)..<(marker + 3), with: verb)
    }

    /// Go's parsenum: decimal digits from `start` before `end`; not ok past 1e6.
    func parseNumber(_ format: [UInt8], _ start: Int, _ end: Int) -> (Int, Bool, Int) {
        var i = start
        var number = 0
        var isNumber = false
        while i < end, format[i] >= UInt8(ascii: "0"), format[i] <= UInt8(ascii: "9") {
            if number > 1_000_000 { return (0, false, end) }
            number = number * 10 + Int(format[i] - UInt8(ascii: "0"))
            isNumber = true
            i += 1
        }
        return (number, isNumber, i)
    }
}
