import GoTemplate

extension TemplateFunctions {
    /// Sprig's `semverCompare` over Masterminds/semver v3.4 (whose errors are lower-case; `semverCompare ">=1.19-0" $kubeVersion`)
    /// and `semver`, which returns the parsed version (`(semver $v).Minor`).
    static func addSemver(to table: inout FunctionTable) {
        table.add("semver") { a in
            try a.expect(1)
            guard let version = SemverVersion(try a.string(0)) else { throw FunctionError("invalid semantic version") }
            return .object(SemverObject(version: version))
        }
        table.add("semverCompare") { a in
            try a.expect(2)
            let constraintText = try a.string(0), versionText = try a.string(1)
            guard let constraint = SemverConstraint(constraintText) else {
                throw FunctionError("improper constraint: \(constraintText)")
            }
            guard let version = SemverVersion(versionText) else { throw FunctionError("invalid semantic version") }
            return .bool(constraint.check(version))
        }
    }
}
