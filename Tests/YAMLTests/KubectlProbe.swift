import GitOpsAPI
import Testing
import YAML

/// Strings printed by the real `kubectl kustomize` (v1.32.4, Kustomize v5.5.0) from a
/// `configMapGenerator` (literals for `words`, files for `texts`), so no quoting style of the
/// input survives: what kubectl prints is its own choice for each string.
enum KubectlProbe {
    static let words: [(String, String)] = [
        ("a01", "yes"),
        ("a02", "on"),
        ("a03", "y"),
        ("a04", "Y"),
        ("a05", "NO"),
        ("a06", "Off"),
        ("a07", "true"),
        ("a08", "TRUE"),
        ("a09", "null"),
        ("a10", "~"),
        ("a11", "123"),
        ("a12", "0x1F"),
        ("a13", "0777"),
        ("a14", "0o17"),
        ("a15", "1_000"),
        ("a16", "1.5"),
        ("a17", "1e3"),
        ("a18", ".inf"),
        ("a19", "-.Inf"),
        ("a20", ".nan"),
        ("a21", "2001-12-14"),
        ("a22", "1:20"),
        ("a23", "08"),
        ("a24", "a: b"),
        ("a25", "*star"),
        ("a26", "&amp"),
        ("a27", "!bang"),
        ("a28", "|pipe"),
        ("a29", ">gt"),
        ("a30", "'sq"),
        ("a31", "\"dq"),
        ("a32", "%pct"),
        ("a33", "@at"),
        ("a34", "`bt"),
        ("a35", "a #b"),
        ("a36", " lead"),
        ("a37", "trail "),
        ("a38", "-"),
        ("a39", "- x"),
        ("a40", "?"),
        ("a41", "? x"),
        ("a42", "[x"),
        ("a43", "{x"),
        ("a44", "x, y"),
        ("a45", "a:b"),
        ("a46", "#x"),
        ("a47", "x#y"),
        ("a48", "0b101"),
        ("a49", "+12"),
        ("a50", "-0x1F"),
        ("a51", "1."),
        ("a52", ".5"),
        ("a53", "tab\tx"),
        ("a54", "café"),
        ("a55", "Yes please"),
        ("a56", "1e400"),
        ("a57", "9223372036854775808"),
        ("a58", ",x"),
        ("a59", "x:"),
        ("a60", ":x"),
        ("a61", "2001-12-14T21:59:43.10-05:00"),
        ("a62", "0."),
        ("a63", "+.inf"),
        ("a64", "._5"),
        ("a65", "1__2"),
        ("a66", "N"),
        ("a67", "o"),
        ("a68", "Null"),
        ("a69", "nULL"),
        ("a70", "0"),
        ("a71", "-0"),
        ("a72", "12:30:00"),
        ("a73", "190:20:30.15"),
        ("a74", "..."),
        ("a75", "---"),
        ("a76", "--- x"),
        ("a77", "a'b"),
        ("a78", "a\"b"),
        ("a79", "\\back"),
        ("a80", "éè"),
    ]
    static let wordsPrinted = """
        apiVersion: v1
        data:
          a01: "yes"
          a02: "on"
          a03: "y"
          a04: "Y"
          a05: "NO"
          a06: "Off"
          a07: "true"
          a08: "TRUE"
          a09: "null"
          a10: "~"
          a11: "123"
          a12: "0x1F"
          a13: "0777"
          a14: "0o17"
          a15: "1_000"
          a16: "1.5"
          a17: "1e3"
          a18: ".inf"
          a19: "-.Inf"
          a20: ".nan"
          a21: "2001-12-14"
          a22: "1:20"
          a23: "08"
          a24: 'a: b'
          a25: '*star'
          a26: '&amp'
          a27: '!bang'
          a28: '|pipe'
          a29: '>gt'
          a30: '''sq'
          a31: '"dq'
          a32: '%pct'
          a33: '@at'
          a34: '`bt'
          a35: 'a #b'
          a36: ' lead'
          a37: 'trail '
          a38: '-'
          a39: '- x'
          a40: '?'
          a41: '? x'
          a42: '[x'
          a43: '{x'
          a44: x, y
          a45: a:b
          a46: '#x'
          a47: x#y
          a48: "0b101"
          a49: "+12"
          a50: "-0x1F"
          a51: "1."
          a52: ".5"
          a53: "tab\\tx"
          a54: café
          a55: Yes please
          a56: 1e400
          a57: "9223372036854775808"
          a58: ',x'
          a59: 'x:'
          a60: :x
          a61: "2001-12-14T21:59:43.10-05:00"
          a62: "0."
          a63: "+.inf"
          a64: ._5
          a65: "1__2"
          a66: "N"
          a67: o
          a68: "Null"
          a69: nULL
          a70: "0"
          a71: "-0"
          a72: "12:30:00"
          a73: "190:20:30.15"
          a74: '...'
          a75: '---'
          a76: '--- x'
          a77: a'b
          a78: a"b
          a79: \\back
          a80: éè
        kind: ConfigMap
        metadata:
          name: probe
        """ + "\n"

    static let texts: [(String, String)] = [
        ("f01", "line1\nline2\n"),
        ("f02", "line1\nline2"),
        ("f03", "line1\nline2\n\n"),
        ("f04", "  indented\nsecond\n"),
        ("f05", "trailing \nspace\n"),
        ("f06", "tab\there\nx\n"),
        ("f07", "\nleading newline\n"),
        ("f08", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
        ("f09", "word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word "),
        ("f10", "'quoted' 'quoted' 'quoted' 'quoted' 'quoted' 'quoted' 'quoted' 'quoted' 'quoted' 'quoted' 'quoted' 'quoted' 'quoted' 'quoted' 'quoted' "),
        ("f11", "café ünïcödé\nzwei\n"),
        ("f12", "a: b a: b a: b a: b a: b a: b a: b a: b a: b a: b a: b a: b a: b a: b a: b a: b a: b a: b a: b a: b "),
        ("f13", "ends with space \n"),
        ("f14", "\n"),
        ("f15", "one\n\n\n"),
        ("f16", "#!/bin/sh\necho hi\n"),
        ("f17", "- item\n- item2\n"),
        ("f18", "long line long line long line long line long line long line long line long line long line long line long line long line \nshort\n"),
        ("f19", "x\r\ny\n"),
        ("f20", "emoji \u{1f389}\n"),
        ("f21", "key: vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv"),
        ("f22", "* * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * "),
        ("f23", "éééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé"),
        // f24 ("a\u{85}b") left out: kubectl prints it as "a b", changing the value.
        ("f25", "nbsp\u{a0}x"),
        ("f26", "bell\u{7}"),
        ("f28", " \n"),
    ]
    static let textsPrinted = """
        apiVersion: v1
        data:
          f01: |
            line1
            line2
          f02: |-
            line1
            line2
          f03: |+
            line1
            line2

          f04: |2
              indented
            second
          f05: "trailing \\nspace\\n"
          f06: "tab\\there\\nx\\n"
          f07: |2

            leading newline
          f08: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
          f09: 'word word word word word word word word word word word word word word word
            word word word word word word word word word word word word word word word '
          f10: '''quoted'' ''quoted'' ''quoted'' ''quoted'' ''quoted'' ''quoted'' ''quoted''
            ''quoted'' ''quoted'' ''quoted'' ''quoted'' ''quoted'' ''quoted'' ''quoted'' ''quoted'' '
          f11: |
            café ünïcödé
            zwei
          f12: 'a: b a: b a: b a: b a: b a: b a: b a: b a: b a: b a: b a: b a: b a: b a: b
            a: b a: b a: b a: b a: b '
          f13: "ends with space \\n"
          f14: |2+

          f15: |+
            one


          f16: |
            #!/bin/sh
            echo hi
          f17: |
            - item
            - item2
          f18: "long line long line long line long line long line long line long line long
            line long line long line long line long line \\nshort\\n"
          f19: "x\\r\\ny\\n"
          f20: "emoji \\U0001F389\\n"
          f21: 'key: vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv'
          f22: '* * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * *
            * * * * * * * * * * * * * '
          f23: éééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé
          f25: nbsp\u{a0}x
          f26: "bell\\a"
          f28: " \\n"
        kind: ConfigMap
        metadata:
          name: probe
        """ + "\n"
}
