import CriticSupport
import Foundation
import Testing
@testable import CriticKit

@Suite struct AuthorshipModelTests {
    @Test func handBuiltTwoCriticCorpusIsClassifiedAsExpected() throws {
        // alice praises ("superb", "frankly"), bob pans ("dreadful", "alas"); both say "the film is".
        let alice = ["frankly the film is superb", "the film is superb and luminous", "frankly a superb story",
                     "the actors are superb frankly", "a luminous film frankly"]
        let bob = ["alas the film is dreadful", "the film is tedious and dreadful", "alas a dreadful story",
                   "the actors are dreadful alas", "a tedious film alas"]
        let tokens = (alice + bob).map { $0.split(separator: " ").map(String.init) }
        let critics = Array(repeating: "alice", count: 5) + Array(repeating: "bob", count: 5)
        for training in [AuthorshipTraining(), AuthorshipTraining(minReviews: 1, background: .uniform, backgroundWeight: 0),
                         AuthorshipTraining(estimator: .addk), AuthorshipTraining(order: 2)] {
            let model = try training.train(tokens: tokens, critics: critics).model
            #expect(model.critics == ["alice", "bob"])
            #expect(model.classify(["frankly", "the", "story", "is", "superb"]).best.critic == "alice")
            #expect(model.classify(["alas", "the", "story", "is", "dreadful"]).best.critic == "bob")
            // a review of only shared words and unknown words: no evidence, equal priors → a tie
            let neutral = model.classify(["the", "film", "is", "unheard-of"], usePrior: true)
            #expect(abs(neutral.ranking[0].posterior - neutral.ranking[1].posterior) < 0.5)
        }
    }

    @Test func likelihoodIsTheSumOfTheCriticModelsTokenScores() throws {
        // Without a background mixture, ℓ_c is exactly the critic model's sequence log-probability.
        let corpus = AuthorshipFixtures.twoCritics()
        let model = try AuthorshipTraining(backgroundWeight: 0).train(tokens: corpus.tokens, critics: corpus.critics).model
        let words = model.encode(["the", "film", "is", "superb"])
        let result = model.classify(encoded: words, usePrior: false)
        for score in result.ranking {
            let expected = try model.model(critic: score.critic).score(sequence: words).logProbability
            #expect(abs(score.logLikelihood - expected) < 1e-9)
            #expect(abs(score.averageLogProbability - expected / 5) < 1e-9)
        }
    }

    @Test func posteriorsSumToOneAndFollowTheScores() throws {
        let corpus = AuthorshipFixtures.twoCritics(reviewsEach: 20, seed: 11)
        let model = try AuthorshipTraining().train(tokens: corpus.tokens, critics: corpus.critics).model
        var random = SeededGenerator(seed: 3)
        let words = model.vocabulary.tokens + ["never-seen"]
        for usePrior in [true, false] {
            for _ in 0..<200 {
                let review = (0..<Int(random.next() % 40)).map { _ in words.randomElement(using: &random)! }
                let result = model.classify(review, usePrior: usePrior)
                let total = result.ranking.reduce(0) { $0 + $1.posterior }
                #expect(abs(total - 1) < 1e-12)
                #expect(result.ranking.allSatisfy { $0.posterior >= 0 && $0.logLikelihood.isFinite })
                let keys = result.ranking.map { $0.logLikelihood + $0.logPrior }
                #expect(keys == keys.sorted(by: >))
            }
        }
    }

    @Test func everyCriticModelSharesOneVocabulary() throws {
        let corpus = AuthorshipFixtures.twoCritics()
        let model = try AuthorshipTraining(minReviews: 1).train(tokens: corpus.tokens, critics: corpus.critics).model
        // "superb" is only alice's, "dreadful" only bob's: both have the same id in both models,
        // and each model gives the other critic's word a finite probability, not <unk>'s.
        for word in ["superb", "dreadful", "the"] {
            let ids = model.models.map { $0.vocabulary.id(of: word) }
            #expect(Set(ids).count == 1 && ids[0] != Vocabulary.unknownID)
        }
        #expect(model.models.allSatisfy { $0.vocabulary.tokens == model.vocabulary.tokens })
        let bob = try model.model(critic: "bob")
        let superb = model.vocabulary.id(of: "superb")
        #expect(bob.logProbability(of: superb, context: [Vocabulary.beginID]).isFinite)
        #expect(bob.logProbability(of: superb, context: [Vocabulary.beginID]) != bob.logProbability(of: Vocabulary.unknownID, context: [Vocabulary.beginID]))
    }

    @Test func minReviewsSendsOneReviewWordsToUnknownForEveryCritic() throws {
        let corpus = LabelledCorpus(tokens: [["a", "b", "once"], ["a", "b"], ["c", "d"], ["c", "d", "e"], ["e"]],
                                    critics: ["x", "x", "y", "y", "y"])
        let model = try AuthorshipTraining(minReviews: 2).train(tokens: corpus.tokens, critics: corpus.critics).model
        #expect(model.vocabulary.tokens.dropFirst(3) == ["a", "b", "c", "d", "e"])
        let all = try AuthorshipTraining(minReviews: 1).train(tokens: corpus.tokens, critics: corpus.critics).model
        #expect(all.vocabulary.contains("once"))
    }

    @Test func reviewWithNoKnownWordsStillGetsAProperPosterior() throws {
        let corpus = AuthorshipFixtures.twoCritics()
        let model = try AuthorshipTraining().train(tokens: corpus.tokens, critics: corpus.critics).model
        for review in [[], ["zzz", "qqq", "xxx"]] {
            let result = model.classify(review)
            #expect(result.oovCount == review.count)
            #expect(abs(result.ranking.reduce(0) { $0 + $1.posterior } - 1) < 1e-12)
            #expect(result.ranking.allSatisfy { $0.logLikelihood.isFinite })
        }
    }

    @Test func tiesGoToTheFirstCriticByName() throws {
        // Two critics with identical reviews have identical models: every review is a tie.
        let tokens = [["a", "b", "c"], ["b", "c", "d"], ["a", "b", "c"], ["b", "c", "d"]]
        let model = try AuthorshipTraining().train(tokens: tokens, critics: ["zed", "zed", "amy", "amy"]).model
        let result = model.classify(["a", "b", "d"])
        #expect(result.ranking.map(\.critic) == ["amy", "zed"])
        #expect(abs(result.ranking[0].posterior - 0.5) < 1e-12)
        #expect(model.predict(encoded: model.encode(["a", "b", "d"])) == 0)
    }

    @Test func tinyCriticsWarn() throws {
        let corpus = AuthorshipFixtures.twoCritics(reviewsEach: 3)
        let result = try AuthorshipTraining().train(tokens: corpus.tokens, critics: corpus.critics)
        #expect(result.warnings.contains { $0.contains("critic 'alice' has only 3 training reviews") })
    }

    @Test func explanationAddsUpToTheLikelihoodDifference() throws {
        let corpus = AuthorshipFixtures.twoCritics()
        let model = try AuthorshipTraining().train(tokens: corpus.tokens, critics: corpus.critics).model
        let words = model.encode(["frankly", "the", "film", "is", "superb", "alas"])
        let all = model.explain(encoded: words, first: 0, second: 1, limit: 100)
        #expect(all.count == words.count + 1)
        let result = model.classify(encoded: words, usePrior: false)
        let difference = result.ranking.first { $0.critic == "alice" }!.logLikelihood - result.ranking.first { $0.critic == "bob" }!.logLikelihood
        #expect(abs(all.reduce(0) { $0 + $1.difference } - difference) < 1e-9)
        let top = model.explain(encoded: words, first: 0, second: 1, limit: 2)
        #expect(top.count == 2 && abs(top[0].difference) >= abs(top[1].difference))
        #expect(all.allSatisfy { $0.ngram.count <= model.order && $0.ngram.count >= 1 })
    }

    @Test func unknownCriticIsAClearError() throws {
        let corpus = AuthorshipFixtures.twoCritics()
        let model = try AuthorshipTraining().train(tokens: corpus.tokens, critics: corpus.critics).model
        #expect(throws: AuthorshipError.unknownCritic("carol", known: ["alice", "bob"])) { try model.model(critic: "carol") }
    }
}
