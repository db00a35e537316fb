import GoTemplate

/// The functions Helm charts call besides Go's built-ins: Sprig's library and Helm's conversions
/// (`toYaml`, `fromYaml`, `toJson`, `fromJson`, …). `include`, `tpl`, `required` and `lookup` need
/// the chart being rendered and live in the Helm module.
public enum TemplateFunctions {
    /// Sprig v3.3 as Helm 3.19 registers it (`sprig.TxtFuncMap()` without `env` and
    /// `expandenv`). Go's own built-ins (`printf`, `print`, `len`, `index`, `eq`, …) come from
    /// the template engine.
    public static let sprig: FunctionTable = {
        var table = FunctionTable()
        addStrings(to: &table)
        addEncodings(to: &table)
        addNumbers(to: &table)
        addLists(to: &table)
        addDicts(to: &table)
        addLogic(to: &table)
        addRegex(to: &table)
        addSemver(to: &table)
        addDates(to: &table)
        addPaths(to: &table)
        addURLs(to: &table)
        addCertificates(to: &table)
        addDerivePassword(to: &table)
        addNetwork(to: &table)
        addSprigJSON(to: &table)
        return table
    }()

    /// Helm's own additions (pkg/engine/funcs.go): `toYaml`, `fromYaml`, `toJson`, … They replace
    /// Sprig's functions of the same name, as Helm's `funcMap` does.
    public static let helmConversions: FunctionTable = {
        var table = FunctionTable()
        addHelmConversions(to: &table)
        return table
    }()
}
