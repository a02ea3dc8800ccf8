import CriticCorpus
import Foundation

/// Perplexity over many sequences, with KenLM `query`'s conventions: every sequence is wrapped in
/// `<s> … </s>`, each word and `</s>` is predicted, and "excluding OOVs" drops the predictions
/// of out-of-vocabulary words from both the sum and the count.
///
/// Its JSON (`critic perplexity --json`) holds the sums and the perplexities derived from them;
/// `sequences` is written as `reviews`, what a sequence is to every command that prints it.
public struct PerplexityReport: Sendable, Equatable, Codable {
    /// Predictions made (words and `</s>`).
    public var tokens: Int = 0
    /// Predictions of out-of-vocabulary words.
    public var oov: Int = 0
    /// Σ log10 P over all predictions.
    public var log10Probability: Double = 0
    /// Σ log10 P over in-vocabulary predictions.
    public var log10ProbabilityExcludingOOV: Double = 0
    /// Sequences (reviews) scored.
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

    /// The acronym keys are spelt "Oov" because the snake-case decoder turns `_oov` back into
    /// `Oov`, never `OOV`; either spelling encodes to `…_excluding_oov`.
    enum CodingKeys: String, CodingKey {
        case perplexity, perplexityExcludingOOV = "perplexityExcludingOov", tokens, oov, sequences = "reviews"
        case log10Probability, log10ProbabilityExcludingOOV = "log10ProbabilityExcludingOov"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(NullIfNonFinite(wrappedValue: perplexity), forKey: .perplexity)
        try container.encode(NullIfNonFinite(wrappedValue: perplexityExcludingOOV), forKey: .perplexityExcludingOOV)
        try container.encode(tokens, forKey: .tokens)
        try container.encode(oov, forKey: .oov)
        try container.encode(sequences, forKey: .sequences)
        try container.encode(NullIfNonFinite(wrappedValue: log10Probability), forKey: .log10Probability)
        try container.encode(NullIfNonFinite(wrappedValue: log10ProbabilityExcludingOOV), forKey: .log10ProbabilityExcludingOOV)
    }

    /// Reads the sums back; the perplexities follow from them.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        tokens = try container.decode(Int.self, forKey: .tokens)
        oov = try container.decode(Int.self, forKey: .oov)
        sequences = try container.decode(Int.self, forKey: .sequences)
        log10Probability = try container.decode(NullIfNonFinite.self, forKey: .log10Probability).wrappedValue
        log10ProbabilityExcludingOOV = try container.decode(NullIfNonFinite.self, forKey: .log10ProbabilityExcludingOOV).wrappedValue
    }
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
        perplexityReport(sequences)
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
        withLookup { lookup in scan(words, lookup, body) }
    }

    @inline(__always)
    func scan(_ words: [WordID], _ lookup: NGramLookup, _ body: (WordID, Double) -> Void) {
        // context[k − 1]: entry (order k) of the last k words, valid for k ≤ contextLength.
        var context = (Int(Vocabulary.beginID), 0, 0, 0)
        var contextLength = Swift.min(1, order - 1)
        var available = 1  // words in the history, for the fixed-context form
        let order = self.order
        let vocabularySize = vocabulary.count
        let form = self.form
        let unseen = Double(unseenContextLog10Probability)
        withUnsafeMutableBytes(of: &context) { contextBytes in
            let contextEntries = contextBytes.bindMemory(to: Int.self)
            var next = (0, 0, 0, 0)
            withUnsafeMutableBytes(of: &next) { nextBytes in
                let nextEntries = nextBytes.bindMemory(to: Int.self)
                @inline(__always) func predict(_ word: WordID) {
                    precondition(Int(word) < vocabularySize, "word id \(word) is outside the model's vocabulary of \(vocabularySize)")
                    nextEntries[0] = Int(word)
                    var matched = 1  // length of the longest stored n-gram ending in `word`
                    var matchedIndex = Int(word)
                    while matched <= contextLength && matched < order {
                        guard let found = lookup.successor(order: matched + 1, context: contextEntries[matched - 1], word: word) else { break }
                        matched += 1
                        matchedIndex = found
                        if matched < order { nextEntries[matched - 1] = found }
                    }
                    var result: Double
                    switch form {
                    case .backoff:
                        result = Double(lookup.log10Probability(order: matched, matchedIndex))
                        var length = matched
                        while length <= contextLength {
                            result += Double(lookup.log10Weight(order: length, contextEntries[length - 1]))
                            length += 1
                        }
                    case .fixedContext:
                        let wanted = Swift.min(available, order - 1)
                        if matched == wanted + 1 {
                            result = Double(lookup.log10Probability(order: matched, matchedIndex))
                        } else if wanted <= contextLength {
                            result = Double(lookup.log10Weight(order: wanted, contextEntries[wanted - 1]))
                        } else {
                            result = unseen
                        }
                    }
                    body(word, result)
                    contextLength = Swift.min(matched, order - 1)
                    for k in 0..<contextLength { contextEntries[k] = nextEntries[k] }
                    available += 1
                }
                for word in words { predict(word) }
                predict(Vocabulary.endID)
            }
        }
    }

    /// Perplexity figures for many sequences, the tables' views taken once.
    func perplexityReport(_ sequences: [[WordID]]) -> PerplexityReport {
        withLookup { lookup in
            var report = PerplexityReport()
            for words in sequences {
                report.sequences += 1
                scan(words, lookup) { word, log10Probability in
                    report.tokens += 1
                    report.log10Probability += log10Probability
                    if word == Vocabulary.unknownID { report.oov += 1 } else { report.log10ProbabilityExcludingOOV += log10Probability }
                }
            }
            return report
        }
    }
}
