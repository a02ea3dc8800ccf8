import CriticCorpus
import Foundation

/// Argmax decoding: the most likely continuations of a prefix, word by word (greedy) or with a
/// beam of B partial continuations (beam search), scored by ln P of the whole continuation.
///
/// Beam search keeps, after each word, the B most probable unfinished continuations among all
/// one-word extensions of the current ones (each expanded by its B most likely next words, which
/// is enough: no extension outside them can enter the B best); a continuation that reaches
/// `</s>` is finished. It stops when B finished continuations are at least as probable as every
/// unfinished one (adding words only lowers the probability), or at `maxWords` words. With B = 1
/// it is greedy decoding; with B at least the number of possible continuations it is exhaustive.
/// A beam can prune the greedy path early (its second word may rank below B others while its
/// whole continuation wins), so the greedy completion joins the candidates: a wider beam never
/// returns a worse best continuation than greedy decoding.
extension SuccessorIndex {
    /// The K most likely next words after `<s>` and `prefix`: the lecture's table.
    ///
    /// - Complexity: as `mostLikely(_:in:)`.
    public func nextWords(after prefix: [WordID], count: Int) -> [Candidate] {
        mostLikely(count, in: context(after: [Vocabulary.beginID] + prefix))
    }

    /// Greedy decoding: the most likely next word, again and again, until `</s>` or `maxWords`.
    ///
    /// - Complexity: O(maxWords) calls of `mostLikelyWord(in:)`; no vocabulary scan.
    public func greedyCompletion(of prefix: [WordID], maxWords: Int) -> Continuation {
        var history = [Vocabulary.beginID] + prefix
        var completion = Continuation(words: [], logProbability: 0, ended: false)
        let keep = Swift.max(0, model.order - 1)
        while completion.words.count < maxWords {
            guard let best = mostLikelyWord(in: context(after: history.suffix(keep))) else { break }
            completion.logProbability += best.logProbability
            if best.word == Vocabulary.endID {
                completion.ended = true
                break
            }
            completion.words.append(best.word)
            history.append(best.word)
        }
        return completion
    }

    /// Beam search: the `results` most probable continuations of `prefix` (at most `beamWidth`),
    /// most probable first.
    ///
    /// - Complexity: O(maxWords · beamWidth) calls of `mostLikely(beamWidth, in:)` and a sort of
    ///   beamWidth² candidates per word, plus one greedy completion.
    public func beamSearch(from prefix: [WordID], maxWords: Int, beamWidth: Int, results: Int? = nil) -> [Continuation] {
        precondition(beamWidth >= 1, "the beam holds at least one continuation")
        let keep = Swift.max(0, model.order - 1)
        let start = [Vocabulary.beginID] + prefix
        var live = [Continuation(words: [], logProbability: 0, ended: false)]
        var finished: [Continuation] = []
        // Most probable first; equal probabilities: finished first, then by word ids (deterministic).
        func precedes(_ a: Continuation, _ b: Continuation) -> Bool {
            if a.logProbability != b.logProbability { return a.logProbability > b.logProbability }
            if a.ended != b.ended { return a.ended }
            return a.words.lexicographicallyPrecedes(b.words)
        }
        for _ in 0..<maxWords {
            var extensions: [Continuation] = []
            for hypothesis in live {
                for next in mostLikely(beamWidth, in: context(after: (start + hypothesis.words).suffix(keep))) {
                    var child = hypothesis
                    child.logProbability += next.logProbability
                    if next.word == Vocabulary.endID { child.ended = true } else { child.words.append(next.word) }
                    extensions.append(child)
                }
            }
            finished += extensions.filter(\.ended)
            finished.sort(by: precedes)
            if finished.count > beamWidth { finished.removeLast(finished.count - beamWidth) }
            live = extensions.filter { !$0.ended }.sorted(by: precedes)
            if live.count > beamWidth { live.removeLast(live.count - beamWidth) }
            if live.isEmpty { break }
            if finished.count == beamWidth, let worst = finished.last, let bestLive = live.first,
               worst.logProbability >= bestLive.logProbability { live = []; break }
        }
        var all = finished + live
        if beamWidth > 1 {
            let greedy = greedyCompletion(of: prefix, maxWords: maxWords)
            if !all.contains(greedy) { all.append(greedy) }
        }
        all.sort(by: precedes)
        return Array(all.prefix(Swift.min(results ?? beamWidth, beamWidth)))
    }
}
