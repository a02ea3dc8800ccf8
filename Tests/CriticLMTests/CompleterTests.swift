import CriticCorpus
import Foundation
import Testing
@testable import CriticLM

@Suite struct CompleterTests {
    /// Acceptance 2: greedy completion is, word after word, the brute-force argmax over the
    /// vocabulary, with the model's log probabilities.
    @Test(arguments: [UInt64(31), 32, 33])
    func greedyEqualsBruteForceArgmax(seed: UInt64) throws {
        for order in 2...4 {
            for (name, estimator) in GenerationFixtures.estimators {
                let (model, corpus) = try GenerationFixtures.model(estimator, order: order, seed: seed)
                let index = SuccessorIndex(model: model)
                for history in GenerationFixtures.histories(corpus, size: 30, count: 10, seed: seed) {
                    let prefix = Array(history.dropFirst())
                    let completion = index.greedyCompletion(of: prefix, maxWords: 12)
                    // the reference: scan the vocabulary at every step
                    var words = history
                    var logProbability = 0.0
                    var expected: [WordID] = []
                    var ended = false
                    while expected.count < 12, let best = GenerationFixtures.bruteForce(model, after: words).first {
                        logProbability += best.log10 * NGramModel.ln10
                        if best.word == Vocabulary.endID { ended = true; break }
                        expected.append(best.word)
                        words.append(best.word)
                    }
                    #expect(completion.words == expected, "\(name) order \(order) after \(prefix)")
                    #expect(completion.ended == ended)
                    #expect(abs(completion.logProbability - logProbability) < 1e-9)
                }
            }
        }
    }

    /// Beam search: width 1 is greedy; a width covering every continuation is exhaustive search.
    @Test func beamSearchBetweenGreedyAndExhaustive() throws {
        // 4 words, so continuations of up to 3 words number 4 + 16 + 64 (+ the ends)
        let (model, corpus) = try GenerationFixtures.model(KneserNeyEstimator(), order: 3, seed: 41, size: 4,
                                                           sequences: 60, maxLength: 6)
        let index = SuccessorIndex(model: model)
        for history in GenerationFixtures.histories(corpus, size: 4, count: 8, seed: 2) {
            let prefix = Array(history.dropFirst())
            let greedy = index.greedyCompletion(of: prefix, maxWords: 3)
            #expect(index.beamSearch(from: prefix, maxWords: 3, beamWidth: 1) == [greedy])
            // exhaustive: every sequence of < 3 words ended by </s>, or of 3 words cut there (3
            // words then </s> is always less likely than 3 words cut, so neither search counts it)
            var all: [(words: [WordID], logProbability: Double, ended: Bool)] = []
            func extend(_ words: [WordID], _ logProbability: Double) {
                if words.count == 3 { all.append((words, logProbability, false)); return }
                let end = model.logProbability(of: Vocabulary.endID, context: history + words)
                all.append((words, logProbability + end, true))
                for word in WordID(3)..<WordID(model.vocabulary.count) {
                    extend(words + [word], logProbability + model.logProbability(of: word, context: history + words))
                }
            }
            extend([], 0)
            let best = all.max { $0.logProbability < $1.logProbability }!
            let beam = index.beamSearch(from: prefix, maxWords: 3, beamWidth: 200)
            #expect(beam.first?.words == best.words && beam.first?.ended == best.ended, "after \(prefix)")
            #expect(abs(beam.first!.logProbability - best.logProbability) < 1e-9)
            #expect(beam.count == Swift.min(200, all.count))
            // a wider beam never finds a worse best continuation, nor a beam a worse one than greedy
            let narrow = index.beamSearch(from: prefix, maxWords: 3, beamWidth: 2)
            #expect(narrow[0].logProbability <= beam[0].logProbability + 1e-12)
            #expect(narrow[0].logProbability >= greedy.logProbability)
        }
    }

    /// The K most likely next words: the lecture's table.
    @Test func nextWordsTable() throws {
        let (model, corpus) = try GenerationFixtures.model(AddKEstimator(k: 0.1), seed: 3)
        let index = SuccessorIndex(model: model)
        let prefix = Array(corpus[0].prefix(2))
        let table = index.nextWords(after: prefix, count: 5)
        let expected = GenerationFixtures.bruteForce(model, after: [Vocabulary.beginID] + prefix).prefix(5)
        #expect(table.map(\.word) == expected.map(\.word))
        #expect(zip(table, table.dropFirst()).allSatisfy { $0.logProbability >= $1.logProbability })
    }
}
