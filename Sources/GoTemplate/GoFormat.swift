/// Go's `fmt` package for template values: `Sprint`, `Sprintln`, `Sprintf` with the `%v` rules
/// text/template and Helm print with (fmt/print.go, fmt/format.go).
///
/// - floats print as `strconv.FormatFloat(f, 'g', -1, 64)`: `1e+06`, `100000`, `1.5`, `+Inf`;
/// - maps print as `map[k:v k2:v2]` in sorted key order, lists as `[a b]`, nil as `<nil>`,
///   byte slices as `[104 105]`;
/// - a verb that does not fit its operand prints as Go does: `%!d(string=x)`; missing and extra
///   operands as `%!v(MISSING)` and `%!(EXTRA int=1)`.
public enum GoFormat {
    /// `fmt.Sprint`: operands printed with `%v`, a space between two operands when neither is a
    /// string.
    public static func sprint(_ arguments: [Value]) -> String {
        var printer = GoPrinter()
        var previousIsString = false
        for (index, argument) in arguments.enumerated() {
            let isString: Bool
            if case .string = argument { isString = true } else { isString = false }
            if index > 0 && !isString && !previousIsString { printer.buffer.append(0x20) }
            printer.printArgument(argument, verb: UInt8(ascii: "v"))
            previousIsString = isString
        }
        return printer.string
    }

    /// `fmt.Sprint` of one value (its `%v` form). `.missing` prints as text/template prints an
    /// invalid value: `<no value>`.
    public static func sprint(_ value: Value) -> String {
        switch value {
        case .string(let string): return string
        case .missing: return "<no value>"
        case .int(let int): return String(int)
        case .bool(let bool): return bool ? "true" : "false"
        case .float(let double): return formatFloat(double, format: UInt8(ascii: "g"), precision: -1)
        default:
            var printer = GoPrinter()
            printer.printArgument(value, verb: UInt8(ascii: "v"))
            return printer.string
        }
    }

    /// `fmt.Sprintln`: operands printed with `%v`, always separated by spaces, and a newline.
    public static func sprintln(_ arguments: [Value]) -> String {
        var printer = GoPrinter()
        for (index, argument) in arguments.enumerated() {
            if index > 0 { printer.buffer.append(0x20) }
            printer.printArgument(argument, verb: UInt8(ascii: "v"))
        }
        printer.buffer.append(0x0A)
        return printer.string
    }

    /// `fmt.Sprintf`: verbs `v s d q f F e E g G x X o O b c t T U %` with flags `#0+- `, width,
    /// precision, `*` and argument indexes `%[n]d`, and Go's error forms for bad verbs, missing,
    /// extra operands and bad indexes.
    public static func sprintf(_ format: String, _ arguments: [Value]) -> String {
        var printer = GoPrinter()
        printer.doPrintf(Array(format.utf8), arguments)
        return printer.string
    }

    /// Go's `%T` type name for a value: `int`, `float64`, `string`, `bool`, `[]interface {}`,
    /// `map[string]interface {}`, `[]uint8`, `<nil>`, or the object's Go type name.
    public static func typeName(_ value: Value) -> String {
        switch value {
        case .missing, .null: return "<nil>"
        case .bool: return "bool"
        case .int: return "int"
        case .float: return "float64"
        case .string: return "string"
        case .bytes: return "[]uint8"
        case .list: return "[]interface {}"
        case .map(let map): return map.namedType ?? "map[string]interface {}"
        case .object(let object): return object.goTypeName
        }
    }
}
