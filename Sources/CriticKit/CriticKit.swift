// CriticKit: pipelines across the corpus, language-model, RBM, linear-algebra and plot modules.
// Importing CriticKit gives the whole toolkit.
@_exported import CriticCorpus
@_exported import CriticLinearAlgebra
@_exported import CriticLM
@_exported import CriticPlots
@_exported import CriticRBM
@_exported import CriticSupport

/// The toolkit's version, printed by `critic --version` and written into model files' metadata.
public let criticKitVersion = "0.1.0"
