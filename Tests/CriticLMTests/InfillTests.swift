import CriticCorpus
import Foundation
import Testing
import CriticLM

@Suite struct InfillTests {
    /// The blank's candidates are ranked by the whole review's score, computed here in full.
    @Test(arguments: [UInt64(51), 52])
    func fillRanksByWholeReviewScore(seed: UInt64) throws {
        for order in 2...4 {
            let (model, corpus) = try GenerationFixtures.model(KneserNeyEstimator(), order: order, seed: seed)
            for review in corpus.filter({ $0.count >= 3 }).prefix(6) {
                let blank = review.count / 2
                let left = Array(review[..<blank]), right = Array(review[(blank + 1)...])
                let found = model.fill(left: left, right: right, top: 5)
                let scores = (WordID(3)..<WordID(model.vocabulary.count)).map { word in
                    (word, model.score(sequence: left + [word] + right).logProbability)
                }.sorted { ($0.1, $1.0) > ($1.1, $0.0) }
                #expect(found.map(\.word) == scores.prefix(5).map(\.0))
                for (candidate, score) in zip(found, scores) { #expect(abs(candidate.reviewLogProbability - score.1) < 1e-9) }
                let normaliser = scores.reduce(0) { $0 + exp($1.1) }
                #expect(abs(found[0].posterior - exp(scores[0].1) / normaliser) < 1e-9)
            }
        }
    }

    /// Corrections: each gain is the change of the whole review's score; a planted error is found.
    @Test func correctionsRaiseTheReviewsProbability() throws {
        let (model, corpus) = try GenerationFixtures.model(KneserNeyEstimator(), order: 3, seed: 61)
        let review = corpus.first { $0.count >= 6 }!
        let base = model.score(sequence: review).logProbability
        let corrections = model.corrections(of: review, top: 10, threads: 2)
        #expect(!corrections.isEmpty)
        for substitution in corrections {
            var changed = review
            changed[substitution.position] = substitution.replacement
            #expect(abs(model.score(sequence: changed).logProbability - base - substitution.logProbabilityGain) < 1e-9)
            #expect(substitution.logProbabilityGain > 0)
        }
        #expect(zip(corrections, corrections.dropFirst()).allSatisfy { $0.logProbabilityGain >= $1.logProbabilityGain })
        // the best single substitution, by brute force
        var best = -Double.infinity
        for position in review.indices {
            for word in WordID(3)..<WordID(model.vocabulary.count) where word != review[position] {
                var changed = review
                changed[position] = word
                best = Swift.max(best, model.score(sequence: changed).logProbability - base)
            }
        }
        #expect(abs(corrections[0].logProbabilityGain - best) < 1e-9)
        #expect(model.corrections(of: review, top: 10, threads: 1) == corrections)
    }
}
