import CriticCorpus
import CriticSupport
import Foundation

/// A word for a blank, scored with the review around it.
public struct FillCandidate: Sendable, Equatable {
    public var word: WordID
    /// ln P of the whole review (`<s>` left word right `</s>`) with this word in the blank.
    public var reviewLogProbability: Double
    /// P(word | left, right): the review's probability with this word, normalised over every word
    /// that can fill the blank.
    public var posterior: Double
}

/// Fill the blank: read the words on both sides of a position, which left-to-right decoding
/// cannot. (Correction is `NoisyChannelCorrector`: a typo needs a channel model, not only context.)
///
/// A word w at position i changes only the predictions of w itself and of the `order − 1` words
/// after it (their contexts hold w), so with the other factors of the review constant,
///
///     ln P(review with w) = const + ln P(w | left) + Σ_{j<order−1} ln P(right_j | …, w, …),
///
/// and P(w | left, right) is its softmax over the candidate words. Every word of the vocabulary
/// but `<s>`, `</s>` and `<unk>` is a candidate (a blank holds a word), each scored exactly.
extension NGramModel {
    /// The `top` most likely words for the blank between `left` and `right`.
    ///
    /// - Complexity: O(|V| · order²) lookups.
    public func fill(left: [WordID], right: [WordID], top: Int) -> [FillCandidate] {
        precondition(top >= 0)
        let sequence = [Vocabulary.beginID] + left + [Vocabulary.unknownID] + right + [Vocabulary.endID]
        let position = left.count + 1
        let constant = scoreOutsideWindow(sequence, position: position)
        let candidates = Vocabulary.firstWordID..<WordID(vocabulary.count)
        var window = sequence
        var scores: [(WordID, Double)] = []  // (word, ln P of the review)
        scores.reserveCapacity(candidates.count)
        for word in candidates {
            window[position] = word
            scores.append((word, (constant + windowScore(window, position: position)) * Self.ln10))
        }
        let maximum = scores.map(\.1).max() ?? 0
        let normaliser = maximum + log(scores.reduce(0) { $0 + exp($1.1 - maximum) })
        return scores.sorted { ($0.1, $1.0) > ($1.1, $0.0) }.prefix(top).map {
            FillCandidate(word: $0.0, reviewLogProbability: $0.1, posterior: exp($0.1 - normaliser))
        }
    }

    /// log10 of the predictions that a word at `position` of `sequence` (`<s>` … `</s>`) changes:
    /// its own and those of the next `order − 1` tokens.
    @inline(__always)
    func windowScore(_ sequence: [WordID], position: Int) -> Double {
        var total = 0.0
        let last = Swift.min(sequence.count - 1, position + order - 1)
        for index in position...last {
            total += log10Probability(of: sequence[index], context: sequence[Swift.max(0, index - order + 1)..<index])
        }
        return total
    }

    /// log10 of the predictions that do not depend on the word at `position`.
    func scoreOutsideWindow(_ sequence: [WordID], position: Int) -> Double {
        var total = 0.0
        for index in 1..<sequence.count where index < position || index > position + order - 1 {
            total += log10Probability(of: sequence[index], context: sequence[Swift.max(0, index - order + 1)..<index])
        }
        return total
    }
}
