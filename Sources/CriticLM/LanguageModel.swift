import CriticCorpus

/// What every language model answers, whatever its estimator: the probability of a word after a
/// context, in natural log, over one `Vocabulary`.
public protocol LanguageModel: Sendable {
    /// The longest n-gram used: a word is predicted from at most `order − 1` previous words.
    var order: Int { get }
    /// Word ids of the model; `<unk>` stands for every word outside it.
    var vocabulary: Vocabulary { get }
    /// ln P(word | context). Only the last `order − 1` words of the context matter, and a context
    /// starting with `<s>` means the start of a review. `<s>` itself is never predicted.
    func logProbability<C: Collection>(of word: WordID, context: C) -> Double where C.Element == WordID
}

/// The score of one token of a sequence.
public struct TokenScore: Sendable, Equatable {
    public var word: WordID
    /// ln P(word | previous words).
    public var logProbability: Double
    /// The word was outside the vocabulary (scored as `<unk>`).
    public var isOOV: Bool
}

/// The score of one sequence, KenLM `query`'s way: the words are wrapped in `<s> … </s>` and
/// every word and `</s>` is predicted.
public struct SequenceScore: Sendable, Equatable {
    /// One entry per word, then one for `</s>`.
    public var tokens: [TokenScore]
    /// ln P of the whole sequence, `</s>` included.
    public var logProbability: Double { tokens.reduce(0) { $0 + $1.logProbability } }
    public var oovCount: Int { tokens.reduce(0) { $0 + ($1.isOOV ? 1 : 0) } }
}

extension LanguageModel {
    /// Scores `words` (ids; `<unk>` marks an OOV word) wrapped in `<s> … </s>`.
    ///
    /// - Complexity: O(n · order) lookups.
    public func score(sequence words: [WordID]) -> SequenceScore {
        var history: [WordID] = [Vocabulary.beginID]
        var tokens: [TokenScore] = []
        tokens.reserveCapacity(words.count + 1)
        for word in words + [Vocabulary.endID] {
            let context = history.suffix(order - 1)
            tokens.append(TokenScore(word: word, logProbability: logProbability(of: word, context: context),
                                     isOOV: word == Vocabulary.unknownID))
            history.append(word)
        }
        return SequenceScore(tokens: tokens)
    }
}

/// A context reduced to what a model of `order` reads: its last `order − 1` words, and nothing
/// before the last `<s>` (a review starts there; `<s> <s>` is the same event as `<s>`).
func effectiveContext<C: Collection>(_ context: C, order: Int) -> ArraySlice<WordID> where C.Element == WordID {
    var words = ArraySlice(context.suffix(Swift.max(0, order - 1)))
    if let start = words.lastIndex(of: Vocabulary.beginID) { words = words[start...] }
    return words
}
