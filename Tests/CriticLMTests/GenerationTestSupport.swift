import CriticCorpus
import CriticSupport
import Foundation
import CriticLM

/// Models, brute-force references and statistics for the generation tests.
enum GenerationFixtures {
    /// A model of `order` estimated on a random Zipf-like corpus of `size` words.
    static func model(_ estimator: any Estimator, order: Int = 3, seed: UInt64, size: Int = 30,
                      sequences: Int = 300, maxLength: Int = 14) throws -> (NGramModel, [[WordID]]) {
        let (vocabulary, corpus) = Fixtures.randomCorpus(sequences: sequences, size: size, maxLength: maxLength, seed: seed)
        let counts = try NGramCounts.counting(corpus, order: order, threads: 1)
        return (try estimator.estimate(counts, vocabulary: vocabulary).model, corpus)
    }

    static let estimators: [(String, any Estimator)] = [
        ("kneser-ney", KneserNeyEstimator()), ("add-1", AddKEstimator(k: 1)), ("add-0.01", AddKEstimator(k: 0.01)),
        ("mle", MLEEstimator()),
    ]

    /// Histories to query: prefixes of corpus reviews (seen) and random word strings (mostly not).
    static func histories(_ corpus: [[WordID]], size: Int, count: Int, seed: UInt64) -> [[WordID]] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { trial in
            if trial % 2 == 0 {
                let review = corpus[generator.nextInt(below: corpus.count)]
                return [Vocabulary.beginID] + review.prefix(generator.nextInt(below: review.count + 1))
            }
            return [Vocabulary.beginID] + (0..<generator.nextInt(below: 4)).map { _ in WordID(3 + generator.nextInt(below: size)) }
        }
    }

    /// Every word but `<s>` and `<unk>` with log10 P(word | history) by the model, best first
    /// (ties: smaller id): the vocabulary scan the index avoids.
    static func bruteForce(_ model: NGramModel, after history: [WordID]) -> [(word: WordID, log10: Double)] {
        (WordID(2)..<WordID(model.vocabulary.count))
            .map { ($0, model.log10Probability(of: $0, context: history)) }
            .filter { $0.1 > -.infinity }
            .sorted { ($0.1, $1.0) > ($1.1, $0.0) }
    }

    /// Pearson's χ² of observed counts against probabilities (normalised here), bins with an
    /// expected count below 5 pooled; returns the statistic, degrees of freedom and p-value.
    static func chiSquare(observed: [WordID: Int], probabilities: [(word: WordID, probability: Double)], draws: Int)
        -> (statistic: Double, degreesOfFreedom: Int, pValue: Double) {
        let total = probabilities.reduce(0) { $0 + $1.probability }
        var statistic = 0.0, bins = 0
        var pooledExpected = 0.0, pooledObserved = 0
        var seen = 0
        for (word, probability) in probabilities {
            let expected = Double(draws) * probability / total
            let count = observed[word] ?? 0
            seen += count
            if expected < 5 {
                pooledExpected += expected
                pooledObserved += count
                continue
            }
            statistic += (Double(count) - expected) * (Double(count) - expected) / expected
            bins += 1
        }
        // Draws of words outside the support would be a bug: they land in the pooled bin with
        // expected ~0 and blow the statistic up.
        pooledObserved += draws - seen
        if pooledExpected > 0 || pooledObserved > 0 {
            let expected = Swift.max(pooledExpected, 1e-9)
            statistic += (Double(pooledObserved) - expected) * (Double(pooledObserved) - expected) / expected
            bins += 1
        }
        let df = Swift.max(1, bins - 1)
        return (statistic, df, chiSquarePValue(statistic, df))
    }

    /// P(χ²_k ≥ x), by the Wilson–Hilferty cube-root normal approximation (accurate to a few
    /// per cent of p for k ≥ 3, plenty for a 0.001 threshold).
    static func chiSquarePValue(_ x: Double, _ k: Int) -> Double {
        let k = Double(k)
        let z = (pow(x / k, 1.0 / 3) - (1 - 2 / (9 * k))) / (2 / (9 * k)).squareRoot()
        return 0.5 * erfc(z / 2.0.squareRoot())
    }
}
