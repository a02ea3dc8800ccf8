import Testing
@testable import CriticCorpus

@Suite struct TokenizerTests {
    @Test func keepsPunctuationAndFoldsCase() throws {
        let tokenizer = try Tokenizer()
        #expect(try tokenizer.tokenize("The movie -- alas! -- wasn't GOOD.") ==
                ["the", "movie", "-", "-", "alas", "!", "-", "-", "wasn't", "good", "."])
    }

    @Test func dropsPunctuationWhenAsked() throws {
        let tokenizer = try Tokenizer(options: TokenizerOptions(keepPunctuation: false))
        #expect(try tokenizer.tokenize("Hello, world!") == ["hello", "world"])
    }

    @Test func nfkcAndCaseFoldingApplyToNonASCII() throws {
        let tokenizer = try Tokenizer()
        // Fullwidth letters become ASCII under NFKC; ß folds to ss.
        #expect(try tokenizer.tokenize("ＦＩＬＭ Straße Café") == ["film", "strasse", "café"])
    }

    @Test func numbersMapToAClassTokenWhenAsked() throws {
        let tokenizer = try Tokenizer(options: TokenizerOptions(numbers: .classToken("<num>")))
        #expect(try tokenizer.tokenize("released in 1999, 3.5 stars") == ["released", "in", "<num>", ",", "<num>", "stars"])
    }

    @Test func dictionarySegmentationForCJKAndThai() throws {
        let tokenizer = try Tokenizer()
        let japanese = try tokenizer.tokenize("私は映画が好きです")
        #expect(japanese.count > 2)
        #expect(japanese.joined() == "私は映画が好きです")
        let thai = try tokenizer.tokenize("ภาพยนตร์เรื่องนี้ดีมาก")
        #expect(thai.count > 2)
        #expect(thai.joined() == "ภาพยนตร์เรื่องนี้ดีมาก")
    }

    @Test func parallelTokenizationPreservesOrder() throws {
        let texts = (0..<2_000).map { "Review number \($0), quite good!" }
        let parallel = try Tokenizer.tokenize(texts, threads: 2)
        let serial = try Tokenizer.tokenize(texts, threads: 1)
        #expect(parallel == serial)
        #expect(parallel[1234] == ["review", "number", "1234", ",", "quite", "good", "!"])
    }
}
