/// Helm charts rendered natively: loading a chart (directory or `.tgz`), its dependencies and
/// values, rendering its templates with Go's text/template semantics, and Helm's output order.
public enum Helm {}
