/// gzip streams (zlib) and tar archives: the formats of Helm chart archives (`.tgz`) and Helm's
/// release records (gzip of the release JSON).
public enum Compression {}
