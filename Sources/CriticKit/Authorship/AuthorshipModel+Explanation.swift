import CriticCorpus
import CriticLM

/// One prediction of a review and how differently two critics' models score it.
public struct TokenContribution: Sendable, Equatable, Codable {
    /// Position of the predicted token in the review (its word count for `</s>`).
    public var position: Int
    /// The predicted token and up to `order − 1` tokens before it (`<s>` at the start).
    public var ngram: [String]
    /// ln P of the token under the first and the second critic's model.
    @NullIfNonFinite public var logProbabilityFirst: Double
    @NullIfNonFinite public var logProbabilitySecond: Double
    /// `logProbabilityFirst − logProbabilitySecond`: positive pushes towards the first critic.
    public var difference: Double { logProbabilityFirst - logProbabilitySecond }
}

// In an extension, so that the memberwise initializer stays.
extension TokenContribution {
    enum CodingKeys: String, CodingKey { case position, ngram, logProbabilityFirst, logProbabilitySecond, difference }

    /// The stored fields and `difference`, so that a reader of the JSON need not subtract.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(position, forKey: .position)
        try container.encode(ngram, forKey: .ngram)
        try container.encode(_logProbabilityFirst, forKey: .logProbabilityFirst)
        try container.encode(_logProbabilitySecond, forKey: .logProbabilitySecond)
        try container.encode(NullIfNonFinite(wrappedValue: difference), forKey: .difference)
    }

    /// Reads the stored fields; `difference` follows from them.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        position = try container.decode(Int.self, forKey: .position)
        ngram = try container.decode([String].self, forKey: .ngram)
        _logProbabilityFirst = try container.decode(NullIfNonFinite.self, forKey: .logProbabilityFirst)
        _logProbabilitySecond = try container.decode(NullIfNonFinite.self, forKey: .logProbabilitySecond)
    }
}

extension AuthorshipModel {
    /// The predictions that moved the decision most between critics `first` and `second`
    /// (indexes into `critics`): the `limit` largest |ln P_first(wᵢ | h) − ln P_second(wᵢ | h)|,
    /// largest first (ties by position). Their sum over all tokens is ℓ_first − ℓ_second.
    ///
    /// - Complexity: O(n · order) lookups, O(n log n) to rank.
    public func explain(encoded words: [WordID], first: Int, second: Int, limit: Int = 10) -> [TokenContribution] {
        let background = backgroundTokens(words)
        let a = tokenLogProbabilities(critic: first, words, background: background)
        let b = tokenLogProbabilities(critic: second, words, background: background)
        let history = [Vocabulary.beginID] + words + [Vocabulary.endID]
        var contributions = a.indices.map { index in
            // the token predicted at `index` is history[index + 1]
            let start = Swift.max(0, index + 2 - order)
            return TokenContribution(position: index, ngram: vocabulary.decode(Array(history[start...(index + 1)])),
                                     logProbabilityFirst: a[index], logProbabilitySecond: b[index])
        }
        contributions.sort { lhs, rhs in
            abs(lhs.difference) != abs(rhs.difference) ? abs(lhs.difference) > abs(rhs.difference) : lhs.position < rhs.position
        }
        return Array(contributions.prefix(limit))
    }
}
