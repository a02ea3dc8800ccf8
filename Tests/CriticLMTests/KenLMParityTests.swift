import CriticCorpus
import Foundation
import Testing
import CriticLM

/// Acceptance 2: the same model as KenLM's lmplz on identical tokens (../shared/bench/kenlm-scaledata).
@Suite(.serialized) struct KenLMParityTests {
    /// KenLM `query -v summary` on test.txt (../shared/bench/kenlm-scaledata/README.md).
    static let kenlmPerplexity = 163.11164764866686
    static let kenlmPerplexityExcludingOOV = 143.10862095820178

    @Test(.enabled(if: Fixtures.hasKenLMReference, "needs ../shared/data/scaledata, ../shared/bench/kenlm-scaledata and /usr/bin/xz"))
    func arpaReaderReproducesKenLMPerplexity() throws {
        let path = try Fixtures.kenlmARPA()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let kenlm = try NGramModel.readARPA(from: path)
        #expect(kenlm.ngramCounts == [52_859, 510_712, 1_190_895])
        let (_, test) = try Fixtures.scaledataSplit()
        let report = kenlm.perplexity(test.map { kenlm.vocabulary.encode($0) })
        #expect(report.tokens == 216_073)
        #expect(report.oov == 2_917)
        #expect(abs(report.perplexity / Self.kenlmPerplexity - 1) < 1e-4, "\(report.perplexity)")
        #expect(abs(report.perplexityExcludingOOV / Self.kenlmPerplexityExcludingOOV - 1) < 1e-4, "\(report.perplexityExcludingOOV)")
    }

    @Test(.enabled(if: Fixtures.hasKenLMReference, "needs ../shared/data/scaledata, ../shared/bench/kenlm-scaledata and /usr/bin/xz"))
    func kneserNeyMatchesLmplzNGramByNGram() throws {
        let path = try Fixtures.kenlmARPA()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let kenlm = try NGramModel.readARPA(from: path)
        let (train, test) = try Fixtures.scaledataSplit()
        let vocabulary = Vocabulary(counting: train)
        let counts = try NGramCounts.counting(train.map { vocabulary.encode($0) }, order: 3)
        let estimate = try KneserNeyEstimator().estimate(counts, vocabulary: vocabulary)
        #expect(estimate.warnings.isEmpty)
        let ours = estimate.model
        #expect(ours.ngramCounts == kenlm.ngramCounts)
        var maxProbabilityDifference: Float = 0, maxWeightDifference: Float = 0, missing = 0
        for n in 1...3 {
            ours.forEachNGram(order: n) { words, probability, weight in
                let tokens = words.map { vocabulary[$0] }
                guard let theirs = kenlm.storedValues(of: tokens.map { kenlm.vocabulary.id(of: $0) }) else { missing += 1; return }
                maxProbabilityDifference = max(maxProbabilityDifference, abs(theirs.log10Probability - probability))
                maxWeightDifference = max(maxWeightDifference, abs(theirs.log10Weight - weight))
            }
        }
        print("KenLM parity: max |Δlog10 p| = \(maxProbabilityDifference), max |Δlog10 backoff| = \(maxWeightDifference), missing \(missing)")
        #expect(missing == 0)
        #expect(maxProbabilityDifference <= 1e-4)
        #expect(maxWeightDifference <= 1e-4)
        let report = ours.perplexity(test.map { vocabulary.encode($0) })
        print("our perplexity \(report.perplexity) (KenLM \(Self.kenlmPerplexity)), excluding OOV \(report.perplexityExcludingOOV) (KenLM \(Self.kenlmPerplexityExcludingOOV))")
        #expect(abs(report.perplexity / Self.kenlmPerplexity - 1) < 1e-3)
        #expect(abs(report.perplexityExcludingOOV / Self.kenlmPerplexityExcludingOOV - 1) < 1e-3)
    }
}
