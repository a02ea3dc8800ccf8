import Testing
@testable import CriticCorpus

@Suite struct CorpusStatisticsTests {
    @Test func countsCriticsTokensTypesAndOOVInCorpusOrder() {
        let vocabulary = Vocabulary(counting: [["great", "film", "."]])
        var tally = CorpusStatistics.Tally(vocabulary: (name: "v.txt", words: vocabulary))
        tally.add(Review(critic: "kael", id: "1", text: ""), tokens: ["great", "trash", "!"])
        tally.add(Review(critic: "ebert", id: "2", text: ""), tokens: ["great", "film", "."])
        tally.add(Review(critic: "ebert", id: "3", text: ""), tokens: ["bad", "film", "."])
        tally.add(Review(critic: nil, id: "4", text: ""), tokens: [])
        let statistics = tally.statistics(read: CorpusReadReport())
        #expect(statistics.critics == 2 && statistics.reviews == 4 && statistics.tokens == 9 && statistics.types == 6)
        #expect(statistics.oovTokens == 3 && statistics.oovRate == 3.0 / 9 && statistics.vocabulary == "v.txt")
        #expect(statistics.perCritic.map(\.critic) == ["kael", "ebert", nil])
        #expect(statistics.perCritic[1].tokensPerReview == 3)
        #expect(statistics.mostProlificCritics(1).map(\.critic) == ["ebert"])
        #expect(statistics.mostProlificCritics(3) == statistics.perCritic)
    }

    @Test func withoutAVocabularyTheOOVFiguresAreAbsent() {
        var tally = CorpusStatistics.Tally()
        tally.add(Review(critic: "a", id: "1", text: ""), tokens: ["x"])
        let statistics = tally.statistics(read: CorpusReadReport())
        #expect(statistics.vocabulary == nil && statistics.oovTokens == nil && statistics.oovRate == nil)
    }

    @Test func stopWordsByNameOrFile() throws {
        #expect(try BagOfWordsOptions.stopWords(named: "english") == BagOfWordsOptions.englishStopWords)
        #expect(throws: CorpusError.missingFile(path: "/nonexistent/stop.txt")) {
            try BagOfWordsOptions.stopWords(named: "/nonexistent/stop.txt")
        }
    }
}
