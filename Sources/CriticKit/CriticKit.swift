// CriticKit: pipelines across the corpus, language-model and RBM modules.
// Importing CriticKit gives the whole toolkit.
@_exported import CriticCorpus
@_exported import CriticLM
@_exported import CriticRBM

/// The toolkit's version, printed by `critic --version` and written into model files' metadata.
public let criticKitVersion = "0.1.0"
