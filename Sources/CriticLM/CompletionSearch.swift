import CriticCorpus
import Foundation

/// How `complete(_:options:)` searches.
public struct CompletionOptions: Sendable, Equatable {
    /// At most this many words after the prefix.
    public var maxWords: Int
    /// `</s>` is not allowed before this many words.
    public var minWords: Int
    /// Hypotheses kept after each word; 1 is greedy decoding.
    public var beamWidth: Int
    /// No n-gram of this many words occurs twice in the prefix and continuation (0 or 1: no
    /// constraint). A maximum-likelihood decoder of an n-gram model loops as soon as a context
    /// leads back to itself ("the film ! the film ! …"); forbidding a repeated n-gram cuts every
    /// loop of length ≥ n − 1 (Paulus, Xiong & Socher, "A deep reinforced model for abstractive
    /// summarization", ICLR 2018, for trigrams).
    public var noRepeatNGramSize: Int
    /// α of the length normalisation: hypotheses are ranked by ln P / |Y|^α, |Y| the predictions
    /// made (words, and `</s>` when ended). 0 ranks by ln P, which favours the shortest
    /// continuation since every word lowers it; 1, the default, ranks by the mean ln P per
    /// prediction (Wu et al., "Google's neural machine translation system", 2016, discuss both).
    public var lengthPenalty: Double

    public init(maxWords: Int = 20, minWords: Int = 0, beamWidth: Int = 1, noRepeatNGramSize: Int = 3, lengthPenalty: Double = 1) {
        precondition(maxWords >= 0 && minWords >= 0, "word counts are not negative")
        precondition(beamWidth >= 1, "the beam holds at least one continuation")
        precondition(noRepeatNGramSize >= 0, "an n-gram size is not negative")
        precondition(lengthPenalty >= 0 && lengthPenalty.isFinite, "the length penalty is a number ≥ 0")
        self.maxWords = maxWords
        self.minWords = minWords
        self.beamWidth = beamWidth
        self.noRepeatNGramSize = noRepeatNGramSize
        self.lengthPenalty = lengthPenalty
    }

    /// ln P / |Y|^α.
    public func normalisedScore(_ completion: Continuation) -> Double {
        let predictions = completion.words.count + (completion.ended ? 1 : 0)
        return predictions == 0 ? completion.logProbability : completion.logProbability / pow(Double(predictions), lengthPenalty)
    }
}

/// Constrained argmax decoding of a continuation: greedy (beam 1) or a length-normalised beam,
/// both under a no-repeated-n-gram constraint and a minimum length, stopping at `</s>`.
///
/// At each step a hypothesis is extended by its most likely allowed words: a word is not allowed
/// when it would complete an n-gram already in the text (prefix included), and `</s>` is not
/// allowed before `minWords` words. A hypothesis that reaches `</s>` is finished. The beam keeps
/// the `beamWidth` best unfinished hypotheses by normalised score, and runs until none is left or
/// `maxWords` is reached (with normalisation a longer hypothesis can overtake a finished one, so
/// there is no early stop). Finished continuations come first in the result, then the ones cut at
/// `maxWords`, each group best first.
extension SuccessorIndex {
    /// The best continuations of `prefix` (at most `results`, at most the beam width).
    ///
    /// - Complexity: O(maxWords · beamWidth) calls of `mostLikely`, each asking for a few more
    ///   words than the beam when some are forbidden, plus O(L · n) per step to list the n-grams of
    ///   a text of L words.
    public func complete(_ prefix: [WordID], options: CompletionOptions, results: Int = 1) -> [Continuation] {
        precondition(results >= 1, "at least one result")
        let keep = Swift.max(0, model.order - 1)
        let start = [Vocabulary.beginID] + prefix
        var live = [Continuation(words: [], logProbability: 0, ended: false)]
        var finished: [Continuation] = []
        func precedes(_ a: Continuation, _ b: Continuation) -> Bool {
            let x = options.normalisedScore(a), y = options.normalisedScore(b)
            if x != y { return x > y }
            return a.words.lexicographicallyPrecedes(b.words)
        }
        for _ in 0..<options.maxWords {
            var extensions: [Continuation] = []
            for hypothesis in live {
                let text = start + hypothesis.words
                let allowEnd = hypothesis.words.count >= options.minWords
                let forbidden = forbiddenNextWords(after: text, size: options.noRepeatNGramSize)
                for next in mostLikelyAllowed(options.beamWidth, in: context(after: text.suffix(keep)),
                                              forbidden: forbidden, allowEnd: allowEnd) {
                    var child = hypothesis
                    child.logProbability += next.logProbability
                    if next.word == Vocabulary.endID { child.ended = true } else { child.words.append(next.word) }
                    extensions.append(child)
                }
            }
            finished += extensions.filter(\.ended)
            finished.sort(by: precedes)
            if finished.count > options.beamWidth { finished.removeLast(finished.count - options.beamWidth) }
            live = extensions.filter { !$0.ended }.sorted(by: precedes)
            if live.count > options.beamWidth { live.removeLast(live.count - options.beamWidth) }
            if live.isEmpty { break }
        }
        let ranked = finished.sorted(by: precedes) + live.sorted(by: precedes)
        return Array(ranked.prefix(Swift.min(results, options.beamWidth)))
    }

    /// The words that would complete an n-gram of `size` words already in `text`.
    func forbiddenNextWords(after text: [WordID], size: Int) -> Set<WordID> {
        guard size >= 2, text.count >= size - 1 else { return [] }
        let tail = text.suffix(size - 1)
        var forbidden = Set<WordID>()
        // Every earlier occurrence of the last size − 1 words: the word after it is forbidden.
        var position = 0
        while position + size <= text.count {
            if text[position..<(position + size - 1)].elementsEqual(tail) { forbidden.insert(text[position + size - 1]) }
            position += 1
        }
        return forbidden
    }

    /// The `count` most likely words after `context` that are not forbidden (and not `</s>`
    /// unless `allowEnd`), most likely first.
    func mostLikelyAllowed(_ count: Int, in context: Context, forbidden: Set<WordID>, allowEnd: Bool) -> [Candidate] {
        let excluded = forbidden.count + (allowEnd ? 0 : 1)
        var asked = count + excluded
        while true {
            let found = mostLikely(asked, in: context)
            let allowed = found.filter { !forbidden.contains($0.word) && (allowEnd || $0.word != Vocabulary.endID) }
            // Fewer found than asked: the context has no more words to offer.
            if allowed.count >= count || found.count < asked { return Array(allowed.prefix(count)) }
            asked *= 2
        }
    }
}
