// SourceController
