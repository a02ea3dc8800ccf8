import CriticCorpus
import Foundation

/// Perplexity over many sequences, with KenLM `query`'s conventions: every sequence is wrapped in
/// `<s> … </s>`, each word and `</s>` is predicted, and "excluding OOVs" drops the predictions
/// of out-of-vocabulary words from both the sum and the count.
public struct PerplexityReport: Sendable, Equatable {
    /// Predictions made (words and `</s>`).
    public var tokens: Int = 0
    /// Predictions of out-of-vocabulary words.
    public var oov: Int = 0
    /// Σ log10 P over all predictions.
    public var log10Probability: Double = 0
    /// Σ log10 P over in-vocabulary predictions.
    public var log10ProbabilityExcludingOOV: Double = 0
    public var sequences: Int = 0

    public init() {}

    /// 10^(−Σ log10 P / tokens).
    public var perplexity: Double { pow10(-log10Probability / Double(tokens)) }
    /// The same over in-vocabulary predictions.
    public var perplexityExcludingOOV: Double { pow10(-log10ProbabilityExcludingOOV / Double(tokens - oov)) }

    public mutating func merge(_ other: PerplexityReport) {
        tokens += other.tokens
        oov += other.oov
        log10Probability += other.log10Probability
        log10ProbabilityExcludingOOV += other.log10ProbabilityExcludingOOV
        sequences += other.sequences
    }

    private func pow10(_ x: Double) -> Double { exp(x * NGramModel.ln10) }
}

extension NGramModel {
    /// Scores `words` wrapped in `<s> … </s>` (KenLM `query` conventions), carrying the matched
    /// contexts from word to word as KenLM's state does, so that each word costs at most
    /// `order − 1` lookups.
    ///
    /// - Complexity: O(n · order) expected.
    public func score(sequence words: [WordID]) -> SequenceScore {
        var tokens: [TokenScore] = []
        tokens.reserveCapacity(words.count + 1)
        scan(words) { word, log10Probability in
            tokens.append(TokenScore(word: word, logProbability: Double(log10Probability) * Self.ln10, isOOV: word == Vocabulary.unknownID))
        }
        return SequenceScore(tokens: tokens)
    }

    /// Perplexity figures for `sequences`.
    ///
    /// - Complexity: O(total tokens · order) expected.
    public func perplexity(_ sequences: [[WordID]]) -> PerplexityReport {
        var report = PerplexityReport()
        for words in sequences { report.merge(perplexity(of: words)) }
        return report
    }

    /// Perplexity figures for one sequence.
    public func perplexity(of words: [WordID]) -> PerplexityReport {
        var report = PerplexityReport()
        report.sequences = 1
        scan(words) { word, log10Probability in
            report.tokens += 1
            report.log10Probability += log10Probability
            if word == Vocabulary.unknownID { report.oov += 1 } else { report.log10ProbabilityExcludingOOV += log10Probability }
        }
        return report
    }

    /// Calls `body` with each predicted word and its log10 probability.
    @inline(__always)
    func scan(_ words: [WordID], _ body: (WordID, Double) -> Void) {
        // context[k − 1]: entry (order k) of the last k words, valid for k ≤ contextLength.
        var context = (Int(Vocabulary.beginID), 0, 0, 0)
        var contextLength = Swift.min(1, order - 1)
        var available = 1  // words in the history, for the fixed-context form
        let order = self.order
        let vocabularySize = vocabulary.count
        func predict(_ word: WordID) {
            precondition(Int(word) < vocabularySize, "word id \(word) is outside the model's vocabulary of \(vocabularySize)")
            var next = (Int(word), 0, 0, 0)
            var matched = 1  // length of the longest stored n-gram ending in `word`
            var matchedIndex = Int(word)
            withUnsafeBytes(of: context) { contextBytes in
                let contextEntries = contextBytes.bindMemory(to: Int.self)
                withUnsafeMutableBytes(of: &next) { nextBytes in
                    let nextEntries = nextBytes.bindMemory(to: Int.self)
                    while matched <= contextLength && matched < order {
                        guard let found = successor(order: matched + 1, context: contextEntries[matched - 1], word: word) else { break }
                        matched += 1
                        matchedIndex = found
                        if matched < order { nextEntries[matched - 1] = found }
                    }
                }
            }
            var result: Double
            switch form {
            case .backoff:
                result = Double(log10Probability(order: matched, matchedIndex))
                withUnsafeBytes(of: context) { contextBytes in
                    let contextEntries = contextBytes.bindMemory(to: Int.self)
                    for length in stride(from: matched, through: contextLength, by: 1) {
                        result += Double(inner[length - 1][contextEntries[length - 1]].log10Weight)
                    }
                }
            case .fixedContext:
                let wanted = Swift.min(available, order - 1)
                if matched == wanted + 1 {
                    result = Double(log10Probability(order: matched, matchedIndex))
                } else if wanted <= contextLength {
                    result = withUnsafeBytes(of: context) { contextBytes in
                        Double(inner[wanted - 1][contextBytes.bindMemory(to: Int.self)[wanted - 1]].log10Weight)
                    }
                } else {
                    result = Double(unseenContextLog10Probability)
                }
            }
            body(word, result)
            context = next
            contextLength = Swift.min(matched, order - 1)
            available += 1
        }
        for word in words { predict(word) }
        predict(Vocabulary.endID)
    }
}
