import CriticCorpus

extension KneserNeyEstimator {
    /// The unigram distribution that modified Kneser–Ney gives `counts` over `vocabulary`:
    /// continuation counts, discounted and interpolated with the uniform distribution (the
    /// `P(w)` of the type's documentation), indexed by word id, 0 for `<s>`, summing to 1.
    ///
    /// Used as the `baseDistribution` of several models from the pooled counts of all of them
    /// (the background of authorship models): every word of the vocabulary, `<unk>` included, gets
    /// a positive probability, larger for words that follow many different words.
    ///
    /// - Complexity: O(distinct n-grams) expected.
    public func unigramDistribution(_ counts: NGramCounts, vocabulary: Vocabulary) throws(LanguageModelError) -> [Double] {
        try counts.validate(for: vocabulary)
        let adjusted = Self.adjust(counts, vocabularySize: vocabulary.count, threads: threads)
        let unigrams = adjusted.counts[0]
        let discounts = self.discounts(countsOfCounts: Self.countsOfCounts(unigrams))
        var denominator: Double = 0
        var mass: Double = 0
        for count in unigrams where count > 0 {
            denominator += Double(count)
            mass += discounts.discount(count)
        }
        let uniform = 1 / Double(vocabulary.count - 1)
        let gamma = denominator > 0 ? mass / denominator : 1
        return unigrams.enumerated().map { id, count in
            if id == Int(Vocabulary.beginID) { return 0 }
            return (count > 0 ? (Double(count) - discounts.discount(count)) / denominator : 0) + gamma * uniform
        }
    }
}
