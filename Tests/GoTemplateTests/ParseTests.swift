import Testing
import GoTemplate

/// Parse errors with Go's exact messages (after parse_test.go's error table).
@Suite struct ParseTests {
    static let errors: [Case] = [
        Case("unclosed action", "hello{{range", error: "template: t:1: unclosed action"),
        Case("unclosed action over lines", "{{if\n.X\n", error: "template: t:3: unclosed action started at t:1"),
        Case("unmatched end", "{{end}}", error: "template: t:1: unexpected {{end}}"),
        Case("unmatched else", "{{else}}", error: "template: t:1: unexpected {{else}}"),
        Case("missing end", "hello{{range .x}}", error: "template: t:1: unexpected EOF"),
        Case("missing end after else", "hello{{range .x}}{{else}}", error: "template: t:1: unexpected EOF"),
        Case("undefined function", "hello{{undefined}}", error: "template: t:1: function \"undefined\" not defined"),
        Case("undefined variable", "{{$x}}", error: "template: t:1: undefined variable \"$x\""),
        Case("variable undefined after end", "{{with $x := 4}}{{end}}{{$x}}", error: "template: t:1: undefined variable \"$x\""),
        Case("variable undefined in define", "{{$x := 1}}{{define \"a\"}}{{$x}}{{end}}", error: "template: t:1: undefined variable \"$x\""),
        Case("template with field ref", "{{template .X}}", error: "template: t:1: unexpected \".X\" in template clause"),
        Case("template with var", "{{template $v}}", error: "template: t:1: unexpected \"$v\" in template clause"),
        Case("invalid punctuation", "{{printf 3, 4}}", error: "template: t:1: unexpected \",\" in operand"),
        Case("multidecl outside range", "{{with $v, $u := 3}}{{end}}", error: "template: t:1: too many declarations in with"),
        Case("too many decls in range", "{{range $u, $v, $w := 3}}{{end}}", error: "template: t:1: too many declarations in range"),
        Case("adjacent args", "{{printf 3`x`}}", error: "template: t:1: unexpected \"`x`\" in operand"),
        Case("adjacent args with .", "{{printf `x`.}}", error: "template: t:1: unexpected \".\" in operand"),
        Case("extra end after if", "{{if .X}}a{{else if .Y}}b{{end}}{{end}}", error: "template: t:1: unexpected {{end}}"),
        Case("break outside range", "{{range .}}{{end}} {{break}}", error: "template: t:1: {{break}} outside {{range}}"),
        Case("continue outside range", "{{range .}}{{end}} {{continue}}", error: "template: t:1: {{continue}} outside {{range}}"),
        Case("break in range else", "{{range .}}{{else}}{{break}}{{end}}", error: "template: t:1: {{break}} outside {{range}}"),
        Case("bad number", "{{3k}}", error: "template: t:1: bad number syntax: \"3k\""),
        Case("unterminated string", "{{\"abc}}", error: "template: t:1: unterminated quoted string"),
        Case("unterminated raw string", "{{`abc}}", error: "template: t:1: unterminated raw quoted string"),
        Case("unclosed paren", "{{(3}}", error: "template: t:1: unclosed left paren"),
        Case("extra paren", "{{3)}}", error: "template: t:1: unexpected right paren"),
        Case("empty pipeline", "{{printf \"%d\" ( ) }}", error: "template: t:1: missing value for parenthesized pipeline"),
        Case("empty action", "{{}}", error: "template: t:1: missing value for command"),
        Case("empty if", "{{if}}{{end}}", error: "template: t:1: missing value for if"),
        Case("multiple definition", "{{define \"a\"}}a{{end}}{{define \"a\"}}b{{end}}",
             error: "template: t:1: template: multiple definition of template \"a\""),
        Case("non executable pipeline stage", "{{1 | 2}}", error: "template: t:1: non executable command in pipeline stage 2"),
        Case("dot after literal", "{{\"x\".Y}}", error: "template: t:1: unexpected . after term \"\\\"x\\\"\""),
        Case("comment without closing delimiter", "{{/* x */ y}}", error: "template: t:1: comment ends before closing delimiter"),
        Case("unclosed comment", "{{/* x", error: "template: t:1: unclosed comment"),
        Case("bad character", "{{.X!}}", error: "template: t:1: bad character U+0021 '!'"),
        Case("undefined variable before a bad token", "{{$x :}}", error: "template: t:1: undefined variable \"$x\""),
        Case("expected :=", "{{$x := 1}}{{$x :}}", error: "template: t:1: expected :="),
        Case("else after else", "{{if 1}}{{else}}{{else}}{{end}}", error: "template: t:1: expected end; found {{else}}"),
        Case("line of the error", "a\nb\n{{end}}", error: "template: t:3: unexpected {{end}}"),
        Case("define in an action", "{{if 1}}{{define \"x\"}}{{end}}{{end}}", error: "template: t:1: unexpected <define> in command"),
    ]

    @Test(arguments: errors)
    func parseError(_ row: Case) {
        #expect(outcome(row) == row.expected)
    }

    @Test func parsesGoNumberSyntax() throws {
        #expect(try render("{{print 1_000_000 0x_FF 0b1_0 0o1_7 1e-2 .5 -0.5}}") == "1000000 255 2 15 0.01 0.5 -0.5")
    }

    @Test func errorCarriesItsParts() {
        do {
            _ = try render("a\n{{end}}")
            Issue.record("expected a parse error")
        } catch let error as TemplateError {
            #expect(error.kind == .parse)
            #expect(error.fileName == "t")
            #expect(error.line == 2)
            #expect(error.message == "unexpected {{end}}")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}
