import CriticCorpus

/// Turns counts into a model over a fixed vocabulary.
///
/// The vocabulary is an input, not something read off the counts: models estimated for several
/// critics over one shared vocabulary give the same uniform and `<unk>` mass, which is what makes
/// their probabilities comparable.
public protocol Estimator: Sendable {
    func estimate(_ counts: NGramCounts, vocabulary: Vocabulary) throws(LanguageModelError) -> Estimate
}

/// A model and what the estimator had to say about it.
public struct Estimate: Sendable {
    public var model: NGramModel
    /// Non-fatal problems, such as discounts replaced by the fallback (print them to stderr).
    public var warnings: [String]
}

extension NGramCounts {
    /// Checks that the counts can be estimated over `vocabulary`.
    func validate(for vocabulary: Vocabulary) throws(LanguageModelError) {
        guard tokenCount > 0 else { throw .emptyTrainingData }
        if let last = unigramCounts.lastIndex(where: { $0 > 0 }), last >= vocabulary.count {
            throw .vocabularyMismatch(wordID: UInt32(last), vocabularySize: vocabulary.count)
        }
    }

    /// Raw unigram counts padded to the vocabulary.
    func unigramCounts(padded count: Int) -> [UInt64] {
        var result = Array(unigramCounts.prefix(count))
        if result.count < count { result += repeatElement(0, count: count - result.count) }
        return result
    }
}
