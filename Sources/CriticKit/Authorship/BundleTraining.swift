import CriticCorpus
import CriticLM
import CriticSupport

/// The one way an authorship bundle is trained: labelled reviews → tokens (with the recorded
/// tokenization) → one model per critic over a shared vocabulary → a `ModelBundle` carrying its
/// `ModelRecord`. `critic train`, `critic eval`, `critic demo` and `critic models rebuild` all
/// train through it, so what eval measures is what train builds.
public struct BundleTraining: Sendable {
    public var tokenization: Tokenization
    public var training: AuthorshipTraining
    /// Tokenizer threads.
    public var threads: ThreadCount

    public init(tokenization: Tokenization = .default, training: AuthorshipTraining = AuthorshipTraining(), threads: ThreadCount = .all) {
        self.tokenization = tokenization
        self.training = training
        self.threads = threads
    }

    /// The reviews tokenized as this pipeline records, paired with their critics.
    public func labelledCorpus(_ reviews: [Review]) throws -> LabelledCorpus {
        try LabelledCorpus(reviews: reviews, tokens: tokenization.tokenize(reviews.map(\.text), threads: threads))
    }

    /// Trains a bundle on `corpus` (already tokenized by `labelledCorpus(_:)`). The record's
    /// review count is set from the corpus; the toolkit version is filled in when empty.
    public func train(_ corpus: LabelledCorpus, provenance: Provenance) throws -> (bundle: ModelBundle, warnings: [String]) {
        let result = try training.train(tokens: corpus.tokens, critics: corpus.critics)
        var provenance = provenance
        provenance.reviews = corpus.count
        if provenance.critickitVersion.isEmpty { provenance.critickitVersion = criticKitVersion }
        let record = ModelRecord(tokenization: tokenization, vocabulary: VocabularyPolicy(minCount: training.minCount),
                                 provenance: provenance)
        return (ModelBundle(model: result.model, record: record), result.warnings)
    }

    /// Reads, tokenizes and trains in one step.
    public func train(_ reviews: [Review], provenance: Provenance) throws -> (bundle: ModelBundle, warnings: [String]) {
        try train(labelledCorpus(reviews), provenance: provenance)
    }
}
