import CriticCorpus
import Foundation

/// Generation from a linear interpolation of two models over one vocabulary (Jelinek & Mercer
/// 1980), the mixture authorship classification scores with:
///
///     P(w | h) = (1 − λ) · P_own(w | h) + λ · P_background(w | h)
///
/// Why: a critic's own model, trained on a few hundred reviews, has seen few continuations of
/// most contexts and generates its training sentences back; the background model of every
/// critic's reviews fills those contexts, as it does when the critic's model scores a review.
///
/// A draw from the mixture needs no vocabulary scan: pick a component, then draw from it. The
/// successor indexes draw from distributions renormalised without `<s>` and `<unk>` (masses
/// T_own, T_background), so the component is picked with odds (1 − λ)·T_own : λ·T_background,
/// which makes the word's probability exactly the renormalised mixture's. Reshaped draws
/// (temperature, top-k, top-p) need the mixture's whole distribution, merged from both.
public struct InterpolatedSampler: Sendable {
    public let own: SuccessorIndex
    public let background: SuccessorIndex
    /// λ, the background's weight, in [0, 1).
    public let backgroundWeight: Double

    public init(own: SuccessorIndex, background: SuccessorIndex, backgroundWeight: Double) {
        precondition(own.model.vocabulary.tokens == background.model.vocabulary.tokens, "both models share one vocabulary")
        precondition((0..<1).contains(backgroundWeight), "a background weight in [0, 1)")
        self.own = own
        self.background = background
        self.backgroundWeight = backgroundWeight
    }

    /// ln P(word | history) under the mixture (`history` ends with the words before `word`).
    public func logProbability(of word: WordID, after history: [WordID]) -> Double {
        let (a, b) = contexts(after: history)
        return log(mixture(word, a, b))
    }

    private func contexts(after history: [WordID]) -> (SuccessorIndex.Context, SuccessorIndex.Context) {
        let keepOwn = Swift.max(0, own.model.order - 1), keepBackground = Swift.max(0, background.model.order - 1)
        return (own.context(after: history.suffix(keepOwn)), background.context(after: history.suffix(keepBackground)))
    }

    private func mixture(_ word: WordID, _ a: SuccessorIndex.Context, _ b: SuccessorIndex.Context) -> Double {
        (1 - backgroundWeight) * exp(own.log10Probability(of: word, in: a) * NGramModel.ln10)
            + backgroundWeight * exp(background.log10Probability(of: word, in: b) * NGramModel.ln10)
    }

    /// Generates one review after `<s>` and `prefix`, until `</s>` or `maxWords` words; the log
    /// probability reported is the mixture's.
    ///
    /// - Complexity: O(maxWords) draws from one component each (model distribution), or two
    ///   vocabulary scans per word (reshaped).
    public func generate<G: RandomNumberGenerator>(prefix: [WordID] = [], maxWords: Int = 200,
                                                   options: SamplingOptions = SamplingOptions(),
                                                   using generator: inout G) -> Continuation {
        precondition(maxWords >= 0, "maxWords must not be negative")
        var history = [Vocabulary.beginID] + prefix
        var review = Continuation(words: [], logProbability: 0, ended: false)
        while review.words.count < maxWords {
            let (a, b) = contexts(after: history)
            guard let word = options.isModelDistribution ? draw(a, b, using: &generator)
                                                         : drawReshaped(a, b, options: options, using: &generator) else { break }
            review.logProbability += log(mixture(word, a, b))
            if word == Vocabulary.endID {
                review.ended = true
                break
            }
            review.words.append(word)
            history.append(word)
        }
        return review
    }

    /// One draw from the renormalised mixture: a component, then a word from it.
    private func draw<G: RandomNumberGenerator>(_ a: SuccessorIndex.Context, _ b: SuccessorIndex.Context,
                                                using generator: inout G) -> WordID? {
        let ownMass = (1 - backgroundWeight) * own.totalProbability(in: a)
        let backgroundMass = backgroundWeight * background.totalProbability(in: b)
        guard ownMass + backgroundMass > 0 else { return nil }
        let fromOwn = unitDouble(&generator) * (ownMass + backgroundMass) < ownMass
        return fromOwn ? own.sample(in: a, using: &generator) : background.sample(in: b, using: &generator)
    }

    /// A draw from the mixture reshaped by `options`: the merged distribution, most likely first,
    /// cut to the top k, tempered, cut to the nucleus, drawn (as `SuccessorIndex.sampleNext`).
    private func drawReshaped<G: RandomNumberGenerator>(_ a: SuccessorIndex.Context, _ b: SuccessorIndex.Context,
                                                        options: SamplingOptions, using generator: inout G) -> WordID? {
        var mass = [Double](repeating: 0, count: own.model.vocabulary.count)
        own.forEachWord(in: a) { mass[Int($0)] += (1 - backgroundWeight) * exp($1 * NGramModel.ln10) }
        background.forEachWord(in: b) { mass[Int($0)] += backgroundWeight * exp($1 * NGramModel.ln10) }
        var candidates = mass.indices.filter { mass[$0] > 0 && $0 != Int(Vocabulary.unknownID) && $0 != Int(Vocabulary.beginID) }
        candidates.sort { mass[$0] != mass[$1] ? mass[$0] > mass[$1] : $0 < $1 }
        if let k = options.topK, candidates.count > k { candidates.removeLast(candidates.count - k) }
        guard let first = candidates.first else { return nil }
        let largest = log(mass[first])
        var weights = candidates.map { exp((log(mass[$0]) - largest) / options.temperature) }
        if let p = options.topP, p < 1 {
            let whole = weights.reduce(0, +)
            var running = 0.0
            for (index, weight) in weights.enumerated() {
                running += weight
                if running >= p * whole {
                    weights.removeSubrange((index + 1)...)
                    break
                }
            }
        }
        var u = unitDouble(&generator) * weights.reduce(0, +)
        for (index, weight) in weights.enumerated() {
            if u < weight { return WordID(candidates[index]) }
            u -= weight
        }
        return WordID(candidates[weights.count - 1])
    }
}
