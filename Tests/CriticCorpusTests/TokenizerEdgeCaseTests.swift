import CriticSupport
import Testing
@testable import CriticCorpus

@Suite struct TokenizerEdgeCaseTests {
    let tokenizer: Tokenizer
    init() throws { tokenizer = try Tokenizer() }

    // MARK: UTF-8 edge cases

    @Test func emojiWithModifiersFlagsAndZWJSequencesAreOneTokenEach() throws {
        #expect(try tokenizer.tokenize("great 👍🏽 movie 👨‍👩‍👧 family 🇫🇷!") ==
                ["great", "👍🏽", "movie", "👨‍👩‍👧", "family", "🇫🇷", "!"])
        // The ZERO WIDTH JOINERs survive normalization (NFKC_Casefold would delete them).
        let family = try tokenizer.tokenize("👨‍👩‍👧")
        #expect(family.count == 1)
        #expect(family.first?.unicodeScalars.map(\.value) == [0x1F468, 0x200D, 0x1F469, 0x200D, 0x1F467])
    }

    @Test func combiningMarksComposeAndStayInTheirWord() throws {
        // Swift's == compares canonical equivalence, so compare the bytes: NFKC composes e + U+0301.
        let tokens = try tokenizer.tokenize("E\u{301}te\u{301} nai\u{308}ve")
        #expect(tokens.map { Array($0.utf8) } == [Array("\u{E9}t\u{E9}".utf8), Array("na\u{EF}ve".utf8)])
        // ǰ folds to j + U+030C, which must be composed again.
        #expect(try tokenizer.tokenize("ǰ").map { Array($0.utf8) } == [[0xC7, 0xB0]])
    }

    @Test func compatibilityCharactersAreNormalized() throws {
        #expect(try tokenizer.tokenize("ﬁne ＦＩＬＭ ①") == ["fine", "film", "1"])
    }

    @Test func nonASCIIWhiteSpaceIsDropped() throws {
        let options = TokenizerOptions(caseFolding: false, nfkc: false)
        #expect(try Tokenizer(options: options).tokenize("a\u{A0}b\u{3000}c\u{2028}d") == ["a", "b", "c", "d"])
    }

    // MARK: Numbers and apostrophes

    @Test func numbersWithSeparatorsStayWhole() throws {
        #expect(try tokenizer.tokenize("3.5 stars, 1,000 fans, $5, 2.5x, 3d") ==
                ["3.5", "stars", ",", "1,000", "fans", ",", "$", "5", ",", "2.5x", ",", "3d"])
    }

    @Test func apostrophesInsideWordsDoNotSplit() throws {
        #expect(try tokenizer.tokenize("Don't l'homme don’t Smith's 'quoted'") ==
                ["don't", "l'homme", "don’t", "smith's", "'", "quoted", "'"])
    }

    // MARK: Dictionary segmentation (ICU 72's dictionaries; splits checked by running them)

    @Test func chineseSplitsIntoDictionaryWords() throws {
        #expect(try tokenizer.tokenize("我喜欢看电影。") == ["我", "喜欢", "看", "电影", "。"])
    }

    @Test func japaneseSplitsIntoDictionaryWords() throws {
        #expect(try tokenizer.tokenize("私は映画が好きです。") == ["私", "は", "映画", "が", "好き", "です", "。"])
    }

    @Test func thaiSplitsIntoDictionaryWords() throws {
        #expect(try tokenizer.tokenize("ภาพยนตร์เรื่องนี้ดีมาก") == ["ภาพยนตร์", "เรื่อง", "นี้", "ดี", "มาก"])
        #expect(try tokenizer.tokenize("ฉันชอบดูหนัง") == ["ฉัน", "ชอบ", "ดู", "หนัง"])
    }

    // MARK: Options

    @Test func punctuationOptionDropsOnlyPunctuationAndSymbols() throws {
        let text = "Wow!!! It's 3.5/5 -- \"great\" 🎬 film…"
        #expect(try tokenizer.tokenize(text) ==
                ["wow", "!", "!", "!", "it's", "3.5", "/", "5", "-", "-", "\"", "great", "\"", "🎬", "film", ".", ".", "."])
        let words = try Tokenizer(options: TokenizerOptions(keepPunctuation: false)).tokenize(text)
        #expect(words == ["wow", "it's", "3.5", "5", "great", "film"])
    }

    @Test func caseFoldingOptionKeepsCaseWhenOff() throws {
        let options = TokenizerOptions(caseFolding: false)
        #expect(try Tokenizer(options: options).tokenize("GOOD Film ＦＩＬＭ Straße") == ["GOOD", "Film", "FILM", "Straße"])
        #expect(try tokenizer.tokenize("GOOD Film ＦＩＬＭ Straße") == ["good", "film", "film", "strasse"])
    }

    @Test func nfkcOptionKeepsCompatibilityFormsWhenOff() throws {
        let options = TokenizerOptions(nfkc: false)
        // Case folding alone lower-cases fullwidth letters but keeps them fullwidth; full case
        // folding (CaseFolding.txt, status F) does expand the ligature ﬁ to "fi".
        #expect(try Tokenizer(options: options).tokenize("ＦＩＬＭ ﬁne ①") == ["ｆｉｌｍ", "fine", "①"])
        let neither = TokenizerOptions(caseFolding: false, nfkc: false)
        #expect(try Tokenizer(options: neither).tokenize("ＦＩＬＭ ﬁne") == ["ＦＩＬＭ", "ﬁne"])
    }

    @Test func numberClassReplacesEveryNumberButNotWordsWithDigits() throws {
        let options = TokenizerOptions(numbers: .classToken("<num>"))
        #expect(try Tokenizer(options: options).tokenize("In 1999, 3.5 of 1,000 saw 3d") ==
                ["in", "<num>", ",", "<num>", "of", "<num>", "saw", "3d"])
    }

    // MARK: APIs agree

    @Test func byteSlicesStringsAndCallbacksAgree() throws {
        let text = "Ｔhe CAFÉ’s 3.5 ★ — 我喜欢看电影 👨‍👩‍👧!"
        var fromBytes: [String] = []
        try tokenizer.forEachTokenBytes(in: text) { fromBytes.append(String(decoding: $0, as: UTF8.self)) }
        var fromCallback: [String] = []
        try tokenizer.forEachToken(in: text) { fromCallback.append($0) }
        let tokens = try tokenizer.tokenize(text)
        #expect(fromBytes == tokens)
        #expect(fromCallback == tokens)
        #expect(try tokenizer.tokenize("") == [])
        #expect(try tokenizer.tokenize(" \n\t ") == [])
    }

    // MARK: Random mixed-script text

    static let pieces = ["Film", "REVIEW", "don't", "3.5", "1,000", "café", "Straße", "ＦＩＬＭ", "ﬁne",
                         "我喜欢看电影", "私は映画が好きです", "ภาพยนตร์เรื่องนี้", "👍🏽", "👨‍👩‍👧", "🇫🇷",
                         "!", "...", "—", "«", "»", "(", ")", "é", "e\u{301}", "Ωμέγα", "Москва", "שלום", "مرحبا"]
    static let separators = [" ", " ", " ", "  ", "\n", "\t", "\u{A0}", "", "-"]

    static func randomText(_ generator: inout SeededGenerator) -> String {
        var text = ""
        for _ in 0..<Int.random(in: 0...40, using: &generator) {
            text += pieces.randomElement(using: &generator)!
            text += separators.randomElement(using: &generator)!
        }
        return text
    }

    @Test(arguments: 1...8 as ClosedRange<UInt64>)
    func parallelTokenizationEqualsSerial(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        let texts = (0..<300).map { _ in Self.randomText(&generator) }
        let serial = try Tokenizer.tokenize(texts, threads: 1)
        #expect(try Tokenizer.tokenize(texts, threads: 2) == serial)
        #expect(try Tokenizer.tokenize(texts, threads: 3) == serial)
        #expect(serial == (try texts.map { try tokenizer.tokenize($0) }))
    }

    @Test(arguments: 1...8 as ClosedRange<UInt64>)
    func withoutNormalizationTokensAreTheTextMinusWhiteSpace(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        let raw = try Tokenizer(options: TokenizerOptions(caseFolding: false, nfkc: false))
        for _ in 0..<100 {
            let text = Self.randomText(&generator)
            let tokens = try raw.tokenize(text)
            #expect(tokens.allSatisfy { !$0.isEmpty })
            let kept = String(String.UnicodeScalarView(text.unicodeScalars.filter { !$0.properties.isWhitespace }))
            #expect(Array(tokens.joined().unicodeScalars) == Array(kept.unicodeScalars))
        }
    }
}
