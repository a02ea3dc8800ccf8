import CriticCorpus
import CriticSupport
import Foundation
import Testing
@testable import CriticLM

/// A random word over a small alphabet, so that many words fall near each other.
private func randomWord<G: RandomNumberGenerator>(_ generator: inout G, alphabet: [Character] = Array("abcde")) -> String {
    String((0..<Int.random(in: 1...7, using: &generator)).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
}

/// OSA distance by the textbook full table, the reference the index and the bounded version meet.
private func referenceDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
    var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { d[i][0] = i }
    for j in 0...b.count { d[0][j] = j }
    if a.isEmpty || b.isEmpty { return d[a.count][b.count] }
    for i in 1...a.count {
        for j in 1...b.count {
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
        }
    }
    return d[a.count][b.count]
}

@Suite struct SymmetricDeleteIndexTests {
    @Test func distanceHandCases() {
        let cases: [(String, String, Int)] = [
            ("kitten", "sitting", 3), ("abcd", "acbd", 1), ("ca", "abc", 3),  // OSA, not full Damerau (2)
            ("", "abc", 3), ("the", "the", 0), ("actress", "acress", 1), ("café", "cafe", 1),
        ]
        for (a, b, expected) in cases {
            #expect(optimalStringAlignmentDistance(scalars(of: a), scalars(of: b)) == expected, "\(a) / \(b)")
            #expect(optimalStringAlignmentDistance(scalars(of: a), scalars(of: b), bound: expected - 1) == nil || expected == 0)
        }
    }

    /// The property: a lookup returns exactly the indexed words within the distance, by brute force.
    @Test(arguments: [UInt64(1), 2, 3, 4])
    func lookupEqualsBruteForce(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let words = Array(Set((0..<400).map { _ in randomWord(&generator) })).sorted()
        let index = SymmetricDeleteIndex(words: words.enumerated().map { (WordID($0.offset + 3), $0.element) }, maxDistance: 2)
        for _ in 0..<150 {
            let query = randomWord(&generator)
            for distance in 0...2 {
                let expected = words.enumerated().compactMap { offset, word -> SymmetricDeleteIndex.Match? in
                    let d = referenceDistance(query, word)
                    return d <= distance ? SymmetricDeleteIndex.Match(word: WordID(offset + 3), distance: d) : nil
                }.sorted { ($0.distance, $0.word) < ($1.distance, $1.word) }
                #expect(index.lookup(query, maxDistance: distance) == expected, "\(query) within \(distance)")
            }
        }
    }

    /// The bounded distance agrees with the full table whenever it answers, and answers within the bound.
    @Test func boundedDistanceAgrees() {
        var generator = SeededGenerator(seed: 11)
        for _ in 0..<2000 {
            let a = randomWord(&generator), b = randomWord(&generator)
            let exact = referenceDistance(a, b)
            #expect(optimalStringAlignmentDistance(scalars(of: a), scalars(of: b)) == exact)
            for bound in 0...3 {
                #expect(optimalStringAlignmentDistance(scalars(of: a), scalars(of: b), bound: bound) == (exact <= bound ? exact : nil))
            }
        }
    }
}

@Suite struct EditModelTests {
    /// Kernighan, Church & Gale's example "acress", read against the default costs by hand.
    @Test func handComputedCases() {
        let model = EditModel.standard
        let letter = -6 - log(26.0)  // one particular substitution or insertion
        #expect(model.logProbability(typo: "acress", word: "actress") == -6)       // t deleted
        #expect(model.logProbability(typo: "acress", word: "cress") == letter)     // a inserted
        #expect(model.logProbability(typo: "acress", word: "caress") == -6)        // ca → ac
        #expect(model.logProbability(typo: "acress", word: "across") == letter)    // o → e
        #expect(model.logProbability(typo: "acress", word: "acres") == letter)     // s inserted
        #expect(model.logProbability(typo: "teh", word: "the") == -6)
        #expect(model.logProbability(typo: "acress", word: "acress") == log(0.99))
        #expect(model.logProbability(typo: "actreses", word: "actresses") == -6)
        #expect(model.logProbability(typo: "atcres", word: "actress") == -12)      // swap + deletion
        #expect(model.alignment(typo: "atcres", word: "actress").edits == [.transposition, .deletion])
        // two substitutions (2 × letter) cost more than a deletion and an insertion of another letter
        #expect(model.logProbability(typo: "abxd", word: "abcd") == letter)
    }

    /// Learning from pairs: the counts of each edit type, add-one, spread over the mean length.
    @Test func learnedFromPairsByHand() {
        let pairs: [(typo: String, word: String)] = [("teh", "the"), ("hte", "the"), ("th", "the"), ("the", "the")]
        let learned = EditModel.standard.learned(from: pairs)
        // 3 of 4 mistyped: ε = 4/6; edits: 2 transpositions, 1 deletion (of 3 + 4 smoothed); L̄ = 3
        let epsilon = 4.0 / 6.0
        #expect(abs(learned.unchangedLogProbability - log(1 - epsilon)) < 1e-12)
        #expect(abs(learned.logProbability(of: .transposition) - log(epsilon * 3 / 7 / 3)) < 1e-12)
        #expect(abs(learned.logProbability(of: .deletion) - log(epsilon * 2 / 7 / 3)) < 1e-12)
        #expect(abs(learned.logProbability(of: .insertion) - log(epsilon * 1 / 7 / 3)) < 1e-12)
        #expect(abs(learned.logProbability(of: .substitution) - log(epsilon * 1 / 7 / 3)) < 1e-12)
    }
}

@Suite struct NoisyChannelCorrectorTests {
    static let sentences = [
        "the actress gave a fine performance in the film",
        "the film was a great success with the critics",
        "the actor gave a great performance",
        "the form of the film was fine",
        "the critics loved the actress",
        "a fine film from a great director",
        "the director gave the actress a fine role",
    ]

    static func model() throws -> NGramModel {
        let tokens = sentences.map { $0.split(separator: " ").map(String.init) }
        let vocabulary = Vocabulary(counting: tokens)
        let counts = try NGramCounts.counting(tokens.map { vocabulary.encode($0) }, order: 3, threads: 1)
        return try KneserNeyEstimator().estimate(counts, vocabulary: vocabulary).model
    }

    @Test func restoresNonWordAndRealWordErrors() throws {
        let corrector = NoisyChannelCorrector(model: try Self.model())
        func corrected(_ text: String) -> [String] { corrector.correct(text.split(separator: " ").map(String.init)).tokens }
        #expect(corrected("the acress gave a fine performance") == "the actress gave a fine performance".split(separator: " ").map(String.init))
        #expect(corrected("a fine film form a great director") == "a fine film from a great director".split(separator: " ").map(String.init))
        // two errors in one review
        #expect(corrected("the actor gave a graet perfromance") == "the actor gave a great performance".split(separator: " ").map(String.init))
        // a right review is left alone
        for sentence in Self.sentences {
            #expect(corrector.correct(sentence.split(separator: " ").map(String.init)).corrections.isEmpty, "\(sentence)")
        }
    }

    /// A gain is the objective's change when the word is put back; the beam finds the exhaustive
    /// optimum of the candidate lattice on short reviews.
    @Test(arguments: [UInt64(5), 6, 7])
    func beamMatchesExhaustiveSearch(seed: UInt64) throws {
        let model = try Self.model()
        let corrector = NoisyChannelCorrector(model: model, options: CorrectionOptions(beamWidth: 10_000))
        var generator = SeededGenerator(seed: seed)
        let words = Array(Set(Self.sentences.flatMap { $0.split(separator: " ").map(String.init) })).sorted()
        for _ in 0..<20 {
            var review = (0..<Int.random(in: 1...4, using: &generator)).map { _ in words[Int.random(in: 0..<words.count, using: &generator)] }
            // a typo: one letter dropped from a word of 4 or more letters
            if let position = review.indices.first(where: { review[$0].count >= 4 }) {
                var letters = Array(review[position])
                letters.remove(at: Int.random(in: 0..<letters.count, using: &generator))
                review[position] = String(letters)
            }
            let lattice = review.map(corrector.candidates(for:))
            var best = -Double.infinity
            var choice = [Int](repeating: 0, count: review.count)
            func search(_ position: Int) {
                if position == review.count {
                    let ids = zip(lattice, choice).map { $0[$1].word }
                    let score = model.score(sequence: ids).tokens.reduce(0) { $0 + $1.logProbability }
                        + zip(lattice, choice).reduce(0) { $0 + $1.0[$1.1].channelLogProbability }
                    best = max(best, score)
                    return
                }
                for option in lattice[position].indices {
                    choice[position] = option
                    search(position + 1)
                }
            }
            search(0)
            let result = corrector.correct(review)
            #expect(abs(result.score - best) < 1e-9, "\(review)")
            // the reading chosen, position by position, and the objective with one word put back
            let chosen = review.indices.map { position in
                result.tokens[position] == review[position] ? 0
                    : lattice[position].firstIndex { model.vocabulary[$0.word] == result.tokens[position] }!
            }
            func objective(_ choices: [Int]) -> Double {
                model.score(sequence: zip(lattice, choices).map { $0[$1].word }).tokens.reduce(0) { $0 + $1.logProbability }
                    + zip(lattice, choices).reduce(0) { $0 + $1.0[$1.1].channelLogProbability }
            }
            #expect(abs(objective(chosen) - result.score) < 1e-9)
            for correction in result.corrections {
                var reverted = chosen
                reverted[correction.position] = 0
                #expect(abs(result.score - objective(reverted) - correction.gain) < 1e-9)
                #expect(correction.gain > 0)
            }
        }
    }
}

@Suite struct CompletionSearchTests {
    /// Never a repeated trigram, greedy or beam, on random models where plain greedy decoding loops.
    @Test(arguments: [UInt64(71), 72, 73])
    func neverRepeatsATrigram(seed: UInt64) throws {
        let (model, corpus) = try GenerationFixtures.model(KneserNeyEstimator(), order: 3, seed: seed)
        let index = SuccessorIndex(model: model)
        for history in GenerationFixtures.histories(corpus, size: 30, count: 10, seed: seed) {
            for beam in [1, 4] {
                let prefix = Array(history.dropFirst())
                let options = CompletionOptions(maxWords: 40, beamWidth: beam, noRepeatNGramSize: 3)
                for completion in index.complete(prefix, options: options, results: beam) {
                    let text = prefix + completion.words
                    var seen = Set<[WordID]>()
                    for start in 0..<max(0, text.count - 2) {
                        #expect(seen.insert(Array(text[start..<(start + 3)])).inserted, "repeated trigram in \(text)")
                    }
                }
            }
        }
    }

    /// `--min-words`: no continuation ends sooner; without constraints greedy is plain greedy.
    @Test func minimumWordsAndPlainGreedy() throws {
        let (model, corpus) = try GenerationFixtures.model(KneserNeyEstimator(), order: 3, seed: 81)
        let index = SuccessorIndex(model: model)
        for history in GenerationFixtures.histories(corpus, size: 30, count: 12, seed: 81) {
            let prefix = Array(history.dropFirst())
            for completion in index.complete(prefix, options: CompletionOptions(maxWords: 30, minWords: 8, beamWidth: 3), results: 3) {
                #expect(completion.words.count >= 8)
            }
            let plain = index.complete(prefix, options: CompletionOptions(maxWords: 12, noRepeatNGramSize: 0))
            #expect(plain == [index.greedyCompletion(of: prefix, maxWords: 12)])
        }
    }
}

@Suite struct InterpolatedSamplerTests {
    /// First words drawn from the mixture follow (1 − λ)·P_own + λ·P_background, renormalised (χ²).
    @Test func drawsFollowTheMixture() throws {
        let (own, _) = try GenerationFixtures.model(KneserNeyEstimator(), seed: 91, sequences: 60)
        let (background, _) = try GenerationFixtures.model(KneserNeyEstimator(), seed: 92, sequences: 300)
        let sampler = InterpolatedSampler(own: SuccessorIndex(model: own), background: SuccessorIndex(model: background), backgroundWeight: 0.4)
        let words = (WordID(2)..<WordID(own.vocabulary.count))
        let expected = words.map { (word: $0, probability: exp(sampler.logProbability(of: $0, after: [Vocabulary.beginID]))) }
        var generator = SeededGenerator(seed: 2025)
        var observed: [WordID: Int] = [:]
        let draws = 100_000
        for _ in 0..<draws {
            let review = sampler.generate(maxWords: 1, using: &generator)
            observed[review.words.first ?? Vocabulary.endID, default: 0] += 1
        }
        let test = GenerationFixtures.chiSquare(observed: observed, probabilities: expected, draws: draws)
        #expect(test.pValue > 0.001, "χ² = \(test.statistic), df \(test.degreesOfFreedom)")
    }
}
