/// What a corpus holds before it is modelled (`critic corpus stats`): critics, reviews, tokens,
/// types, per-critic counts, and the share of tokens outside a vocabulary.
///
/// Built with a ``Tally`` fed every review's tokens in corpus order, then ``Tally/statistics(read:)``
/// with the reader's report.
public struct CorpusStatistics: Sendable, Equatable, Codable {
    /// An input path, the format it was read as and the reviews it gave.
    public struct Input: Sendable, Equatable, Codable {
        public var path: String
        public var format: String
        public var reviews: Int
    }

    /// One critic's counts; `critic` is `nil` (JSON `null`) for the reviews without a critic.
    public struct CriticFigures: Sendable, Equatable, Codable {
        public var critic: String?
        public var reviews: Int
        public var tokens: Int

        /// Tokens per review (0 for no review).
        public var tokensPerReview: Double { reviews == 0 ? 0 : Double(tokens) / Double(reviews) }

        enum CodingKeys: String, CodingKey { case critic, reviews, tokens }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(critic, forKey: .critic)
            try container.encode(reviews, forKey: .reviews)
            try container.encode(tokens, forKey: .tokens)
        }
    }

    /// Distinct critics (reviews without one are not a critic).
    public var critics: Int
    public var reviews: Int
    /// Reviews or lines the reader left out, and where and why (`path:line: reason`).
    public var skipped: Int
    public var skippedLines: [String]
    public var tokens: Int
    /// Distinct tokens.
    public var types: Int
    /// The vocabulary the OOV figures are against, as the caller named it; the three are `nil`
    /// (left out of the JSON) without a vocabulary.
    public var vocabulary: String?
    public var oovTokens: Int?
    /// oovTokens / tokens (0 for an empty corpus).
    public var oovRate: Double?
    /// In order of each critic's first review.
    public var perCritic: [CriticFigures]
    public var inputs: [Input]

    /// The `limit` critics with most reviews, ties in corpus order; every critic when there are
    /// at most `limit` (dumps with thousands of occasional reviewers show their most prolific).
    public func mostProlificCritics(_ limit: Int) -> [CriticFigures] {
        guard perCritic.count > limit else { return perCritic }
        return Array(perCritic.enumerated().sorted {
            $0.element.reviews != $1.element.reviews ? $0.element.reviews > $1.element.reviews : $0.offset < $1.offset
        }.prefix(limit).map(\.element))
    }

    /// The running counts: feed it every review with its tokens.
    ///
    /// - Complexity: O(tokens) per review; memory O(types + critics).
    public struct Tally: Sendable {
        private let vocabulary: (name: String, words: Vocabulary)?
        private var reviews = 0
        private var tokens = 0
        private var types = Set<String>()
        private var outOfVocabulary = 0
        private var perCritic: [String?: Int] = [:]
        private var figures: [CriticFigures] = []

        /// `vocabulary` (with the name to report it by) adds the OOV figures.
        public init(vocabulary: (name: String, words: Vocabulary)? = nil) {
            self.vocabulary = vocabulary
        }

        /// Reviews and tokens counted so far (for progress).
        public var counted: (reviews: Int, tokens: Int) { (reviews, tokens) }

        public mutating func add(_ review: Review, tokens reviewTokens: [String]) {
            reviews += 1
            tokens += reviewTokens.count
            for token in reviewTokens { types.insert(token) }
            if let vocabulary {
                for token in reviewTokens where !vocabulary.words.contains(token) { outOfVocabulary += 1 }
            }
            let index: Int
            if let known = perCritic[review.critic] {
                index = known
            } else {
                index = figures.count
                perCritic[review.critic] = index
                figures.append(CriticFigures(critic: review.critic, reviews: 0, tokens: 0))
            }
            figures[index].reviews += 1
            figures[index].tokens += reviewTokens.count
        }

        /// The figures, with the reader's inputs and skipped lines.
        public func statistics(read report: CorpusReadReport) -> CorpusStatistics {
            CorpusStatistics(
                critics: figures.filter { $0.critic != nil }.count, reviews: reviews,
                skipped: report.skipped.count, skippedLines: report.skipped.map(\.description),
                tokens: tokens, types: types.count, vocabulary: vocabulary?.name,
                oovTokens: vocabulary.map { _ in outOfVocabulary },
                oovRate: vocabulary.map { _ in tokens == 0 ? 0 : Double(outOfVocabulary) / Double(tokens) },
                perCritic: figures,
                inputs: report.inputs.map { Input(path: $0.path, format: $0.format.rawValue, reviews: $0.read) })
        }
    }
}
