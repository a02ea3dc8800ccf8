import CriticSupport
import Foundation
import CriticCorpus
import Testing
@testable import CriticLM

@Suite struct NGramCountsRemappingTests {
    @Test func identityRemappingKeepsEveryCount() throws {
        var random = SeededGenerator(seed: 9)
        let sequences = (0..<50).map { _ in (0..<Int(random.next() % 12)).map { _ in WordID(3 + random.next() % 20) } }
        let counts = try NGramCounts.counting(sequences, order: 3, threads: 1)
        let same = counts.remapped((0..<23).map { WordID($0) })
        for n in 1...3 {
            #expect(same.distinctCount(order: n) == counts.distinctCount(order: n))
            counts.forEachNGram(order: n) { ngram, count in #expect(same.count(of: ngram) == count) }
        }
        #expect(same.tokenCount == counts.tokenCount && same.sequenceCount == counts.sequenceCount)
    }

    @Test func remappingEqualsCountingTheRemappedSequences() throws {
        var random = SeededGenerator(seed: 4)
        let sequences = (0..<80).map { _ in (0..<Int(random.next() % 10)).map { _ in WordID(3 + random.next() % 15) } }
        // ids 10... become <unk>, the others are compacted
        var map: [WordID] = []
        for id in 0..<18 { map.append(id < 10 ? WordID(id) : Vocabulary.unknownID) }
        let expected = try NGramCounts.counting(sequences.map { $0.map { map[Int($0)] } }, order: 3, threads: 1)
        let remapped = try NGramCounts.counting(sequences, order: 3, threads: 1).remapped(map)
        for n in 1...3 {
            #expect(remapped.distinctCount(order: n) == expected.distinctCount(order: n))
            expected.forEachNGram(order: n) { ngram, count in #expect(remapped.count(of: ngram) == count) }
        }
        #expect(remapped.tokenCount == expected.tokenCount)
    }

    @Test func uniformBaseDistributionGivesTheSameModelAsNone() throws {
        let sequences: [[WordID]] = [[3, 4, 5], [4, 5, 6, 3], [5, 3, 4]]
        let vocabulary = Vocabulary(tokens: ["a", "b", "c", "d", "e"])
        let counts = try NGramCounts.counting(sequences, order: 3, threads: 1)
        var uniform = [Double](repeating: 1 / Double(vocabulary.count - 1), count: vocabulary.count)
        uniform[Int(Vocabulary.beginID)] = 0
        let plain = try KneserNeyEstimator().estimate(counts, vocabulary: vocabulary).model
        let based = try KneserNeyEstimator(baseDistribution: uniform).estimate(counts, vocabulary: vocabulary).model
        #expect(plain.binaryData() == based.binaryData())
        let base = try KneserNeyEstimator().unigramDistribution(counts, vocabulary: vocabulary)
        #expect(abs(base.reduce(0, +) - 1) < 1e-12 && base[Int(Vocabulary.beginID)] == 0 && base.allSatisfy { $0 >= 0 })
        #expect(base[Int(Vocabulary.unknownID)] > 0)
        // a base distribution still gives a normalized model
        let model = try KneserNeyEstimator(baseDistribution: base).estimate(counts, vocabulary: vocabulary).model
        for context: [WordID] in [[], [3], [4, 5], [7, 7]] {
            let total = (0..<WordID(vocabulary.count)).filter { $0 != Vocabulary.beginID }
                .reduce(0.0) { $0 + exp(model.logProbability(of: $1, context: context)) }
            #expect(abs(total - 1) < 1e-5)
        }
    }
}
