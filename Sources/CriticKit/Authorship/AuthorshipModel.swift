import CriticCorpus
import CriticLM
import Foundation

/// One n-gram model per critic over one shared vocabulary, and critic priors: the lecture's
/// authorship classifier ("pick the critic whose trigram model gives the review the highest
/// probability"), Peng, Schuurmans & Wang, "Language and task independent text categorization
/// with simple language models", NAACL 2003.
///
/// For a review w₁ … wₙ (scored as `<s> w₁ … wₙ </s>`) and critics c with models P_c:
///
///     ℓ_c = Σᵢ ln P_c(wᵢ | wᵢ₋₂ wᵢ₋₁)                (log-likelihood, `</s>` included)
///     P(c | review) = exp(ℓ_c + ln π_c) / Σ_d exp(ℓ_d + ln π_d),   π_c = n_c / Σ_d n_d
///
/// with n_c the number of training reviews of c (`usePrior: false`: π uniform). The likelihoods
/// are comparable only because every model shares one vocabulary and one `<unk>`: a critic with a
/// small vocabulary of its own would send more words to a cheap `<unk>`.
///
/// Each critic's probabilities are mixed with a background model B trained on every critic's
/// reviews pooled (a universal background model, as in speaker verification: Reynolds, Quatieri
/// & Dunn, "Speaker verification using adapted Gaussian mixture models", DSP 2000; for language
/// models, Jelinek & Mercer's interpolation):
///
///     P_c(w | h) = (1 − λ) · P_c^KN(w | h) + λ · P_B(w | h)
///
/// Why: a critic with more training text has a sharper model of ordinary English, and wins
/// reviews on phrases that say nothing about style; with the same background in every critic's
/// mixture, ordinary phrases cost every critic about the same, and what decides is where a critic
/// departs from the pool. λ = `backgroundWeight` (0: no mixture).
public struct AuthorshipModel: Sendable {
    /// Critic names, sorted (ties in classification go to the first).
    public let critics: [String]
    /// Training reviews of each critic (the priors' counts).
    public let reviewCounts: [Int]
    /// `models[i]` is the model of `critics[i]`; all over `vocabulary`.
    public let models: [NGramModel]
    /// How the models were trained.
    public let training: AuthorshipTraining
    /// The pooled model B of all critics' training reviews, over the same vocabulary (nil when
    /// λ = 0).
    public let backgroundModel: NGramModel?

    /// π_c of each critic: n_c / Σ n_d at training time, or as a bundle's manifest states them.
    public let priors: [Double]

    /// - Parameter priors: π of each critic (positive, summing to 1); nil: from `reviewCounts`.
    public init(critics: [String], reviewCounts: [Int], models: [NGramModel], training: AuthorshipTraining,
                backgroundModel: NGramModel? = nil, priors: [Double]? = nil) {
        precondition(!critics.isEmpty && critics.count == reviewCounts.count && critics.count == models.count,
                     "one review count and one model per critic")
        if let priors {
            precondition(priors.count == critics.count && priors.allSatisfy { $0 > 0 && $0.isFinite }
                         && abs(priors.reduce(0, +) - 1) < 1e-6, "one positive prior per critic, summing to 1")
            self.priors = priors
        } else {
            self.priors = Self.priors(reviewCounts: reviewCounts)
        }
        precondition(critics == critics.sorted() && Set(critics).count == critics.count, "critics sorted and distinct")
        precondition(models.allSatisfy { $0.vocabulary == models[0].vocabulary }, "every critic model shares one vocabulary")
        self.critics = critics
        self.reviewCounts = reviewCounts
        self.models = models
        precondition(training.backgroundWeight == 0 || backgroundModel?.vocabulary.tokens == models[0].vocabulary.tokens,
                     "a background weight needs a background model over the shared vocabulary")
        self.training = training
        self.backgroundModel = backgroundModel
    }

    /// λ of the background mixture (0 when there is no background model).
    public var backgroundWeight: Double { backgroundModel == nil ? 0 : training.backgroundWeight }

    /// The shared vocabulary.
    public var vocabulary: Vocabulary { models[0].vocabulary }
    public var order: Int { models[0].order }

    /// ln π_c for each critic.
    public var logPriors: [Double] { priors.map { log($0) } }

    /// π_c = n_c / Σ n_d (a critic with no reviews counts as one, so that no prior is zero).
    public static func priors(reviewCounts: [Int]) -> [Double] {
        let total = Double(reviewCounts.reduce(0, +))
        return reviewCounts.map { Double(Swift.max($0, 1)) / Swift.max(total, 1) }
    }

    /// The model of one critic (`--critic NAME`).
    public func model(critic name: String) throws(AuthorshipError) -> NGramModel {
        guard let index = critics.firstIndex(of: name) else { throw .unknownCritic(name, known: critics) }
        return models[index]
    }

    /// Word ids of `tokens` in the shared vocabulary (unknown words → `<unk>`).
    public func encode(_ tokens: [String]) -> [WordID] { vocabulary.encode(tokens) }

    /// Ranks the critics for one review given as tokens.
    ///
    /// - Complexity: O(critics · n · order) expected lookups for n tokens.
    public func classify(_ tokens: [String], usePrior: Bool = true) -> AuthorshipClassification {
        classify(encoded: encode(tokens), usePrior: usePrior)
    }

    /// Ranks the critics for one review given as word ids of `vocabulary`.
    public func classify(encoded words: [WordID], usePrior: Bool = true) -> AuthorshipClassification {
        let background = backgroundTokens(words)
        let likelihoods = models.indices.map { logLikelihood(critic: $0, words, background: background) }
        return AuthorshipClassification(critics: critics, logLikelihoods: likelihoods,
                                        logPriors: usePrior ? logPriors : Array(repeating: -log(Double(critics.count)), count: critics.count),
                                        predictions: words.count + 1,
                                        oovCount: words.reduce(0) { $0 + ($1 == Vocabulary.unknownID ? 1 : 0) })
    }

    /// Index of the best critic only (what evaluation needs): the largest ℓ_c + ln π_c, ties to
    /// the first critic by name.
    public func predict(encoded words: [WordID], usePrior: Bool = true) -> Int {
        let priors = usePrior ? logPriors : Array(repeating: 0, count: critics.count)
        let background = backgroundTokens(words)
        var best = 0
        var bestScore = -Double.infinity
        for index in models.indices {
            let score = logLikelihood(critic: index, words, background: background) + priors[index]
            if score > bestScore { best = index; bestScore = score }
        }
        return best
    }

    /// The background model's probability of each prediction (shared by every critic).
    func backgroundTokens(_ words: [WordID]) -> [Double]? {
        guard let backgroundModel, backgroundWeight > 0 else { return nil }
        return backgroundModel.score(sequence: words).tokens.map { exp($0.logProbability) }
    }

    /// ln P_c of each prediction (word and `</s>`), mixed with the background.
    func tokenLogProbabilities(critic index: Int, _ words: [WordID], background: [Double]?) -> [Double] {
        let own = models[index].score(sequence: words).tokens
        guard let background else { return own.map(\.logProbability) }
        let lambda = backgroundWeight
        return zip(own, background).map { log((1 - lambda) * exp($0.logProbability) + lambda * $1) }
    }

    /// ℓ_c, mixed with the background.
    func logLikelihood(critic index: Int, _ words: [WordID], background: [Double]?) -> Double {
        guard background != nil else { return models[index].perplexity(of: words).log10Probability * NGramModel.ln10 }
        return tokenLogProbabilities(critic: index, words, background: background).reduce(0, +)
    }
}

/// One critic's figures for one review.
public struct CriticScore: Sendable, Equatable, Codable {
    public var critic: String
    /// ℓ_c = ln P_c(review), `</s>` included.
    @NullIfNonFinite public var logLikelihood: Double
    /// ℓ_c divided by the number of predictions (words and `</s>`).
    @NullIfNonFinite public var averageLogProbability: Double
    /// ln π_c used (uniform with `usePrior: false`).
    @NullIfNonFinite public var logPrior: Double
    /// P(c | review).
    @NullIfNonFinite public var posterior: Double
}

/// The critics ranked for one review, best first.
public struct AuthorshipClassification: Sendable, Equatable {
    /// Best first; ties (equal ℓ_c + ln π_c) by critic name.
    public var ranking: [CriticScore]
    /// Predictions scored: words and `</s>`.
    public var predictions: Int
    /// Words outside the shared vocabulary (scored as `<unk>` by every critic alike).
    public var oovCount: Int

    public var best: CriticScore { ranking[0] }

    init(critics: [String], logLikelihoods: [Double], logPriors: [Double], predictions: Int, oovCount: Int) {
        let posteriors = softmax(zip(logLikelihoods, logPriors).map { $0 + $1 })
        var scores = critics.indices.map { index in
            CriticScore(critic: critics[index], logLikelihood: logLikelihoods[index],
                        averageLogProbability: logLikelihoods[index] / Double(predictions),
                        logPrior: logPriors[index], posterior: posteriors[index])
        }
        scores.sort { lhs, rhs in
            let left = lhs.logLikelihood + lhs.logPrior, right = rhs.logLikelihood + rhs.logPrior
            return left != right ? left > right : lhs.critic < rhs.critic
        }
        ranking = scores
        self.predictions = predictions
        self.oovCount = oovCount
    }
}

/// exp(xᵢ − m) / Σ exp(xⱼ − m) with m = max x: the log-sum-exp shift keeps review
/// log-likelihoods of −5,000 from underflowing to 0/0.
func softmax(_ values: [Double]) -> [Double] {
    guard let top = values.max(), top.isFinite else {
        // every score −∞ (an MLE model and an unseen n-gram): nothing to prefer
        return Array(repeating: 1 / Double(values.count), count: values.count)
    }
    let exponentials = values.map { exp($0 - top) }
    let total = exponentials.reduce(0, +)
    return exponentials.map { $0 / total }
}
