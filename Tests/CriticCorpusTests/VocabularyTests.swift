import Testing
@testable import CriticCorpus

@Suite struct VocabularyTests {
    @Test func reservedIdsComeFirst() {
        let vocabulary = Vocabulary()
        #expect(vocabulary.tokens == ["<unk>", "<s>", "</s>"])
        #expect(vocabulary.id(of: "never seen") == Vocabulary.unknownID)
    }

    @Test func minCountSendsRareWordsToUnknown() {
        let vocabulary = Vocabulary(counting: [["a", "b", "a"], ["c", "a", "b"]], minCount: 2)
        #expect(vocabulary.tokens == ["<unk>", "<s>", "</s>", "a", "b"])
        #expect(vocabulary.counts == [1, 0, 0, 3, 2])
        #expect(vocabulary.encode(["c", "a"]) == [0, 3])
    }

    @Test func serializationRoundTripsAnyToken() throws {
        var vocabulary = Vocabulary(tokens: ["tab\there", "new\nline", "back\\slash", "é", "日本"])
        vocabulary.addCount(7, to: 4)
        let copy = try Vocabulary(serialized: vocabulary.serialized())
        #expect(copy == vocabulary)
    }

    @Test func corruptFilesAreRejected() {
        #expect(throws: CorpusError.self) { try Vocabulary(serialized: "hello\n") }
        #expect(throws: CorpusError.self) { try Vocabulary(serialized: Vocabulary.fileHeader + "\n<unk>\t0\n") }
    }
}
