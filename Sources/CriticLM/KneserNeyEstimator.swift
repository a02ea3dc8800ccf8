import CriticCorpus
import CriticSupport
import Foundation

/// Interpolated modified Kneser–Ney smoothing with three discounts per order (Chen & Goodman,
/// "An empirical study of smoothing techniques for language modeling", TR-10-98, 1998, eq. 26),
/// following KenLM's `lmplz` (Heafield et al., "Scalable modified Kneser-Ney language model
/// estimation", ACL 2013) so that both give the same model from the same tokens.
///
/// Adjusted counts: the highest order keeps raw counts; a lower-order n-gram g gets the number of
/// distinct words v with `v g` seen (its continuation count), except when g starts with `<s>`
/// (nothing can precede it), which keeps its raw count.
///
/// Discounts, from the counts-of-counts t_k of adjusted counts at each order:
///
///     Y = t₁ / (t₁ + 2 t₂),   D(k) = k − (k + 1) · Y · t_{k+1} / t_k   for k = 1, 2, 3 (3 = 3+)
///
/// Probabilities, for a context c with successors counted a(c w):
///
///     P(w | c) = (a(c w) − D(a(c w))) / Σ_x a(c x) + γ(c) · P(w | c′),
///     γ(c)     = (D(1) N₁(c •) + D(2) N₂(c •) + D(3) N₃₊(c •)) / Σ_x a(c x)
///
/// where c′ drops the first word of c, N_k(c •) counts the successors with a(c w) = k (3: ≥ 3),
/// and the recursion ends in the uniform distribution 1 / |V| over the vocabulary without `<s>`
/// (with `<unk>`), which is how `<unk>` and words of the vocabulary unseen in these counts get
/// their probability. The result is stored in backoff form with β(c) = γ(c).
///
/// `baseDistribution` replaces that uniform end of the recursion by any distribution over the
/// vocabulary (see `KneserNeyEstimator+Background.swift`): authorship models interpolate each
/// critic's unigrams into the pooled unigram distribution of all critics, so that a word a critic
/// never used gets a probability that depends on the word.
///
/// On tiny data (a per-critic model of a few hundred tokens) some t_k is 0 or a discount falls
/// outside [0, k]; like `lmplz --discount_fallback`, that order then uses `fallbackDiscounts`
/// and a warning says so.
public struct KneserNeyEstimator: Estimator {
    /// D(1), D(2), D(3+) used for an order whose counts-of-counts are degenerate.
    public var fallbackDiscounts: [Double]
    /// P(w) at the end of the recursion, indexed by word id over the vocabulary given to
    /// `estimate` (0 for `<s>`, positive elsewhere, summing to 1); nil: uniform, 1 / (|V| − 1).
    public var baseDistribution: [Double]?
    /// Threads for the steps that run in parallel (suffix links, probabilities, the model's
    /// indexes); the model is the same for every count.
    public var threads: ThreadCount

    public init(fallbackDiscounts: [Double] = [0.5, 1, 1.5], baseDistribution: [Double]? = nil, threads: ThreadCount = .all) {
        precondition(fallbackDiscounts.count == 3, "three fallback discounts: D1, D2, D3+")
        self.fallbackDiscounts = fallbackDiscounts
        self.baseDistribution = baseDistribution
        self.threads = threads
    }

    /// The discounts of one order, and whether they are the fallback.
    public struct Discounts: Sendable, Equatable {
        /// D(1), D(2), D(3+).
        public var amounts: [Double]
        /// t₁ … t₄: the number of n-grams with adjusted count 1 … 4.
        public var countsOfCounts: [UInt64]
        public var isFallback: Bool

        @inline(__always)
        func discount(_ count: UInt64) -> Double { amounts[Int(Swift.min(count, 3)) - 1] }
    }

    /// The adjusted counts of every order, aligned with the count tables (`[0]` by word id).
    struct AdjustedCounts {
        var counts: [[UInt64]]
        /// `suffix[n − 1][i]`: index at order n − 1 of entry i of order n without its first word.
        var suffix: [[UInt32]]
    }

    public func estimate(_ counts: NGramCounts, vocabulary: Vocabulary) throws(LanguageModelError) -> Estimate {
        try counts.validate(for: vocabulary)
        let adjusted = Self.adjust(counts, vocabularySize: vocabulary.count, threads: threads)
        var warnings: [String] = []
        let discounts = (1...counts.order).map { n in
            let result = self.discounts(countsOfCounts: Self.countsOfCounts(adjusted.counts[n - 1]))
            if result.isFallback {
                warnings.append("\(n)-gram discounts are out of range (counts-of-counts t1...t4 = \(result.countsOfCounts.map(String.init).joined(separator: ", ")); is this small or artificial data?): using the fallback discounts \(fallbackDiscounts.map { String($0) }.joined(separator: " ")), as lmplz --discount_fallback does")
            }
            return result
        }
        if let baseDistribution {
            precondition(baseDistribution.count == vocabulary.count, "a base distribution of \(baseDistribution.count) words for a vocabulary of \(vocabulary.count)")
        }
        let model = Self.interpolate(counts, adjusted: adjusted, discounts: discounts, vocabulary: vocabulary,
                                     base: baseDistribution, threads: threads)
        return Estimate(model: model, warnings: warnings)
    }

    /// The discounts of Chen & Goodman's eq. 26 for counts-of-counts t₁ … t₄, or the fallback.
    public func discounts(countsOfCounts t: [UInt64]) -> Discounts {
        precondition(t.count == 4)
        if t[0] > 0, t[1] > 0, t[2] > 0 {
            let y = Double(t[0]) / (Double(t[0]) + 2 * Double(t[1]))
            let amounts = (1...3).map { k in Double(k) - Double(k + 1) * y * Double(t[k]) / Double(t[k - 1]) }
            if amounts.enumerated().allSatisfy({ $0.element >= 0 && $0.element <= Double($0.offset + 1) }) {
                return Discounts(amounts: amounts, countsOfCounts: t, isFallback: false)
            }
        }
        return Discounts(amounts: fallbackDiscounts, countsOfCounts: t, isFallback: true)
    }

    static func countsOfCounts(_ counts: [UInt64]) -> [UInt64] {
        var t: [UInt64] = [0, 0, 0, 0]
        for count in counts where count >= 1 && count <= 4 { t[Int(count) - 1] += 1 }
        return t
    }

    /// KenLM's adjusted counts (see the type's documentation).
    ///
    /// - Complexity: O(distinct n-grams) expected.
    static func adjust(_ counts: NGramCounts, vocabularySize: Int, threads: ThreadCount) -> AdjustedCounts {
        let order = counts.order
        var raw = [counts.unigramCounts(padded: vocabularySize)]
        for table in counts.tables { raw.append(table.counts.map(UInt64.init)) }
        // suffix links and "starts with <s>" flags, from low orders up
        var suffix: [[UInt32]] = [[]]
        var startsWithBegin: [[Bool]] = [Array(repeating: false, count: vocabularySize)]
        startsWithBegin[0][Int(Vocabulary.beginID)] = true
        for n in stride(from: 2, through: order, by: 1) {
            let table = counts.tables[n - 2]
            let lower = n > 2 ? counts.tables[n - 3] : table
            let contextFlags = startsWithBegin[n - 2]
            let contextSuffixes = suffix[n - 2]
            let keys = table.keys, tableCounts = table.counts
            // Suffix links are hash lookups into the order below: read-only, so done in parallel.
            let links = [UInt32](parallelCount: table.count, repeating: .max, threads: threads) { range, links in
                for index in range {
                    let key = keys[index]
                    let word = UInt32(truncatingIfNeeded: key)
                    if n == 2 {
                        links[index] = word
                    } else if tableCounts[index] > 0 {
                        let contextSuffix = contextSuffixes[Int(key >> 32)]
                        precondition(contextSuffix != .max, "inconsistent counts: an n-gram's suffix was never counted")
                        guard let found = lower.find(Hashing.key(context: contextSuffix, word: word)) else {
                            preconditionFailure("inconsistent counts: an n-gram's suffix was never counted (counts built by hand?)")
                        }
                        links[index] = UInt32(found)
                    }
                }
            }
            suffix.append(links)
            startsWithBegin.append(keys.map { contextFlags[Int($0 >> 32)] })
        }
        var adjusted = raw
        if order == 1 {
            adjusted[0][Int(Vocabulary.beginID)] = 0
            return AdjustedCounts(counts: adjusted, suffix: suffix)
        }
        for n in stride(from: order - 1, through: 1, by: -1) {
            for index in adjusted[n - 1].indices {
                adjusted[n - 1][index] = n > 1 && startsWithBegin[n - 1][index] ? raw[n - 1][index] : 0
            }
            for (index, count) in raw[n].enumerated() where count > 0 {
                adjusted[n - 1][Int(suffix[n][index])] += 1
            }
        }
        return AdjustedCounts(counts: adjusted, suffix: suffix)
    }

    /// Interpolated probabilities and backoff weights, order by order.
    static func interpolate(_ counts: NGramCounts, adjusted: AdjustedCounts, discounts: [Discounts],
                            vocabulary: Vocabulary, base: [Double]? = nil, threads: ThreadCount) -> NGramModel {
        let order = counts.order
        var builder = NGramModelBuilder(order: order, vocabulary: vocabulary, form: .backoff)
        builder.threads = threads
        // context statistics of order n: denominator Σ a(c x) and gamma, per entry of order n − 1
        func contextStatistics(_ n: Int) -> (denominators: [Double], gammas: [Double]) {
            let contextCount = n == 1 ? 1 : adjusted.counts[n - 2].count
            var denominators = [Double](repeating: 0, count: contextCount)
            var mass = [Double](repeating: 0, count: contextCount)
            let keys = n == 1 ? [] : counts.tables[n - 2].keys
            for (index, count) in adjusted.counts[n - 1].enumerated() where count > 0 {
                let context = n == 1 ? 0 : Int(keys[index] >> 32)
                denominators[context] += Double(count)
                mass[context] += discounts[n - 1].discount(count)
            }
            let gammas = zip(mass, denominators).map { $1 > 0 ? $0 / $1 : 0 }
            return (denominators, gammas)
        }
        // unigrams: interpolated with the base distribution (uniform over the vocabulary without <s>)
        var (denominators, gammas) = contextStatistics(1)
        let uniform = 1 / Double(vocabulary.count - 1)
        var probabilities = adjusted.counts[0].enumerated().map { id, count in
            (count > 0 ? (Double(count) - discounts[0].discount(count)) / denominators[0] : 0) + gammas[0] * (base?[id] ?? uniform)
        }
        var nextStatistics = order > 1 ? contextStatistics(2) : nil
        func weight(_ index: Int) -> Float {
            guard let next = nextStatistics, next.denominators[index] > 0 else { return 0 }
            return Float(log10(next.gammas[index]))
        }
        for (id, probability) in probabilities.enumerated() {
            builder.unigrams[id] = (id == Int(Vocabulary.beginID) ? 0 : Float(log10(probability)), weight(id))
        }
        // position of each table entry in the builder's list of its order
        var positions: [UInt32] = []
        for n in stride(from: 2, through: order, by: 1) {
            (denominators, gammas) = nextStatistics!
            nextStatistics = n < order ? contextStatistics(n + 1) : nil
            let table = counts.tables[n - 2]
            let counts = adjusted.counts[n - 1]
            let keys = table.keys
            let discount = discounts[n - 1]
            let suffixes = adjusted.suffix[n - 1]
            let lowerProbabilities = probabilities
            let contextDenominators = denominators, contextGammas = gammas
            let next = nextStatistics
            // Each n-gram's probability depends only on the order below: computed in parallel.
            let current = [Double](parallelCount: table.count, repeating: 0, threads: threads) { range, current in
                for index in range where counts[index] > 0 {
                    let context = Int(keys[index] >> 32)
                    let count = counts[index]
                    current[index] = (Double(count) - discount.discount(count)) / contextDenominators[context]
                        + contextGammas[context] * lowerProbabilities[Int(suffixes[index])]
                }
            }
            let logs = [Float](parallelCount: 2 * table.count, repeating: 0, threads: threads) { range, logs in
                for slot in range {
                    let index = slot >> 1
                    guard counts[index] > 0 else { continue }
                    if slot & 1 == 0 {
                        logs[slot] = Float(log10(current[index]))
                    } else if let next, next.denominators[index] > 0 {
                        logs[slot] = Float(log10(next.gammas[index]))
                    }
                }
            }
            var currentPositions = [UInt32](repeating: .max, count: table.count)
            var entries: [NGramModelBuilder.Entry] = []
            entries.reserveCapacity(table.count)
            for index in 0..<table.count where counts[index] > 0 {
                let key = keys[index]
                let context = Int(key >> 32)
                currentPositions[index] = UInt32(entries.count)
                entries.append(.init(context: n == 2 ? UInt32(context) : positions[context],
                                     word: UInt32(truncatingIfNeeded: key),
                                     log10Probability: logs[2 * index],
                                     log10Weight: n < order ? logs[2 * index + 1] : 0))
            }
            builder.higher[n - 2] = entries
            probabilities = current
            positions = currentPositions
        }
        return NGramModel(builder)
    }
}
