import CriticCorpus
import CriticSupport
import Foundation
import Testing
import CriticLM

@Suite struct SamplerTests {
    /// Acceptance 1: 200,000 draws at one context follow the model's probabilities (χ², fixed
    /// seed), words reached only through the shorter contexts included.
    @Test(arguments: [("kneser-ney", 0), ("add-0.01", 1), ("mle", 2)])
    func drawsFollowTheModel(name: String, estimatorIndex: Int) throws {
        let (model, corpus) = try GenerationFixtures.model(GenerationFixtures.estimators.first { $0.0 == name }!.1, seed: 21)
        let index = SuccessorIndex(model: model)
        // a context with listed successors and a real backoff share: the most frequent bigram
        var pairs: [[WordID]: Int] = [:]
        for review in corpus where review.count >= 2 {
            for i in 1..<review.count { pairs[[review[i - 1], review[i]], default: 0] += 1 }
        }
        let frequent = pairs.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key.lexicographicallyPrecedes($1.key) }[0].key
        let history = [Vocabulary.beginID, WordID(3)] + frequent
        let context = index.context(after: history)
        let expected = GenerationFixtures.bruteForce(model, after: history).map { (word: $0.word, probability: pow(10, $0.log10)) }
        if name == "kneser-ney" {
            // words that only the unigram level reaches carry mass: the test exercises backoff
            let listed = Set(model.successors(of: model.longestStoredContext(history)).map(\.word))
            #expect(expected.filter { !listed.contains($0.word) }.reduce(0) { $0 + $1.probability } > 0.001)
        }
        var generator = SeededGenerator(seed: 2024)
        var observed: [WordID: Int] = [:]
        let draws = 200_000
        for _ in 0..<draws { observed[index.sample(in: context, using: &generator)!, default: 0] += 1 }
        let test = GenerationFixtures.chiSquare(observed: observed, probabilities: expected, draws: draws)
        print("χ² \(name) at \(history): \(test.statistic) with \(test.degreesOfFreedom) df, p = \(test.pValue)")
        #expect(test.pValue > 0.001, "χ² = \(test.statistic), df \(test.degreesOfFreedom)")
        #expect(observed[Vocabulary.unknownID] == nil && observed[Vocabulary.beginID] == nil)
    }

    /// The same seed gives the same reviews; another seed, other reviews.
    @Test func sameSeedSameReviews() throws {
        let (model, _) = try GenerationFixtures.model(KneserNeyEstimator(), seed: 5)
        let index = SuccessorIndex(model: model)
        func reviews(_ seed: UInt64, _ options: SamplingOptions) -> [Continuation] {
            var generator = SeededGenerator(seed: seed)
            return (0..<20).map { _ in index.generate(maxWords: 30, options: options, using: &generator) }
        }
        for options in [SamplingOptions(), SamplingOptions(temperature: 0.7), SamplingOptions(topK: 3), SamplingOptions(topP: 0.8)] {
            #expect(reviews(42, options) == reviews(42, options))
            #expect(reviews(42, options) != reviews(43, options))
        }
    }

    /// A generated review's log probability is the model's score of it.
    @Test func generatedLogProbabilityIsTheModelsScore() throws {
        let (model, _) = try GenerationFixtures.model(KneserNeyEstimator(), order: 4, seed: 6)
        let index = SuccessorIndex(model: model)
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<50 {
            let review = index.generate(maxWords: 1000, using: &generator)
            #expect(review.ended)
            #expect(abs(review.logProbability - model.score(sequence: review.words).logProbability) < 1e-9)
            #expect(!review.words.contains(Vocabulary.unknownID) && !review.words.contains(Vocabulary.beginID))
        }
        let cut = index.generate(prefix: [3, 4], maxWords: 2, using: &generator)
        #expect(cut.words.count <= 2)
    }

    /// Temperature T draws follow P^(1/T) normalised over the vocabulary; top-k keeps the k most
    /// likely words in proportion; top-p keeps the smallest nucleus.
    @Test func reshapedDistributions() throws {
        let (model, corpus) = try GenerationFixtures.model(KneserNeyEstimator(), seed: 8)
        let index = SuccessorIndex(model: model)
        let history = [Vocabulary.beginID] + corpus.first { $0.count > 3 }!.prefix(2)
        let context = index.context(after: history)
        let all = GenerationFixtures.bruteForce(model, after: history)
        let draws = 20_000
        func check(_ options: SamplingOptions, _ probabilities: [(word: WordID, probability: Double)], _ label: String) {
            var generator = SeededGenerator(seed: 99)
            var observed: [WordID: Int] = [:]
            for _ in 0..<draws { observed[index.sampleNext(in: context, options: options, using: &generator)!, default: 0] += 1 }
            let test = GenerationFixtures.chiSquare(observed: observed, probabilities: probabilities, draws: draws)
            #expect(test.pValue > 0.001, "\(label): χ² = \(test.statistic), df \(test.degreesOfFreedom)")
            #expect(Set(observed.keys).isSubset(of: Set(probabilities.map(\.word))), "\(label): a word outside the support")
        }
        for temperature in [0.5, 2.0] {
            check(SamplingOptions(temperature: temperature),
                  all.map { ($0.word, pow(10, $0.log10 / temperature)) }, "T = \(temperature)")
        }
        check(SamplingOptions(topK: 4), all.prefix(4).map { ($0.word, pow(10, $0.log10)) }, "top-k 4")
        check(SamplingOptions(temperature: 0.5, topK: 4), all.prefix(4).map { ($0.word, pow(10, 2 * $0.log10)) }, "T 0.5 top-k 4")
        let total = all.reduce(0) { $0 + pow(10, $1.log10) }
        var running = 0.0
        let nucleus = all.prefix { entry in
            defer { running += pow(10, entry.log10) }
            return running < 0.6 * total
        }
        check(SamplingOptions(topP: 0.6), nucleus.map { ($0.word, pow(10, $0.log10)) }, "top-p 0.6")
        // top-k 1 is greedy
        var generator = SeededGenerator(seed: 1)
        #expect(index.sampleNext(in: context, options: SamplingOptions(topK: 1), using: &generator) == all[0].word)
    }
}
