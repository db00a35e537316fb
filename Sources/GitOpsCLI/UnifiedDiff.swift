/// A line-based unified diff (longest common subsequence), enough for manifests of a few
/// hundred lines: `diff` prints live vs dry-run YAML with it.
enum UnifiedDiff {
    /// `---`/`+++` headers and hunks with `context` lines around each change; "" when equal.
    static func render(old: String, new: String, oldName: String, newName: String, context: Int = 3) -> String {
        let a = old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).dropLastEmpty()
        let b = new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).dropLastEmpty()
        guard a != b else { return "" }
        let ops = edits(a, b)
        // Indices of changed ops, grouped into hunks whose context windows touch.
        let changed = ops.indices.filter { ops[$0].tag != " " }
        var hunks: [ClosedRange<Int>] = []
        for i in changed {
            let lo = max(0, i - context), hi = min(ops.count - 1, i + context)
            if let last = hunks.last, lo <= last.upperBound + 1 {
                hunks[hunks.count - 1] = last.lowerBound...hi
            } else {
                hunks.append(lo...hi)
            }
        }
        var out = "--- \(oldName)\n+++ \(newName)\n"
        for hunk in hunks {
            let slice = ops[hunk]
            let oldStart = (slice.first?.oldLine ?? 0) + 1, newStart = (slice.first?.newLine ?? 0) + 1
            let oldCount = slice.filter { $0.tag != "+" }.count, newCount = slice.filter { $0.tag != "-" }.count
            out += "@@ -\(oldCount == 0 ? oldStart - 1 : oldStart),\(oldCount) +\(newCount == 0 ? newStart - 1 : newStart),\(newCount) @@\n"
            for op in slice { out += "\(op.tag)\(op.text)\n" }
        }
        return out
    }

    struct Op {
        var tag: Character
        var text: String
        /// Lines of each side before this one.
        var oldLine: Int
        var newLine: Int
    }

    static func edits(_ a: [String], _ b: [String]) -> [Op] {
        // lcs[i][j]: length of the LCS of a[i...] and b[j...].
        var lcs = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var ops: [Op] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                ops.append(Op(tag: " ", text: a[i], oldLine: i, newLine: j)); i += 1; j += 1
            } else if j < b.count, i == a.count || lcs[i][j + 1] >= lcs[i + 1][j] {
                ops.append(Op(tag: "+", text: b[j], oldLine: i, newLine: j)); j += 1
            } else {
                ops.append(Op(tag: "-", text: a[i], oldLine: i, newLine: j)); i += 1
            }
        }
        return ops
    }
}

private extension Array where Element == String {
    func dropLastEmpty() -> [String] { last == "" ? Array(dropLast()) : self }
}
