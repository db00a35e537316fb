import GoTemplate

/// The functions Helm charts call besides Go's built-ins: Sprig's library and Helm's conversions
/// (`toYaml`, `fromYaml`, `toJson`, `fromJson`, …). `include`, `tpl`, `required` and `lookup` need
/// the chart being rendered and live in the Helm module.
public enum TemplateFunctions {}
