import CriticCorpus
import Foundation

/// What the corrector considers, and how widely it searches.
public struct CorrectionOptions: Sendable, Equatable {
    /// Candidates for a word outside the vocabulary (a non-word error): vocabulary words within
    /// this OSA distance. Damerau (1964) found 80 % of misspellings one edit away; two covers
    /// nearly all the rest.
    public var nonWordDistance: Int
    /// Candidates for a vocabulary word (a real-word error, "form" for "from"): vocabulary words
    /// within this distance. One: a real word two edits from the word meant is rare, and every
    /// candidate is a chance to change a word that was right.
    public var realWordDistance: Int
    /// Vocabulary words shorter than this are never replaced: "a", "an", "of" are one edit from
    /// dozens of words and, misspelt, rarely change the sense.
    public var minimumRealWordLength: Int
    /// Hypotheses kept after each position (distinct LM states: the last order − 1 words).
    public var beamWidth: Int

    public init(nonWordDistance: Int = 2, realWordDistance: Int = 1, minimumRealWordLength: Int = 3, beamWidth: Int = 16) {
        precondition(nonWordDistance >= 0 && realWordDistance >= 0, "a distance is not negative")
        precondition(beamWidth >= 1, "the beam holds at least one hypothesis")
        self.nonWordDistance = nonWordDistance
        self.realWordDistance = realWordDistance
        self.minimumRealWordLength = minimumRealWordLength
        self.beamWidth = beamWidth
    }
}

/// One word the corrector changed.
public struct SpellingCorrection: Sendable, Equatable, Codable {
    /// Position of the word (0-based, in the tokens given).
    public var position: Int
    public var original: String
    public var replacement: String
    /// score(corrected review) − score(the same with this word put back), in nats: how much the
    /// change is worth, with the other changes kept.
    public var gain: Double
}

/// A review after correction.
public struct CorrectedReview: Sendable, Equatable {
    /// The tokens, corrected.
    public var tokens: [String]
    /// The changes, best (largest gain) first.
    public var corrections: [SpellingCorrection]
    /// ln P(corrected review | LM) + Σ ln P(typed word | corrected word).
    public var score: Double
}

/// A noisy-channel spelling corrector (Kernighan, Church & Gale 1990; Brill & Moore 2000) whose
/// source model is an n-gram model of a critic's reviews.
///
/// The review typed, t₁ … tₙ, is the review meant, w₁ … wₙ, sent through a channel that mistypes
/// words one at a time. The correction is the review meant that best explains it:
///
///     ŵ = argmax_w  ln P_LM(<s> w₁ … wₙ </s>) + Σᵢ ln P(tᵢ | wᵢ)
///
/// with P(t | w) from an `EditModel` (and, for w = `<unk>`, the spelling of a new word from
/// `NovelWordSpelling`: `<unk>` stands for every unseen word, not for this string). Each wᵢ ranges over tᵢ itself (`<unk>` for a word outside
/// the vocabulary) and the vocabulary words near tᵢ, found through a `SymmetricDeleteIndex`:
/// within `nonWordDistance` for a word outside the vocabulary, `realWordDistance` for a word in it
/// (real-word errors). A real word typed for another has Mays, Damerau & Mercer's channel ("Context
/// based spelling correction", 1991): with α = 1 − ε the chance a word is typed right, the rest is
/// spread evenly over the N(w) vocabulary words that one slip away from w would give,
///
///     P(t | w) = α  when t = w,   (1 − α) / |N(w)|  for t ∈ N(w),
///
/// since a slip that lands on a word is one of those |N(w)| slips, whatever its edit type; a
/// non-word t gets the edit model's per-edit probabilities. Several words of one review can change: the
/// search runs left to right over positions, a hypothesis being the words chosen so far; two with
/// the same last order − 1 words predict the rest alike, so only the better one is kept (Viterbi
/// recombination, exact), and the `beamWidth` best states survive each position (pruning, the
/// only approximation).
///
/// Why not rescore every vocabulary word at every position: the LM alone cannot tell a typo of
/// "performance" from any word the context likes; the channel ties the correction to what was
/// typed, and the index makes the candidates a handful instead of |V|.
public struct NoisyChannelCorrector: Sendable {
    public let model: NGramModel
    public let index: SymmetricDeleteIndex
    public var channel: EditModel
    /// P(typed string | a word outside the vocabulary), the channel for `<unk>`.
    public let novelWords: NovelWordSpelling
    /// |N(w)| of Mays et al.'s channel for each word id: the vocabulary words within
    /// `realWordDistance` of it, itself excluded (counted once, at construction).
    private let neighbourCounts: [Int32]
    public var options: CorrectionOptions

    /// Builds the index over the model's vocabulary words that hold a letter (punctuation and
    /// numbers are not spelling).
    ///
    /// - Complexity: the index's construction and one lookup per vocabulary word, once; keep the
    ///   corrector to correct many reviews.
    public init(model: NGramModel, channel: EditModel = .standard, options: CorrectionOptions = CorrectionOptions()) {
        let distance = Swift.max(options.nonWordDistance, options.realWordDistance)
        self.init(model: model, index: SymmetricDeleteIndex(vocabulary: model.vocabulary, maxDistance: distance, include: Self.isWord),
                  channel: channel, options: options)
    }

    /// A corrector over an index already built for `model`'s vocabulary.
    public init(model: NGramModel, index: SymmetricDeleteIndex, channel: EditModel = .standard,
                options: CorrectionOptions = CorrectionOptions()) {
        precondition(index.maxDistance >= Swift.max(options.nonWordDistance, options.realWordDistance),
                     "the index must reach the distances the options ask for")
        self.model = model
        self.index = index
        self.channel = channel
        novelWords = NovelWordSpelling(vocabulary: model.vocabulary)
        var counts = [Int32](repeating: 0, count: model.vocabulary.count)
        if options.realWordDistance > 0 {
            for id in Vocabulary.reservedCount..<model.vocabulary.count where Self.isWord(model.vocabulary[WordID(id)]) {
                counts[id] = Int32(index.lookup(model.vocabulary[WordID(id)], maxDistance: options.realWordDistance).count - 1)
            }
        }
        neighbourCounts = counts
        self.options = options
    }

    /// Whether a token is spelling the corrector may change: it holds a letter.
    public static func isWord(_ token: String) -> Bool { token.unicodeScalars.contains { CharacterSet.letters.contains($0) } }

    /// A word a typed token may stand for, with ln P(token | word).
    public struct Candidate: Sendable, Equatable {
        public var word: WordID
        public var channelLogProbability: Double
    }

    /// What `token` may stand for: itself first (`<unk>` when outside the vocabulary, whose
    /// channel term is ln(1 − ε) + ln P(spelling | a new word)), then the nearby vocabulary words.
    public func candidates(for token: String) -> [Candidate] {
        let id = model.vocabulary.lookup(token)
        let unchanged = channel.unchangedLogProbability + (id == nil ? novelWords.logProbability(of: token) : 0)
        var result = [Candidate(word: id ?? Vocabulary.unknownID, channelLogProbability: unchanged)]
        guard Self.isWord(token) else { return result }
        let known = id != nil
        if known && token.unicodeScalars.count < options.minimumRealWordLength { return result }
        let distance = known ? options.realWordDistance : options.nonWordDistance
        guard distance > 0 else { return result }
        let errorLogProbability = log(Swift.max(1e-300, 1 - exp(channel.unchangedLogProbability)))
        for match in index.lookup(token, maxDistance: distance) where match.word != id {
            let logProbability = known
                ? errorLogProbability - log(Double(Swift.max(1, neighbourCounts[Int(match.word)])))
                : channel.logProbability(typo: token, word: model.vocabulary[match.word])
            result.append(Candidate(word: match.word, channelLogProbability: logProbability))
        }
        return result
    }

    /// The most likely review meant, and the words changed.
    ///
    /// - Complexity: O(n · beamWidth · c) LM lookups for n tokens with c candidates each on
    ///   average, plus one index lookup per distinct token.
    public func correct(_ tokens: [String]) -> CorrectedReview {
        var cache: [String: [Candidate]] = [:]
        let lattice = tokens.map { token in
            if let known = cache[token] { return known }
            let found = candidates(for: token)
            cache[token] = found
            return found
        }
        let keep = model.order - 1
        /// A path's last word, its LM state and its score; `parent` indexes the layer before.
        struct Hypothesis {
            var state: [WordID]
            var score: Double
            var parent: Int
            var choice: Int
        }
        var layers: [[Hypothesis]] = []
        var beam = [Hypothesis(state: Array([Vocabulary.beginID].suffix(keep)), score: 0, parent: -1, choice: -1)]
        for candidates in lattice {
            var next: [Hypothesis] = []
            var slot: [[WordID]: Int] = [:]
            for (parent, hypothesis) in beam.enumerated() {
                for (choice, candidate) in candidates.enumerated() {
                    let score = hypothesis.score + channelAndLM(candidate, after: hypothesis.state)
                    var state = hypothesis.state
                    if keep > 0 {
                        state.append(candidate.word)
                        if state.count > keep { state.removeFirst() }
                    }
                    if let existing = slot[state] {
                        if score > next[existing].score { next[existing] = Hypothesis(state: state, score: score, parent: parent, choice: choice) }
                    } else {
                        slot[state] = next.count
                        next.append(Hypothesis(state: state, score: score, parent: parent, choice: choice))
                    }
                }
            }
            if next.count > options.beamWidth {
                next.sort { $0.score > $1.score }
                next.removeLast(next.count - options.beamWidth)
            }
            layers.append(next)
            beam = next
        }
        // </s> ends every path; the best complete path, traced back.
        var best = 0, bestScore = -Double.infinity
        for (index, hypothesis) in beam.enumerated() {
            let score = hypothesis.score + model.logProbability(of: Vocabulary.endID, context: hypothesis.state)
            if score > bestScore { best = index; bestScore = score }
        }
        var choices = [Int](repeating: 0, count: tokens.count)
        var position = tokens.count - 1, current = best
        while position >= 0 {
            let hypothesis = layers[position][current]
            choices[position] = hypothesis.choice
            current = hypothesis.parent
            position -= 1
        }
        var words = zip(lattice, choices).map { $0[$1].word }
        var corrected = tokens
        var changed: [Int] = []
        for position in tokens.indices where choices[position] != 0 {
            corrected[position] = model.vocabulary[words[position]]
            changed.append(position)
        }
        let total = score(words, channel: zip(lattice, choices).map { $0[$1].channelLogProbability })
        var corrections: [SpellingCorrection] = []
        for position in changed {
            let kept = words[position]
            words[position] = lattice[position][0].word
            var channelTerms = zip(lattice, choices).map { $0[$1].channelLogProbability }
            channelTerms[position] = lattice[position][0].channelLogProbability
            let without = score(words, channel: channelTerms)
            words[position] = kept
            corrections.append(SpellingCorrection(position: position, original: tokens[position],
                                                  replacement: corrected[position], gain: total - without))
        }
        corrections.sort { ($0.gain, -$0.position) > ($1.gain, -$1.position) }
        return CorrectedReview(tokens: corrected, corrections: corrections, score: total)
    }

    /// ln P_LM(candidate | state) + ln P(typed | candidate).
    @inline(__always)
    private func channelAndLM(_ candidate: Candidate, after state: [WordID]) -> Double {
        model.logProbability(of: candidate.word, context: state) + candidate.channelLogProbability
    }

    /// The objective of one reading: ln P_LM(<s> words </s>) + Σ channel terms.
    private func score(_ words: [WordID], channel: [Double]) -> Double {
        model.score(sequence: words).tokens.reduce(0) { $0 + $1.logProbability } + channel.reduce(0, +)
    }
}
