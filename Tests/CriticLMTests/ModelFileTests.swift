import CriticCorpus
import CriticSupport
import Foundation
import Testing
import CriticLM

@Suite struct ModelFileTests {
    static func model(order: Int = 3, seed: UInt64 = 7, estimator: any Estimator = KneserNeyEstimator()) throws -> NGramModel {
        let (vocabulary, corpus) = Fixtures.randomCorpus(sequences: 300, size: 60, maxLength: 20, seed: seed)
        let counts = try NGramCounts.counting(corpus, order: order, threads: 2)
        return try estimator.estimate(counts, vocabulary: vocabulary).model
    }

    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("critickit-\(getpid())-\(name)").path
    }

    @Test(arguments: 1...5)
    func arpaRoundTripIsIdentical(order: Int) throws {
        let model = try Self.model(order: order)
        let text = try model.arpaText()
        let reread = try NGramModel.parseARPA(text)
        #expect(try reread.arpaText() == text)
        #expect(reread.ngramCounts == model.ngramCounts)
        #expect(reread.vocabulary.tokens == model.vocabulary.tokens)
    }

    @Test func arpaValuesAreKenLMStyle() throws {
        let text = String(decoding: try Self.model().arpaText(), as: UTF8.self)
        let lines = text.split(separator: "\n")
        #expect(lines[0] == "\\data\\")
        #expect(lines.contains { $0.hasPrefix("0\t<s>\t-") })   // <s>: probability 1 as lmplz writes it
        #expect(!text.contains("e-"))                              // positional notation, as KenLM
        #expect(text.hasSuffix("\\end\\\n"))
    }

    @Test(arguments: 1...5)
    func binaryRoundTripScoresTheSame(order: Int) throws {
        let model = try Self.model(order: order)
        let path = Self.temporaryPath("model-\(order).lm")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try model.save(to: path)
        let loaded = try NGramModel.load(from: path)
        #expect(loaded.binaryData() == model.binaryData())
        let (_, test) = Fixtures.randomCorpus(sequences: 50, size: 70, maxLength: 20, seed: 99)
        let sequences = test.map { $0.map { $0 < WordID(model.vocabulary.count) ? $0 : Vocabulary.unknownID } }
        #expect(loaded.perplexity(sequences) == model.perplexity(sequences))
    }

    @Test func fixedContextModelsSurviveTheBinaryFile() throws {
        for estimator in [AddKEstimator(k: 0.5), MLEEstimator()] as [any Estimator] {
            let model = try Self.model(estimator: estimator)
            let loaded = try NGramModel(binary: model.binaryData())
            #expect(loaded.form == .fixedContext)
            #expect(loaded.logProbability(of: 5, context: [1, 3]) == model.logProbability(of: 5, context: [1, 3]) || loaded.logProbability(of: 5, context: [1, 3]).isNaN)
            #expect(throws: LanguageModelError.self) { try model.arpaText() }
        }
    }

    @Test func truncatedFlippedAndForeignFilesAreRejected() throws {
        let bytes = try Self.model().binaryData()
        for cut in [0, 10, 30, bytes.count / 2, bytes.count - 1] {
            #expect(throws: LanguageModelError.self) { try NGramModel(binary: Array(bytes.prefix(cut)), path: "m.lm") }
        }
        var generator = SeededGenerator(seed: 3)
        for _ in 0..<20 {
            var flipped = bytes
            let position = Int.random(in: 0..<bytes.count, using: &generator)
            flipped[position] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &generator)
            #expect(throws: LanguageModelError.self) { try NGramModel(binary: flipped, path: "m.lm") }
        }
        var otherVersion = bytes
        otherVersion[8] = 99
        do {
            _ = try NGramModel(binary: otherVersion, path: "m.lm")
            Issue.record("a model of another version loaded")
        } catch {
            #expect(error.description.contains("m.lm"))
            #expect(error.description.contains("version 99"))
        }
        do {
            _ = try NGramModel(binary: Array("\\data\\\nngram 1=3\n".utf8), path: "x.arpa")
            Issue.record("an ARPA file loaded as a binary model")
        } catch {
            #expect(error.description.contains("ARPA"))
        }
    }

    @Test func malformedARPAIsRejectedWithTheLine() throws {
        let cases: [(String, Int)] = [
            ("hello\n", 1),
            ("\\data\\\nngram 1=2\n\n\\1-grams:\n-1\t<s>\nfoo\t</s>\n\\end\\\n", 6),
            ("\\data\\\nngram 1=3\nngram 2=1\n\n\\1-grams:\n-1\t<unk>\n0\t<s>\t-1\n-1\t</s>\n\n\\2-grams:\n-1\t<s> nope\n\\end\\\n", 11),
            ("\\data\\\nngram 1=2\n\n\\1-grams:\n-1\t<s>\n", 5),
        ]
        for (text, line) in cases {
            do {
                _ = try NGramModel.parseARPA(Array(text.utf8), path: "bad.arpa")
                Issue.record("accepted: \(text)")
            } catch {
                guard case .malformedARPA(let path, let reported, _) = error else { Issue.record("\(error)"); continue }
                #expect(path == "bad.arpa")
                #expect(reported == line, "\(error)")
            }
        }
    }

    @Test func successorsAndWeightsRebuildEveryProbability() throws {
        let model = try Self.model(order: 3)
        var generator = SeededGenerator(seed: 5)
        for _ in 0..<20 {
            let history: [WordID] = [1, WordID.random(in: 3..<63, using: &generator)]
            var context: NGramContext? = model.longestStoredContext(history)
            // P(w | c) = listed successor, or weight × P(w | shorter context)
            var expected = [Double](repeating: 0, count: model.vocabulary.count)
            var assigned = Set<WordID>()
            var logScale = 0.0
            while let current = context {
                for (word, logProbability) in model.successors(of: current) where !assigned.contains(word) {
                    expected[Int(word)] = logScale + logProbability
                    assigned.insert(word)
                }
                logScale += model.logWeight(of: current)
                context = model.shorter(current)
            }
            for word in assigned {
                #expect(abs(expected[Int(word)] - model.logProbability(of: word, context: history)) < 1e-9)
            }
            #expect(assigned.count == model.vocabulary.count - 1)
        }
    }
}
