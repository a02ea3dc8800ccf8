import CriticCorpus

/// Maximum-likelihood estimates, exactly as in the lecture:
///
///     P(w₁) = count(w₁) / N,   P(w₂ | w₁) = count(w₁ w₂) / count(w₁),
///     P(w₃ | w₁ w₂) = count(w₁ w₂ w₃) / count(w₁ w₂)
///
/// with N the number of predicted tokens (`<s>` excluded). An n-gram never seen has probability 0
/// (log −∞), and so does every word after a context never seen: the perplexity of text with a
/// new trigram is infinite, which is the lecture's point about smoothing.
public struct MLEEstimator: Estimator {
    public init() {}

    public func estimate(_ counts: NGramCounts, vocabulary: Vocabulary) throws(LanguageModelError) -> Estimate {
        try counts.validate(for: vocabulary)
        let model = AddKEstimator.fixedContextModel(counts, vocabulary: vocabulary, k: 0,
                                                    unseenContextLog10Probability: -.infinity)
        return Estimate(model: model, warnings: [])
    }
}
