import CriticCorpus
import Foundation

/// How likely a spelling is for a word the language model does not know: the channel's term for
/// `<unk>`, P(typed string | the word meant is outside the vocabulary).
///
/// An n-gram model gives `<unk>` the mass of every unseen word together, so ln P_LM(<unk> | h)
/// alone would price the string "perfromance" like a single word; the string is one of the
/// countless spellings a new word can have. A letter-unigram model of word types with a geometric
/// length spreads that mass (the spelling model of open-vocabulary LMs, e.g. Brown et al.,
/// "An estimate of an upper bound for the entropy of English", 1992):
///
///     ln P(c₁ … c_L) = Σᵢ ln p(cᵢ) + ln q + (L − 1) · ln(1 − q)
///     p(c) = (n_c + 1) / (N + S + 1),  q = 1 / mean word length
///
/// with n_c the count of scalar c over the vocabulary's word types, N their total, S the distinct
/// scalars (one more share for scalars never seen). A typo then stays as typed only when the
/// context expects a new word more strongly than a known word's spelling explains the string.
public struct NovelWordSpelling: Sendable, Equatable {
    private let logProbabilities: [UInt32: Double]
    private let unseenLogProbability: Double
    private let logStop: Double, logContinue: Double

    /// Counts the letters of the vocabulary's words (never `<unk>`, `<s>`, `</s>`).
    public init(vocabulary: Vocabulary) {
        var counts: [UInt32: Double] = [:]
        var total = 0.0, words = 0.0
        for id in Vocabulary.reservedCount..<vocabulary.count {
            words += 1
            for scalar in vocabulary[WordID(id)].unicodeScalars {
                counts[scalar.value, default: 0] += 1
                total += 1
            }
        }
        let denominator = total + Double(counts.count) + 1
        logProbabilities = counts.mapValues { log(($0 + 1) / denominator) }
        unseenLogProbability = log(1 / denominator)
        let q = 1 / Swift.max(1, total / Swift.max(words, 1))
        logStop = log(q)
        logContinue = q < 1 ? log(1 - q) : -.infinity
    }

    /// ln P(spelling | a word outside the vocabulary).
    public func logProbability(of spelling: String) -> Double {
        var total = 0.0, length = 0
        for scalar in spelling.unicodeScalars {
            total += logProbabilities[scalar.value] ?? unseenLogProbability
            length += 1
        }
        return length == 0 ? logStop : total + logStop + Double(length - 1) * logContinue
    }
}
