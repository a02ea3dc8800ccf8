import CriticCorpus
import CriticSupport
import Foundation
import Testing
import CriticLM

@Suite struct EstimatorTests {
    /// The lecture's M7, "more realistic than real life", scored as P(X₁) P(X₂|X₁) P(Xᵢ|Xᵢ₋₂Xᵢ₋₁)
    /// from a hand-built table whose ratios are the lecture's factors.
    @Test func lectureArithmeticOfM7() throws {
        let vocabulary = Vocabulary(tokens: ["more", "realistic", "than", "real", "life", "other"])
        let id = { (token: String) in vocabulary.id(of: token) }
        var counts = try NGramCounts(order: 3)
        counts.add([id("more")], count: 400)                       // P(more) = 400 / 2000 = 0.2
        // the other unigrams make the table consistent (a context is counted at least as often as
        // its continuations) and N = 2000
        for (token, count) in [("realistic", 200), ("than", 400), ("real", 300), ("life", 100), ("other", 600)] {
            counts.add([id(token)], count: UInt64(count))
        }
        counts.add([id("more"), id("realistic")], count: 100)      // 100 / 400 = 0.25
        counts.add([id("more"), id("realistic"), id("than")], count: 61)   // 61 / 100 = 0.61
        counts.add([id("realistic"), id("than")], count: 122)
        counts.add([id("realistic"), id("than"), id("real")], count: 61)   // 61 / 122 = 0.50
        counts.add([id("than"), id("real")], count: 300)
        counts.add([id("than"), id("real"), id("life")], count: 99)        // 99 / 300 = 0.33
        let model = try MLEEstimator().estimate(counts, vocabulary: vocabulary).model
        let words = ["more", "realistic", "than", "real", "life"].map(id)
        var factors: [Double] = []
        for (position, word) in words.enumerated() {
            factors.append(exp(model.logProbability(of: word, context: words[..<position])))
        }
        let expected = [0.2, 0.25, 0.61, 0.50, 0.33]
        for (factor, value) in zip(factors, expected) { #expect(abs(factor - value) < 1e-6) }
        let product = factors.reduce(1, *)
        #expect(abs(product - 0.2 * 0.25 * 0.61 * 0.50 * 0.33) < 1e-8)
        #expect(abs(product - 0.005) < 0.0001)  // the lecture's ≈ 0.005
    }

    /// Σ_w P(w | c) = 1 over the vocabulary without <s>, for stored and unseen contexts.
    @Test(arguments: [UInt64(1), 2, 3, 4, 5])
    func probabilitiesSumToOne(seed: UInt64) throws {
        let (vocabulary, corpus) = Fixtures.randomCorpus(sequences: 60 + Int(seed) * 20, size: 40, maxLength: 15, seed: seed)
        var generator = SeededGenerator(seed: seed &* 977)
        let estimators: [any Estimator] = [KneserNeyEstimator(), AddKEstimator(k: 1), AddKEstimator(k: 0.1), MLEEstimator()]
        for order in 1...4 {
            let counts = try NGramCounts.counting(corpus, order: order, threads: 2)
            for estimator in estimators {
                let model = try estimator.estimate(counts, vocabulary: vocabulary).model
                for trial in 0..<25 {
                    // half the contexts come from the corpus (seen), half are random (mostly unseen)
                    var context: [WordID]
                    if trial % 2 == 0, let sequence = corpus.randomElement(using: &generator), !sequence.isEmpty {
                        let end = Int.random(in: 0...sequence.count, using: &generator)
                        context = [Vocabulary.beginID] + sequence[..<end]
                    } else {
                        context = (0..<Int.random(in: 0...3, using: &generator)).map { _ in WordID.random(in: 3..<WordID(vocabulary.count), using: &generator) }
                    }
                    let total = (0..<WordID(vocabulary.count)).filter { $0 != Vocabulary.beginID }
                        .reduce(0.0) { $0 + exp(model.logProbability(of: $1, context: context)) }
                    if estimator is MLEEstimator {
                        // MLE: 1 after a seen context, 0 after an unseen one
                        #expect(abs(total - 1) < 1e-5 || total == 0, "order \(order) MLE context \(context): \(total)")
                    } else {
                        #expect(abs(total - 1) < 1e-5, "order \(order) \(type(of: estimator)) context \(context): \(total)")
                    }
                }
            }
        }
    }

    /// A shared vocabulary (as in authorship bundles) holds words this model never saw: after such
    /// a word, add-k is uniform and MLE has no distribution, as for any context never seen.
    @Test func wordsNeverSeenAsContextsAreUnseenContexts() throws {
        let vocabulary = Vocabulary(tokens: ["a", "b", "c", "never", "seen"])
        let corpus: [[WordID]] = [["a", "b", "a"], ["b", "c"]].map { vocabulary.encode($0) }
        for order in 2...3 {
            let counts = try NGramCounts.counting(corpus, order: order, threads: 1)
            for estimator in [AddKEstimator(k: 1), AddKEstimator(k: 0.5)] as [any Estimator] {
                let model = try estimator.estimate(counts, vocabulary: vocabulary).model
                for context in [[vocabulary.id(of: "never")], [Vocabulary.unknownID], [vocabulary.id(of: "a"), vocabulary.id(of: "seen")]] {
                    let total = (0..<WordID(vocabulary.count)).filter { $0 != Vocabulary.beginID }
                        .reduce(0.0) { $0 + exp(model.logProbability(of: $1, context: context)) }
                    #expect(abs(total - 1) < 1e-5, "order \(order) \(type(of: estimator)) after \(context): \(total)")
                }
            }
            let mle = try MLEEstimator().estimate(counts, vocabulary: vocabulary).model
            #expect(mle.logProbability(of: vocabulary.id(of: "a"), context: [vocabulary.id(of: "never")]) == -.infinity)
        }
    }

    /// Chen & Goodman's discounts on hand-made counts-of-counts, and the fallback.
    @Test func discountsFollowEquation26() {
        let estimator = KneserNeyEstimator()
        let d = estimator.discounts(countsOfCounts: [100, 40, 20, 10])
        let y = 100.0 / 180.0
        #expect(!d.isFallback)
        #expect(abs(d.amounts[0] - (1 - 2 * y * 40 / 100)) < 1e-12)
        #expect(abs(d.amounts[1] - (2 - 3 * y * 20 / 40)) < 1e-12)
        #expect(abs(d.amounts[2] - (3 - 4 * y * 10 / 20)) < 1e-12)
        #expect(estimator.discounts(countsOfCounts: [5, 0, 1, 1]).isFallback)
        #expect(estimator.discounts(countsOfCounts: [10, 2, 1, 40]).amounts == [0.5, 1, 1.5])  // D3 < 0
    }

    /// A per-critic model of a few dozen tokens: degenerate counts-of-counts fall back with a
    /// warning instead of failing, and the model still sums to one.
    @Test func tinyDataFallsBackWithAWarning() throws {
        let vocabulary = Vocabulary(tokens: ["a", "b", "c"])
        let corpus: [[WordID]] = [[3, 4, 5], [3, 4]]
        let counts = try NGramCounts.counting(corpus, order: 3)
        let estimate = try KneserNeyEstimator().estimate(counts, vocabulary: vocabulary)
        #expect(!estimate.warnings.isEmpty)
        #expect(estimate.warnings[0].contains("fallback"))
        let total = [0, 2, 3, 4, 5].reduce(0.0) { $0 + exp(estimate.model.logProbability(of: WordID($1), context: [1, 3])) }
        #expect(abs(total - 1) < 1e-5)
    }

    @Test func emptyTrainingDataIsAnError() throws {
        let counts = try NGramCounts(order: 3)
        #expect(throws: LanguageModelError.emptyTrainingData) { try KneserNeyEstimator().estimate(counts, vocabulary: Vocabulary()) }
    }

    /// A two-sentence corpus computed by hand with KenLM's rules (bigram model).
    @Test func kneserNeyByHand() throws {
        // sentences "a b" and "a": bigrams <s> a ×2, a b, b </s>, a </s>
        let vocabulary = Vocabulary(tokens: ["a", "b"])
        let counts = try NGramCounts.counting([[3, 4], [3]], order: 2)
        let estimate = try KneserNeyEstimator().estimate(counts, vocabulary: vocabulary)
        // adjusted unigrams (continuation): a ← {<s>} = 1, b ← {a} = 1, </s> ← {b, a} = 2; total 4
        // order-1 counts-of-counts t = [2, 1, 0, 0] → fallback D = 0.5, 1, 1.5
        // order-2 (raw) counts: <s> a = 2, a b = 1, b </s> = 1, a </s> = 1 → t = [3, 1, 0, 0] → fallback
        let uniform = 1.0 / 4  // <unk>, </s>, a, b
        let gamma0 = (0.5 * 2 + 1 * 1) / 4
        let pA = (1 - 0.5) / 4 + gamma0 * uniform
        let pEnd = (2 - 1.0) / 4 + gamma0 * uniform
        let model = estimate.model
        #expect(abs(exp(model.logProbability(of: 3, context: [])) - pA) < 1e-6)
        #expect(abs(exp(model.logProbability(of: 2, context: [])) - pEnd) < 1e-6)
        // P(</s> | a): a's successors b (1), </s> (1): denominator 2, gamma = 0.5 · 2 / 2
        let gammaA = 0.5 * 2 / 2
        #expect(abs(exp(model.logProbability(of: 2, context: [3])) - ((1 - 0.5) / 2 + gammaA * pEnd)) < 1e-6)
        // P(b | <s>): unseen after <s> → β(<s>) · P(b); <s> has one successor a with count 2
        let gammaBegin = 1.0 * 1 / 2
        let pB = (1 - 0.5) / 4 + gamma0 * uniform
        #expect(abs(exp(model.logProbability(of: 4, context: [1])) - gammaBegin * pB) < 1e-6)
    }
}
