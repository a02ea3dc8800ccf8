import CriticCorpus

// Temporary: the LM developer's LanguageModelPipeline.swift (branch `lm`) defines the same enum;
// delete this file when merging that branch.

/// Which estimator a model is trained with.
public enum EstimatorKind: String, Sendable, CaseIterable {
    /// Interpolated modified Kneser–Ney (the default; KenLM lmplz's estimator).
    case mkn
    /// Add-k (Laplace when k = 1).
    case addk
    /// Maximum likelihood, unsmoothed.
    case mle
}

/// The tokens of each review: split on spaces (`pretokenized`) or by the ICU tokenizer.
public func tokenizeReviews(_ reviews: [Review], pretokenized: Bool, options: TokenizerOptions = .default,
                            threads: Int? = nil) throws(CorpusError) -> [[String]] {
    if pretokenized { return reviews.map { splitOnSpaces($0.text) } }
    return try Tokenizer.tokenize(reviews.map(\.text), options: options, threads: threads)
}
