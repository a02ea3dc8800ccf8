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
}
