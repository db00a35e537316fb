import GoTemplate

extension TemplateFunctions {
    /// Sprig's JSON functions (defaults.go). Helm replaces `toJson`, `fromJson` and
    /// `mustToJson` with its own (see `helmConversions`); the rest stay Sprig's.
    static func addSprigJSON(to table: inout FunctionTable) {
        table.add("toJson") { a in try a.expect(1); return .string((try? GoJSON.marshal(a[0])) ?? "") }
        table.add("mustToJson") { a in
            try a.expect(1)
            do { return .string(try GoJSON.marshal(a[0])) } catch { throw FunctionError(String(describing: error)) }
        }
        table.add("toPrettyJson") { a in try a.expect(1); return .string((try? GoJSON.marshal(a[0], indent: "  ")) ?? "") }
        table.add("mustToPrettyJson") { a in
            try a.expect(1)
            do { return .string(try GoJSON.marshal(a[0], indent: "  ")) } catch { throw FunctionError(String(describing: error)) }
        }
        table.add("toRawJson") { a in try a.expect(1); return .string((try? GoJSON.marshal(a[0], escapeHTML: false)) ?? "") }
        table.add("mustToRawJson") { a in
            try a.expect(1)
            do { return .string(try GoJSON.marshal(a[0], escapeHTML: false)) } catch { throw FunctionError(String(describing: error)) }
        }
        table.add("fromJson") { a in
            try a.expect(1)
            // Sprig's fromJson decodes into interface{} and swallows errors (nil).
            if case .success(let value) = fromJSON(try a.string(0)) { return value }
            return .null
        }
        table.add("mustFromJson") { a in
            try a.expect(1)
            switch fromJSON(try a.string(0)) {
            case .success(let value): return value
            case .failure(let error): throw FunctionError(error.message)
            }
        }
    }
}
