import CriticCorpus
import CriticSupport
import Foundation
import Testing
@testable import CriticLM

/// Generation on a Kneser–Ney trigram model of the scale dataset's training split (90 % of the
/// 5,006 reviews): the index against the vocabulary scan on real text.
@Suite(.enabled(if: Fixtures.hasScaledata, "../shared/data/scaledata is absent: the real-data generation tests need it"))
struct GenerationIntegrationTests {
    static let model: NGramModel? = {
        guard let (train, _) = try? Fixtures.scaledataSplit() else { return nil }
        let vocabulary = Vocabulary(counting: train)
        let counts = try? NGramCounts.counting(train.map { vocabulary.encode($0) }, order: 3)
        return counts.flatMap { try? KneserNeyEstimator().estimate($0, vocabulary: vocabulary).model }
    }()

    static let histories: [[String]] = [
        ["<s>"], ["<s>", "the"], ["the", "movie"], ["of", "the"], ["it", "is"], ["special", "effects"],
        ["schwartz", "rhodes"], ["zzz", "qqq"], [",", "but"], ["one", "of"], ["the", "acting"], ["steve", "rhodes"],
    ]

    /// 200,000 draws after "the movie" follow the model's probabilities (χ², fixed seed).
    @Test func drawsFollowTheModelOnRealData() throws {
        let model = try #require(Self.model)
        let index = SuccessorIndex(model: model)
        let history = model.vocabulary.encode(["the", "movie"])
        let expected = GenerationFixtures.bruteForce(model, after: history).map { (word: $0.word, probability: pow(10, $0.log10)) }
        var generator = SeededGenerator(seed: 42)
        var observed: [WordID: Int] = [:]
        let draws = 200_000
        let context = index.context(after: history)
        for _ in 0..<draws { observed[index.sample(in: context, using: &generator)!, default: 0] += 1 }
        let test = GenerationFixtures.chiSquare(observed: observed, probabilities: expected, draws: draws)
        print("χ² scaledata after 'the movie': \(test.statistic) with \(test.degreesOfFreedom) df, p = \(test.pValue); \(observed.count) distinct words drawn")
        #expect(test.pValue > 0.001)
    }

    /// Greedy and top-10 equal the vocabulary scan; the masses equal the scan's sums.
    @Test func mostLikelyEqualsTheScanOnRealData() throws {
        let model = try #require(Self.model)
        let index = SuccessorIndex(model: model)
        for words in Self.histories {
            let history = words.map { $0 == "<s>" ? Vocabulary.beginID : model.vocabulary.id(of: $0) }
            let expected = GenerationFixtures.bruteForce(model, after: history)
            let context = index.context(after: history)
            let top = index.mostLikely(10, in: context)
            #expect(top.map(\.word) == expected.prefix(10).map(\.word), "\(words)")
            #expect(top.map(\.logProbability) == expected.prefix(10).map { $0.log10 * NGramModel.ln10 })
            let sum = expected.reduce(0) { $0 + pow(10, $1.log10) }
            #expect(abs(index.totalProbability(in: context) - sum) < 1e-9)
        }
    }
}
