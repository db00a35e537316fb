import Foundation
import GoTemplate

extension TemplateFunctions {
    /// Sprig's arithmetic (numeric.go): integer functions convert every operand with cast's
    /// `ToInt64` and return int64; the `…f` functions compute in exact decimal (shopspring's
    /// `decimal.NewFromFloat`) and return float64, so `mulf 1.1 3` is 3.3.
    static func addNumbers(to table: inout FunctionTable) {
        table.add("add1") { a in try a.expect(1); return .int(Cast.toInt64(a[0]) &+ 1) }
        table.add("add") { a in .int(a.values.reduce(0) { $0 &+ Cast.toInt64($1) }) }
        table.add("sub") { a in try a.expect(2); return .int(Cast.toInt64(a[0]) &- Cast.toInt64(a[1])) }
        table.add("mul") { a in
            try a.expect(atLeast: 1)
            return .int(a.values.dropFirst().reduce(Cast.toInt64(a[0])) { $0 &* Cast.toInt64($1) })
        }
        table.add("div") { a in
            try a.expect(2)
            let divisor = Cast.toInt64(a[1])
            guard divisor != 0 else { throw FunctionError("runtime error: integer divide by zero") }
            return .int(Cast.toInt64(a[0]).dividedReportingOverflow(by: divisor).partialValue)
        }
        table.add("mod") { a in
            try a.expect(2)
            let divisor = Cast.toInt64(a[1])
            guard divisor != 0 else { throw FunctionError("runtime error: integer divide by zero") }
            return .int(Cast.toInt64(a[0]).remainderReportingOverflow(dividingBy: divisor).partialValue)
        }
        for name in ["max", "biggest"] {
            table.add(name) { a in
                try a.expect(atLeast: 1)
                return .int(a.values.map(Cast.toInt64).max()!)
            }
        }
        table.add("min") { a in try a.expect(atLeast: 1); return .int(a.values.map(Cast.toInt64).min()!) }
        table.add("maxf") { a in
            try a.expect(atLeast: 1)
            return .float(a.values.dropFirst().reduce(Cast.toFloat64(a[0])) { goMax($0, Cast.toFloat64($1)) })
        }
        table.add("minf") { a in
            try a.expect(atLeast: 1)
            return .float(a.values.dropFirst().reduce(Cast.toFloat64(a[0])) { goMin($0, Cast.toFloat64($1)) })
        }
        table.add("add1f") { a in try a.expect(1); return .float(decimalFold([a[0], .int(1)], +)) }
        table.add("addf") { a in .float(decimalFold(a.values, +)) }
        table.add("subf") { a in try a.expect(atLeast: 1); return .float(decimalFold(a.values, -)) }
        table.add("mulf") { a in try a.expect(atLeast: 1); return .float(decimalFold(a.values, *)) }
        table.add("divf") { a in
            try a.expect(atLeast: 1)
            for v in a.values.dropFirst() where Cast.toFloat64(v) == 0 { throw FunctionError("decimal division by 0") }
            return .float(decimalFold(a.values, /))
        }
        table.add("ceil") { a in try a.expect(1); return .float(Cast.toFloat64(a[0]).rounded(.up)) }
        table.add("floor") { a in try a.expect(1); return .float(Cast.toFloat64(a[0]).rounded(.down)) }
        table.add("round") { a in
            try a.expect(atLeast: 2)
            let roundOn = a.count > 2 ? try float64Parameter(a, 2) : 0.5
            let pow = Foundation.pow(10, Double(try a.int(1)))
            let digit = pow * Cast.toFloat64(a[0])
            let fraction = digit - digit.rounded(.towardZero)
            return .float((fraction >= roundOn ? digit.rounded(.up) : digit.rounded(.down)) / pow)
        }
        table.add("int64") { a in try a.expect(1); return .int(Cast.toInt64(a[0])) }
        table.add("int") { a in try a.expect(1); return .int(Cast.toInt64(a[0])) }
        table.add("float64") { a in try a.expect(1); return .float(Cast.toFloat64(a[0])) }
        table.add("atoi") { a in try a.expect(1); return .int(Cast.atoi(try a.string(0))) }
        table.add("toDecimal") { a in
            try a.expect(1)
            // strconv.ParseInt(fmt.Sprint(v), 8, 64): plain octal digits, 0 on error.
            return .int(Int(GoText.v(a[0]), radix: 8) ?? 0)
        }
        table.add("until") { a in
            try a.expect(1)
            let count = try a.int(0)
            return .list(untilStep(0, count, count < 0 ? -1 : 1).map(Value.int))
        }
        table.add("untilStep") { a in
            try a.expect(3)
            return .list(untilStep(try a.int(0), try a.int(1), try a.int(2)).map(Value.int))
        }
        table.add("seq") { a in
            var params: [Int] = []
            for index in 0..<a.count { params.append(try a.int(index)) }
            return .string(seq(params).map(String.init).joined(separator: " "))
        }
    }

    private static func float64Parameter(_ a: Arguments, _ index: Int) throws(FunctionError) -> Double {
        switch a[index] {
        case .float(let d): return d
        case .int(let i): return Double(i)
        default: throw FunctionError("wrong type for value; expected float64; got \(GoText.typeName(a[index]))")
        }
    }

    /// `math.Max` / `math.Min` (NaN wins).
    private static func goMax(_ x: Double, _ y: Double) -> Double { x.isNaN || y.isNaN ? .nan : Swift.max(x, y) }
    private static func goMin(_ x: Double, _ y: Double) -> Double { x.isNaN || y.isNaN ? .nan : Swift.min(x, y) }

    /// Folds operands in exact decimal, each taken at its shortest decimal form, as shopspring's
    /// `decimal.NewFromFloat` does; the result read back as the nearest float64.
    private static func decimalFold(_ values: [Value], _ op: (Decimal, Decimal) -> Decimal) -> Double {
        func decimal(_ v: Value) -> Decimal {
            let d = Cast.toFloat64(v)
            return Decimal(string: GoFloatText.fixedShortest(d), locale: Locale(identifier: "en_US_POSIX")) ?? Decimal(d)
        }
        guard let first = values.first else { return 0 }
        let result = values.dropFirst().reduce(decimal(first)) { op($0, decimal($1)) }
        return Double(NSDecimalNumber(decimal: result).description(withLocale: Locale(identifier: "en_US_POSIX"))) ?? 0
    }

    /// Sprig's `untilStep`: integers from `start` towards `stop` (exclusive) by `step`; empty
    /// when the step points the wrong way.
    static func untilStep(_ start: Int, _ stop: Int, _ step: Int) -> [Int] {
        var out: [Int] = []
        if stop < start {
            guard step < 0 else { return out }
            var i = start
            while i > stop { out.append(i); i += step }
            return out
        }
        guard step > 0 else { return out }
        var i = start
        while i < stop { out.append(i); i += step }
        return out
    }

    /// Sprig's `seq`, after bash's: `seq 3` → 1 2 3, `seq 2 -2` → 2 1 0 -1 -2, `seq 0 2 10`.
    static func seq(_ params: [Int]) -> [Int] {
        switch params.count {
        case 1:
            let end = params[0], increment = end < 1 ? -1 : 1
            return untilStep(1, end + increment, increment)
        case 2:
            let start = params[0], end = params[1], step = end < start ? -1 : 1
            return untilStep(start, end + step, step)
        case 3:
            let start = params[0], step = params[1], end = params[2]
            var increment = 1
            if end < start {
                increment = -1
                if step > 0 { return [] }
            }
            return untilStep(start, end + increment, step)
        default:
            return []
        }
    }
}
