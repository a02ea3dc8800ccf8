import CriticCorpus
import Foundation

/// How the next word is drawn: the model's own distribution (the default), or one reshaped by
/// temperature, top-k or nucleus (top-p) truncation (Holtzman et al., "The curious case of neural
/// text degeneration", ICLR 2020).
///
/// With ℓ(w) = ln P(w | c), the reshaped distribution is
///
///     P_T(w) ∝ exp(ℓ(w) / T)   over the k most likely words (top-k), then over the smallest
///                               prefix of them, most likely first, holding a share ≥ p of the
///                               mass (top-p)
///
/// Cost: the model's distribution needs no vocabulary scan (`SuccessorIndex.sample`); top-k reads
/// the k best words; top-p at T = 1 reads the best words until their mass reaches p of T(c); a
/// temperature ≠ 1 without top-k needs the normaliser Σ_w P(w | c)^(1/T) over the whole
/// vocabulary, which has no shortcut, so it enumerates every word (exact, O(|V|) per word drawn).
public struct SamplingOptions: Sendable, Equatable {
    /// T > 0: below 1 sharper (towards greedy), above 1 flatter.
    public var temperature: Double
    /// Keep only the k most likely words (k ≥ 1).
    public var topK: Int?
    /// Keep the smallest set of most likely words holding at least this share of the mass (0 < p ≤ 1).
    public var topP: Double?

    public init(temperature: Double = 1, topK: Int? = nil, topP: Double? = nil) {
        precondition(temperature > 0 && temperature.isFinite, "the temperature must be a positive number")
        precondition(topK.map { $0 >= 1 } ?? true, "top-k must be at least 1")
        precondition(topP.map { $0 > 0 && $0 <= 1 } ?? true, "top-p must be in (0, 1]")
        self.temperature = temperature
        self.topK = topK
        self.topP = topP
    }

    /// Whether draws follow the model's distribution unchanged (the fast path).
    public var isModelDistribution: Bool { temperature == 1 && topK == nil && (topP ?? 1) >= 1 }
}

extension SuccessorIndex {
    /// The next word after `context`, drawn as `options` say, or nil when every word has
    /// probability 0.
    ///
    /// - Complexity: see `SamplingOptions`.
    public func sampleNext<G: RandomNumberGenerator>(in context: Context, options: SamplingOptions,
                                                     using generator: inout G) -> WordID? {
        if options.isModelDistribution { return sample(in: context, using: &generator) }
        if options.topK == nil && (options.topP ?? 1) >= 1 {
            return sampleTempered(in: context, temperature: options.temperature, using: &generator)
        }
        // 1. The candidates, most likely first: the k best, or the best until the nucleus is
        //    complete, or every word.
        var candidates: [Candidate]
        var mass: Double? = nil  // the mass top-p is a share of, when not the candidates' own
        if let k = options.topK {
            candidates = mostLikely(k, in: context)
        } else if options.temperature == 1, let p = options.topP {
            let total = totalProbability(in: context)
            var k = 64
            while true {
                candidates = mostLikely(k, in: context)
                let covered = candidates.reduce(0) { $0 + exp($1.logProbability) }
                if covered >= p * total || candidates.count < k { break }
                k *= 4
            }
            mass = total
        } else {
            candidates = distribution(in: context)
        }
        guard let first = candidates.first else { return nil }
        // 2. Temperature: weights exp((ℓ − ℓ_max) / T), shifted by the largest for stability.
        var weights = candidates.map { exp(($0.logProbability - first.logProbability) / options.temperature) }
        // 3. Top-p: the shortest most-likely-first prefix holding a share p of the mass.
        if let p = options.topP, p < 1 {
            let whole = mass.map { $0 / exp(first.logProbability) } ?? weights.reduce(0, +)
            var running = 0.0
            var kept = weights.count
            for (index, weight) in weights.enumerated() {
                running += weight
                if running >= p * whole {
                    kept = index + 1
                    break
                }
            }
            weights.removeSubrange(kept...)
        }
        // 4. The draw, in proportion to the weights.
        let sum = weights.reduce(0, +)
        var u = unitDouble(&generator) * sum
        for (index, weight) in weights.enumerated() {
            if u < weight { return candidates[index].word }
            u -= weight
        }
        return candidates[weights.count - 1].word
    }

    /// A draw from P(w | c)^(1/T) / Σ_v P(v | c)^(1/T): every word weighed, nothing sorted.
    private func sampleTempered<G: RandomNumberGenerator>(in context: Context, temperature: Double,
                                                          using generator: inout G) -> WordID? {
        var words: [WordID] = [], values: [Double] = []
        words.reserveCapacity(vocabularySize)
        values.reserveCapacity(vocabularySize)
        forEachWord(in: context) { word, log10 in
            words.append(word)
            values.append(log10)
        }
        guard let largest = values.max() else { return nil }
        let factor = NGramModel.ln10 / temperature
        var sum = 0.0
        for index in values.indices {
            values[index] = exp((values[index] - largest) * factor)
            sum += values[index]
        }
        var u = unitDouble(&generator) * sum
        for (word, weight) in zip(words, values) {
            if u < weight { return word }
            u -= weight
        }
        return words.last
    }

    /// Generates one review: starts after `<s>` and `prefix`, draws words until `</s>` or
    /// `maxWords` generated words.
    ///
    /// - Complexity: O(maxWords) draws (see `sampleNext`).
    public func generate<G: RandomNumberGenerator>(prefix: [WordID] = [], maxWords: Int = 200,
                                                   options: SamplingOptions = SamplingOptions(),
                                                   using generator: inout G) -> Continuation {
        precondition(maxWords >= 0, "maxWords must not be negative")
        var history = [Vocabulary.beginID] + prefix
        var review = Continuation(words: [], logProbability: 0, ended: false)
        review.words.reserveCapacity(Swift.min(maxWords, 256))
        let keep = Swift.max(0, model.order - 1)
        while review.words.count < maxWords {
            let context = self.context(after: history.suffix(keep))
            let word: WordID
            if options.isModelDistribution {
                // The draw knows its probability: no second walk down the chain.
                guard let drawn = sampleWithProbability(in: context, using: &generator) else { break }
                word = drawn.word
                review.logProbability += drawn.log10 * NGramModel.ln10
            } else {
                guard let drawn = sampleNext(in: context, options: options, using: &generator) else { break }
                word = drawn
                review.logProbability += log10Probability(of: word, in: context) * NGramModel.ln10
            }
            if word == Vocabulary.endID {
                review.ended = true
                break
            }
            review.words.append(word)
            history.append(word)
        }
        return review
    }
}
