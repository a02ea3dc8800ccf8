import CriticCorpus
import Dispatch
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

/// A single-word change to a review and what it does to the review's probability.
public struct Substitution: Sendable, Equatable {
    /// Position of the word replaced (0-based, in the words given).
    public var position: Int
    public var original: WordID
    public var replacement: WordID
    /// ln P(changed review) − ln P(review): how much more likely the change makes it.
    public var logProbabilityGain: Double
}

/// Fill the blank and correct a noisy review: both read the words on both sides of a position,
/// which left-to-right decoding cannot.
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

    /// The `top` single-word substitutions that most raise the probability of `words`, best first
    /// (only those with a positive gain).
    ///
    /// - Complexity: O(n · |V| · order) lookups for n words, spread over `threads` threads.
    public func corrections(of words: [WordID], top: Int, threads: Int = 0) -> [Substitution] {
        precondition(top >= 0)
        guard !words.isEmpty, top > 0 else { return [] }
        let sequence = [Vocabulary.beginID] + words + [Vocabulary.endID]
        let results = SubstitutionBox(count: words.count)
        let threadCount = Swift.max(1, Swift.min(threads > 0 ? threads : ProcessInfo.processInfo.activeProcessorCount, words.count))
        DispatchQueue.concurrentPerform(iterations: threadCount) { shard in
            for index in stride(from: shard, to: words.count, by: threadCount) {
                let position = index + 1
                var window = sequence
                let original = windowScore(window, position: position)
                var best: [Substitution] = []
                for word in Vocabulary.firstWordID..<WordID(vocabulary.count) where word != words[index] {
                    window[position] = word
                    let gain = (windowScore(window, position: position) - original) * Self.ln10
                    guard gain > 0 else { continue }
                    best.append(Substitution(position: index, original: words[index], replacement: word, logProbabilityGain: gain))
                    if best.count > 4 * top {
                        best.sort(by: Self.better)
                        best.removeLast(best.count - top)
                    }
                }
                best.sort(by: Self.better)
                results.set(index, Array(best.prefix(top)))
            }
        }
        return Array(results.all().sorted(by: Self.better).prefix(top))
    }

    static func better(_ a: Substitution, _ b: Substitution) -> Bool {
        (a.logProbabilityGain, -a.position, -Int(a.replacement)) > (b.logProbabilityGain, -b.position, -Int(b.replacement))
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

/// One slot per position, each written by one thread of `concurrentPerform`.
private final class SubstitutionBox: @unchecked Sendable {
    private var slots: [[Substitution]]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: [], count: count) }
    func set(_ index: Int, _ value: [Substitution]) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }
    func all() -> [Substitution] { slots.flatMap { $0 } }
}
