import Foundation
import Testing
@testable import CriticCorpus

@Suite struct TokenizationRecordTests {
    static let variants: [Tokenization] = [
        .whitespace, .default,
        .icu(TokenizerOptions(keepPunctuation: false, caseFolding: false, nfkc: false, numbers: .classToken("<n>"), locale: "th")),
    ]

    func encoded<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test func jsonIsStableAndRoundTrips() throws {
        #expect(try encoded(Tokenization.whitespace) == #"{"method":"whitespace"}"#)
        #expect(try encoded(Tokenization.default)
                == #"{"case_folding":true,"keep_punctuation":true,"locale":"","method":"icu","nfkc":true,"number_class_token":null}"#)
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        for tokenization in Self.variants {
            #expect(try decoder.decode(Tokenization.self, from: Data(try encoded(tokenization).utf8)) == tokenization)
        }
        let record = ModelRecord(tokenization: Self.variants[2], vocabulary: VocabularyPolicy(minCount: 3),
                                 provenance: Provenance(corpus: ["x"], reviews: 5, critickitVersion: "v", command: ["train"]))
        #expect(try ModelRecord.decode(record.encoded()).get() == record)
        #expect(record.encoded() == record.encoded())
    }

    @Test func badRecordsAreRefused() {
        for json in [#"{"method":"spaces"}"#, #"{"method":"icu","number_class_token":"a b"}"#, #"{"method":"icu","number_class_token":""}"#, "[]"] {
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            #expect(throws: DecodingError.self) { try decoder.decode(Tokenization.self, from: Data(json.utf8)) }
        }
        if case .success = ModelRecord.decode(Array("{".utf8)) { Issue.record("a truncated record decoded") }
    }

    @Test func unsaidSettingsTakeTheRecord() throws {
        for recorded in Self.variants {
            #expect(try TokenizationRequest().resolve(against: recorded) == recorded)
        }
        #expect(try TokenizationRequest().resolve(against: nil) == .default)
        #expect(try TokenizationRequest(whitespace: true).resolve(against: nil) == .whitespace)
        #expect(try TokenizationRequest(keepPunctuation: false).resolve(against: nil) == .icu(TokenizerOptions(keepPunctuation: false)))
    }

    @Test func agreeingSettingsAreFine() throws {
        let recorded = Self.variants[2]
        let request = TokenizationRequest(whitespace: false, keepPunctuation: false, caseFolding: false, nfkc: false,
                                          numbers: .classToken("<n>"), locale: "th")
        #expect(try request.resolve(against: recorded) == recorded)
        #expect(try TokenizationRequest(whitespace: true).resolve(against: .whitespace) == .whitespace)
    }

    @Test func contradictingSettingsNameTheSetting() {
        let cases: [(TokenizationRequest, Tokenization, TokenizationConflict.Setting)] = [
            (TokenizationRequest(whitespace: true), .default, .method),
            (TokenizationRequest(keepPunctuation: false), .default, .punctuation),
            (TokenizationRequest(caseFolding: false), .default, .caseFolding),
            (TokenizationRequest(nfkc: false), .default, .nfkc),
            (TokenizationRequest(numbers: .classToken("<num>")), .default, .numbers),
            (TokenizationRequest(numbers: .classToken("<num>")), Self.variants[2], .numbers),
            (TokenizationRequest(locale: "ja"), .default, .locale),
            (TokenizationRequest(whitespace: false), .whitespace, .method),
            (TokenizationRequest(caseFolding: false), .whitespace, .caseFolding),
        ]
        for (request, recorded, setting) in cases {
            #expect { try request.resolve(against: recorded) } throws: { ($0 as? TokenizationConflict)?.setting == setting }
        }
    }

    @Test func bothMethodsTokenizeAsTheyDid() throws {
        let text = "The FILM, frankly:\tsuperb!"
        #expect(try Tokenization.whitespace.tokenize(text) == ["The", "FILM,", "frankly:", "superb!"])
        #expect(try Tokenization.default.tokenize(text) == (try Tokenizer().tokenize(text)))
        let noPunctuation = Tokenization.icu(TokenizerOptions(keepPunctuation: false, caseFolding: false))
        #expect(try noPunctuation.tokenize(text) == ["The", "FILM", "frankly", "superb"])
        let texts = (0..<50).map { "Review \($0): the FILM was, frankly, superb!" }
        for tokenization in Self.variants {
            let reused = try tokenization.makeTokenizer()
            #expect(try tokenization.tokenize(texts, threads: 2) == texts.map { try reused.tokenize($0) })
        }
    }
}
