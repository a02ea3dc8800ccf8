import CriticCorpus
import CriticLM
import CriticSupport

/// Everything that decides an authorship model besides its corpus.
///
/// What each lever gave on the scale dataset (4 critics, 5,006 reviews, 10-fold CV with folds =
/// review index mod 10 per critic, pretokenized, modified Kneser–Ney, order 3, priors; per-critic
/// KenLM models with their own vocabularies: 98.72 %):
///
///     unigram base  minReviews  λ (backgroundWeight)  accuracy
///     uniform       1           0                     98.46 %
///     pooled        1           0                     98.44 %
///     uniform       2           0                     98.72 %
///     pooled        2           0                     98.72 %
///     pooled        1           0.5                   99.64 %
///     uniform       2           0.5                   99.72 %
///     pooled        2           0.5                   99.72 %   (defaults)
///     pooled        2           0.3 / 0.7             99.62 % / 99.82 %
///
/// The defaults are chosen by principle, not by these figures (λ = 0.5 is an even mixture, not
/// the best value measured); the mixture with the pooled model is what matters here.
public struct AuthorshipTraining: Sendable, Equatable {
    /// Where each critic's lowest order ends its interpolation (modified Kneser–Ney only).
    public enum Background: String, Sendable, CaseIterable {
        /// The pooled unigram distribution of every critic's training reviews (continuation
        /// counts, Kneser–Ney-smoothed): a word a critic never used gets a probability that
        /// depends on the word — common words cost little, rare ones much. The default: the
        /// usual choice for authorship language models, and general to any corpus.
        case pooled
        /// 1 / |V| for every word, as a single stand-alone model (KenLM's lmplz) does.
        case uniform
    }

    /// Highest n-gram order (1 … 5).
    public var order: Int
    public var estimator: EstimatorKind
    /// k of add-k.
    public var k: Double
    /// Words seen fewer times than this, over all critics' training reviews, become `<unk>`.
    public var minCount: Int
    /// A word enters the shared vocabulary only when some critic used it in at least this many
    /// training reviews (1: every word). Why 2 by default: authorship is a habit, something a
    /// critic does again from review to review; a word that each critic used in one review at
    /// most is the topic of that review (a film's title, its actors' names), and when critics
    /// review the same films it makes whoever reviewed the film in training look like the author.
    /// As `<unk>` for every critic alike it carries no such false evidence, and `<unk>` itself
    /// becomes a trained event: each critic's rate of one-off words.
    public var minReviews: Int
    public var background: Background
    /// λ of the mixture of each critic's model with the pooled model of all critics (see
    /// `AuthorshipModel`); 0 disables it. 0.5 by default: an even mixture, no tuning; on
    /// scaledata any λ from 0.3 to 0.6 gives about the same accuracy.
    public var backgroundWeight: Double
    /// Threads for counting, estimating and evaluating.
    public var threads: ThreadCount
    /// A critic with fewer training reviews than this gets a warning (its model is unreliable).
    public var fewReviewsWarning: Int

    public init(order: Int = 3, estimator: EstimatorKind = .mkn, k: Double = 1, minCount: Int = 1,
                minReviews: Int = 2, background: Background = .pooled, backgroundWeight: Double = 0.5, threads: ThreadCount = .all, fewReviewsWarning: Int = 20) {
        self.order = order
        self.estimator = estimator
        self.k = k
        self.minCount = minCount
        self.minReviews = minReviews
        self.background = background
        precondition((0..<1).contains(backgroundWeight), "a background weight in [0, 1)")
        self.backgroundWeight = backgroundWeight
        self.threads = threads
        self.fewReviewsWarning = fewReviewsWarning
    }
}

/// A trained model and what training had to say (tiny critics, discount fallbacks).
public struct AuthorshipTrainingResult: Sendable {
    public var model: AuthorshipModel
    public var warnings: [String]
}

extension AuthorshipTraining {
    /// Trains one model per critic from tokenized reviews and their critics: the shared
    /// vocabulary is every word of the corpus that passes `minCount` and `minReviews`
    /// (first-appearance order), priors come from review counts.
    ///
    /// - Complexity: O(total tokens · order) to count, plus one estimation per critic.
    public func train(tokens: [[String]], critics: [String]) throws -> AuthorshipTrainingResult {
        precondition(tokens.count == critics.count, "one critic per review")
        let names = Array(Set(critics)).sorted()
        guard names.count >= 1 else { throw AuthorshipError.noCritics }
        let indexing = Vocabulary(counting: tokens, minCount: 1)
        let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($0.element, $0.offset) })
        var statistics = WordStatistics(critics: names.count, words: indexing.count)
        var seen = [Bool](repeating: false, count: indexing.count)
        let encoded = tokens.map { indexing.encode($0) }
        for (review, critic) in zip(encoded, critics) { statistics.add(review, critic: index[critic]!, seen: &seen) }
        let (vocabulary, map) = statistics.sharedVocabulary(indexing, minCount: minCount, minReviews: minReviews)
        var sequences = [[[WordID]]](repeating: [], count: names.count)
        for (review, critic) in zip(encoded, critics) { sequences[index[critic]!].append(review.map { map[Int($0)] }) }
        let counts = try sequences.map { try NGramCounts.counting($0, order: order, threads: threads) }
        return try estimate(critics: names, counts: counts, reviewCounts: sequences.map(\.count), vocabulary: vocabulary)
    }

    /// Estimates every critic's model from counts already made over `vocabulary` (the path
    /// cross-validation takes, with counts obtained by subtraction).
    public func estimate(critics: [String], counts: [NGramCounts], reviewCounts: [Int],
                         vocabulary: Vocabulary) throws -> AuthorshipTrainingResult {
        var warnings: [String] = []
        for (critic, count) in zip(critics, reviewCounts) where count < fewReviewsWarning {
            warnings.append("critic '\(critic)' has only \(count) training review\(count == 1 ? "" : "s"): its model is unreliable and its prior small")
        }
        var pooled = try NGramCounts(order: order)
        for table in counts { pooled.merge(table) }
        var base: [Double]?
        if estimator == .mkn && background == .pooled {
            base = try KneserNeyEstimator().unigramDistribution(pooled, vocabulary: vocabulary)
        }
        let estimator: any Estimator = switch self.estimator {
        case .mkn: KneserNeyEstimator(baseDistribution: base, threads: .fixed(1))
        case .addk: AddKEstimator(k: k)
        case .mle: MLEEstimator()
        }
        // The background model is estimated like the critics' (its own unigrams end in uniform).
        let backgroundEstimator: any Estimator = self.estimator == .mkn ? KneserNeyEstimator(threads: .fixed(1)) : estimator
        let all = backgroundWeight > 0 ? counts + [pooled] : counts
        // The models are estimated side by side, each on one thread: `threads` in all.
        let estimates = try Parallel.map(Array(all.indices), threads: threads) { index in
            try (index < counts.count ? estimator : backgroundEstimator).estimate(all[index], vocabulary: vocabulary)
        }
        for (critic, estimate) in zip(critics, estimates) {
            warnings += estimate.warnings.map { "critic '\(critic)': \($0)" }
        }
        let model = AuthorshipModel(critics: critics, reviewCounts: reviewCounts, models: estimates.prefix(critics.count).map(\.model),
                                    training: self, backgroundModel: backgroundWeight > 0 ? estimates.last!.model : nil)
        return AuthorshipTrainingResult(model: model, warnings: warnings)
    }
}
