import CriticCorpus
import CriticLM

/// One review's classification as `critic classify` prints it (one JSON line per review): the
/// critics ranked, and with `explain`, the predictions that separated the best two.
public struct ClassifiedReview: Sendable, Equatable, Codable {
    /// Which two critics an explanation compares, and the predictions that moved the decision
    /// between them most.
    public struct Explanation: Sendable, Equatable, Codable {
        public var first: String
        public var second: String
        public var tokens: [TokenContribution]
    }

    /// The review's number in its input, from 1.
    public var review: Int
    /// Words of the review (predictions less `</s>`).
    public var tokens: Int
    /// Words outside the shared vocabulary.
    public var oov: Int
    /// The best critic's name.
    public var best: String
    /// The best critics first, as many as asked for.
    public var ranking: [CriticScore]
    /// `nil` unless asked for, or with fewer than two critics.
    public var explanation: Explanation?
}

extension AuthorshipModel {
    /// Classifies the `number`-th review (from 1), given as tokens: ranks every critic, keeps the
    /// best `top` (all for `nil`), and with `explain` lists that many predictions that separate
    /// the best two critics.
    ///
    /// - Complexity: O(critics · n · order) lookups, plus the same for two critics to explain.
    public func classifiedReview(_ number: Int, tokens: [String], usePrior: Bool = true,
                                 top: Int? = nil, explain: Int? = nil) -> ClassifiedReview {
        let words = encode(tokens)
        let result = classify(encoded: words, usePrior: usePrior)
        var explanation: ClassifiedReview.Explanation?
        if let explain, result.ranking.count >= 2,
           let first = critics.firstIndex(of: result.ranking[0].critic),
           let second = critics.firstIndex(of: result.ranking[1].critic) {
            explanation = ClassifiedReview.Explanation(
                first: critics[first], second: critics[second],
                tokens: self.explain(encoded: words, first: first, second: second, limit: explain))
        }
        return ClassifiedReview(review: number, tokens: result.predictions - 1, oov: result.oovCount,
                                best: result.best.critic, ranking: Array(result.ranking.prefix(top ?? result.ranking.count)),
                                explanation: explanation)
    }
}
