// SemVer
