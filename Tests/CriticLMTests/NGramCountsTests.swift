import CriticCorpus
import Testing
import CriticLM

@Suite struct NGramCountsTests {
    @Test func countsOneSequenceByHand() throws {
        var counts = try NGramCounts(order: 3)
        counts.add(sequence: [3, 4, 3, 4] as [WordID])
        // <s> a b a b </s>
        #expect(counts.count(of: [1]) == 1)
        #expect(counts.count(of: [3]) == 2)
        #expect(counts.count(of: [2]) == 1)
        #expect(counts.count(of: [3, 4]) == 2)
        #expect(counts.count(of: [1, 3]) == 1)
        #expect(counts.count(of: [1, 3, 4]) == 1)
        #expect(counts.count(of: [3, 4, 3]) == 1)
        #expect(counts.count(of: [4, 3, 4]) == 1)
        #expect(counts.count(of: [3, 4, 2]) == 1)
        #expect(counts.count(of: [1, 1, 3]) == 0)  // no <s> <s>: the same event as <s>
        #expect(counts.distinctCount(order: 2) == 4)
        #expect(counts.distinctCount(order: 3) == 4)
        #expect(counts.tokenCount == 5)
        #expect(counts.sequenceCount == 1)
    }

    @Test(arguments: [UInt64(11), 12, 13])
    func parallelCountingEqualsSerialAndFoldsSubtract(seed: UInt64) throws {
        let (_, corpus) = Fixtures.randomCorpus(sequences: 400, size: 30, maxLength: 12, seed: seed)
        for order in 1...5 {
            var serial = try NGramCounts(order: order)
            for sequence in corpus { serial.add(sequence: sequence) }
            let parallel = try NGramCounts.counting(corpus, order: order, threads: 3)
            #expect(table(serial) == table(parallel))
            // k-fold: the whole minus a fold equals the rest
            let fold = Array(corpus[100..<200])
            let rest = Array(corpus[..<100] + corpus[200...])
            var whole = parallel
            whole.subtract(try NGramCounts.counting(fold, order: order, threads: 1))
            #expect(table(whole) == table(try NGramCounts.counting(rest, order: order, threads: 2)))
            #expect(whole.tokenCount == rest.reduce(0) { $0 + UInt64($1.count) + 1 })
        }
    }

    @Test func unsupportedOrder() {
        #expect(throws: LanguageModelError.unsupportedOrder(6)) { try NGramCounts(order: 6) }
    }

    private func table(_ counts: NGramCounts) -> [[WordID]: UInt64] {
        var result: [[WordID]: UInt64] = [:]
        for n in 1...counts.order { counts.forEachNGram(order: n) { result[$0] = $1 } }
        return result
    }
}

@Suite struct PretokenizedTextTests {
    @Test func internsInFirstAppearanceOrderLikeVocabularyCounting() {
        let lines = ["the film  is\tgood", "", "the end\r", "good good film"]
        let (vocabulary, sequences) = PretokenizedText.encode(lines: lines)
        let expected = Vocabulary(counting: lines.map { $0.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init) })
        #expect(vocabulary == expected)
        #expect(sequences.map(vocabulary.decode) == [["the", "film", "is", "good"], [], ["the", "end"], ["good", "good", "film"]])
        let (bytesVocabulary, bytesSequences) = PretokenizedText.encode(bytes: Array((lines.joined(separator: "\n") + "\n").utf8))
        #expect(bytesVocabulary == vocabulary)
        #expect(bytesSequences == sequences)
        let (cut, cutSequences) = PretokenizedText.encode(lines: lines, minCount: 2)
        #expect(cut.tokens == ["<unk>", "<s>", "</s>", "the", "film", "good"])
        #expect(cut.counts[0] == 2)  // "is" and "end"
        #expect(cutSequences[2] == [cut.id(of: "the"), Vocabulary.unknownID])
    }
}
