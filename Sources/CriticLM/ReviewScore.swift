import CriticCorpus

/// One review's figures under a model (`critic score`, one JSON line per review): its perplexity
/// report and, when asked for, every prediction's log10 probability (KenLM `query`'s full output).
public struct ReviewScore: Sendable, Equatable, Codable {
    /// One prediction: a word of the review (as written, even when out of vocabulary) or `</s>`.
    public struct Token: Sendable, Equatable, Codable {
        public var token: String
        /// log10 P(token | previous words), as KenLM prints it; `null` in JSON when 0 probability.
        @NullIfNonFinite public var log10Probability: Double
        /// The word was outside the vocabulary (scored as `<unk>`).
        public var oov: Bool

        public init(token: String, log10Probability: Double, oov: Bool) {
            self.token = token
            self.log10Probability = log10Probability
            self.oov = oov
        }
    }

    public var critic: String?
    public var id: String
    public var figures: PerplexityReport
    /// Every word's prediction, then `</s>`'s; `nil` unless asked for.
    public var tokenScores: [Token]?

    enum CodingKeys: String, CodingKey { case critic, id, tokenScores }

    public init(critic: String?, id: String, figures: PerplexityReport, tokenScores: [Token]? = nil) {
        self.critic = critic
        self.id = id
        self.figures = figures
        self.tokenScores = tokenScores
    }

    /// The figures sit beside `critic` and `id` in one flat object (`{"critic":…,"id":…,"tokens":…}`).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(critic, forKey: .critic)
        try container.encode(id, forKey: .id)
        try figures.encode(to: encoder)
        try container.encodeIfPresent(tokenScores, forKey: .tokenScores)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        critic = try container.decodeIfPresent(String.self, forKey: .critic)
        id = try container.decode(String.self, forKey: .id)
        figures = try PerplexityReport(from: decoder)
        tokenScores = try container.decodeIfPresent([Token].self, forKey: .tokenScores)
    }
}

/// The last line of `critic score --json`: the figures over every review, marked `"total": true`
/// so that a reader of the JSON Lines tells it from a review's line.
public struct ScoreTotal: Sendable, Equatable, Codable {
    public var figures: PerplexityReport

    public init(figures: PerplexityReport) { self.figures = figures }

    enum CodingKeys: String, CodingKey { case total }

    public func encode(to encoder: any Encoder) throws {
        try figures.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(true, forKey: .total)
    }

    public init(from decoder: any Decoder) throws {
        figures = try PerplexityReport(from: decoder)
    }
}

extension NGramModel {
    /// The figures of one review's `tokens` (its words, as tokenized); `perToken` adds each
    /// prediction's log10 probability.
    ///
    /// - Complexity: O(n · order) expected, twice with `perToken`.
    public func score(_ review: Review, tokens: [String], perToken: Bool = false) -> ReviewScore {
        let ids = vocabulary.encode(tokens)
        var tokenScores: [ReviewScore.Token]?
        if perToken {
            tokenScores = zip(tokens + [Vocabulary.endToken], score(sequence: ids).tokens).map { token, score in
                ReviewScore.Token(token: token, log10Probability: score.logProbability / Self.ln10, oov: score.isOOV)
            }
        }
        return ReviewScore(critic: review.critic, id: review.id, figures: perplexity(of: ids), tokenScores: tokenScores)
    }
}
