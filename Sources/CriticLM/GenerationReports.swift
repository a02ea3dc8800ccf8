import CriticCorpus
import Foundation

// What `critic generate`, `complete`, `fill` and `correct` print, one JSON line per item: the
// algorithms' results (word ids) turned into words and detokenized text, so that text and JSON
// come from one value.

/// A review drawn or completed from a prefix (`generate`, `complete`).
public struct ContinuationReport: Sendable, Equatable, Codable {
    /// The prefix and the continuation, detokenized.
    public var text: String
    /// Every token: the prefix's, then the continuation's.
    public var tokens: [String]
    /// The continuation's tokens only.
    public var continuation: [String]
    /// ln P(continuation, and `</s>` when ended | prefix).
    @NullIfNonFinite public var logProbability: Double
    /// false: cut at the word limit before `</s>`.
    public var ended: Bool

    public init(prefix: [String], _ continuation: Continuation, vocabulary: Vocabulary, detokenizer: Detokenizer) {
        self.continuation = vocabulary.decode(continuation.words)
        tokens = prefix + self.continuation
        text = detokenizer.detokenize(tokens)
        logProbability = continuation.logProbability
        ended = continuation.ended
    }
}

/// One of the most likely next words (`complete --next`).
public struct NextWordReport: Sendable, Equatable, Codable {
    /// From 1.
    public var rank: Int
    public var word: String
    /// P(word | prefix).
    @NullIfNonFinite public var probability: Double
    /// ln P(word | prefix).
    @NullIfNonFinite public var logProbability: Double

    public init(rank: Int, _ candidate: SuccessorIndex.Candidate, vocabulary: Vocabulary) {
        self.rank = rank
        word = vocabulary[candidate.word]
        probability = exp(candidate.logProbability)
        logProbability = candidate.logProbability
    }
}

/// A word for the blank (`fill`).
public struct FillReport: Sendable, Equatable, Codable {
    /// From 1.
    public var rank: Int
    public var word: String
    /// P(word | both sides): the review's probability with this word, normalised over every word.
    @NullIfNonFinite public var probability: Double
    /// ln P of the whole review with this word in the blank.
    @NullIfNonFinite public var reviewLogProbability: Double
    /// The review with the blank filled, detokenized.
    public var text: String

    public init(rank: Int, _ candidate: FillCandidate, left: [String], right: [String],
                vocabulary: Vocabulary, detokenizer: Detokenizer) {
        self.rank = rank
        word = vocabulary[candidate.word]
        probability = candidate.posterior
        reviewLogProbability = candidate.reviewLogProbability
        text = detokenizer.detokenize(left + [word] + right)
    }
}
