import CriticCorpus

/// Words after a prefix, drawn (`SuccessorIndex.generate`) or searched for
/// (`greedyCompletion`, `beamSearch`): one type, since both answer "what comes next, and how
/// likely is it".
public struct Continuation: Sendable, Equatable {
    /// The words after the prefix, without the prefix and without `</s>`.
    public var words: [WordID]
    /// ln P(words, and `</s>` when ended | prefix) under the model (the model's own
    /// probabilities, whatever sampling options drew the words).
    public var logProbability: Double
    /// Whether the continuation ends the review with `</s>` (false: cut at the word limit).
    public var ended: Bool
}
