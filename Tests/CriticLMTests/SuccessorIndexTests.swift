import CriticCorpus
import CriticSupport
import Foundation
import Testing
@testable import CriticLM

@Suite struct SuccessorIndexTests {
    /// The index's probabilities are the model's, to the bit, for every word and context; its
    /// masses sum the model's distribution without <s> and <unk>.
    @Test(arguments: [UInt64(1), 2, 3])
    func probabilitiesAndMassesAreTheModels(seed: UInt64) throws {
        for order in 1...4 {
            for (name, estimator) in GenerationFixtures.estimators {
                let (model, corpus) = try GenerationFixtures.model(estimator, order: order, seed: seed)
                let index = SuccessorIndex(model: model)
                for history in GenerationFixtures.histories(corpus, size: 30, count: 20, seed: seed) {
                    let context = index.context(after: history)
                    var sum = 0.0
                    for word in WordID(0)..<WordID(model.vocabulary.count) where word != Vocabulary.beginID {
                        let expected = model.log10Probability(of: word, context: history)
                        #expect(index.log10Probability(of: word, in: context) == expected, "\(name) order \(order) \(history) word \(word)")
                        if word != Vocabulary.unknownID { sum += pow(10, expected) }
                    }
                    let total = index.totalProbability(in: context)
                    #expect(abs(total - sum) <= 1e-9 * Swift.max(1, sum), "\(name) order \(order) \(history): T = \(total), Σ = \(sum)")
                }
            }
        }
    }

    /// The k most likely words are the brute-force scan's, in the same order, with the same values.
    @Test(arguments: [UInt64(4), 5, 6])
    func mostLikelyEqualsVocabularyScan(seed: UInt64) throws {
        for order in 1...4 {
            for (name, estimator) in GenerationFixtures.estimators {
                let (model, corpus) = try GenerationFixtures.model(estimator, order: order, seed: seed)
                let index = SuccessorIndex(model: model)
                for history in GenerationFixtures.histories(corpus, size: 30, count: 20, seed: seed &+ 17) {
                    let expected = GenerationFixtures.bruteForce(model, after: history)
                    let context = index.context(after: history)
                    for k in [1, 2, 5, 40] {
                        let found = index.mostLikely(k, in: context)
                        #expect(found.map(\.word) == expected.prefix(k).map(\.word), "\(name) order \(order) k \(k) \(history)")
                        #expect(found.map(\.logProbability) == expected.prefix(k).map { $0.log10 * NGramModel.ln10 })
                    }
                    #expect(index.distribution(in: context).map(\.word) == expected.map(\.word))
                    #expect(index.mostLikelyWord(in: context)?.word == expected.first?.word)
                }
            }
        }
    }

    /// A fixed-context model's uniform fallback (add-k after an unseen context) and MLE's zero.
    @Test func unseenContexts() throws {
        let (addK, _) = try GenerationFixtures.model(AddKEstimator(k: 1), seed: 9)
        let index = SuccessorIndex(model: addK)
        let unseen = [WordID(31), 32]  // w28 w29: the rarest words, never together
        try #require(addK.storedContext(unseen) == nil)
        let context = index.context(after: unseen)
        // uniform: the smallest ids first, all with 1 / |V'|
        let top = index.mostLikely(3, in: context)
        #expect(top.map(\.word) == [2, 3, 4])
        #expect(abs(top[0].logProbability + log(Double(addK.vocabulary.count - 1))) < 1e-6)
        let (mle, _) = try GenerationFixtures.model(MLEEstimator(), seed: 9)
        let mleIndex = SuccessorIndex(model: mle)
        var generator = SeededGenerator(seed: 1)
        #expect(mleIndex.sample(in: mleIndex.context(after: unseen), using: &generator) == nil)
        #expect(mleIndex.mostLikely(3, in: mleIndex.context(after: unseen)).isEmpty)
    }

    /// An ARPA model round trip gives the same index answers (suffix links through the reader).
    @Test func arpaRoundTripKeepsAnswers() throws {
        let (model, corpus) = try GenerationFixtures.model(KneserNeyEstimator(), order: 3, seed: 12)
        let reread = try NGramModel.parseARPA(try model.arpaText())
        let a = SuccessorIndex(model: model), b = SuccessorIndex(model: reread)
        for history in GenerationFixtures.histories(corpus, size: 30, count: 30, seed: 3) {
            let translated = history.map { reread.vocabulary.id(of: model.vocabulary[$0]) }
            let expected = a.mostLikely(5, in: a.context(after: history)).map { model.vocabulary[$0.word] }
            #expect(b.mostLikely(5, in: b.context(after: translated)).map { reread.vocabulary[$0.word] } == expected)
        }
    }
}
