import CriticCorpus
import Foundation

/// The successors of every stored context of an `NGramModel`, sorted by probability, with the
/// masses that make drawing the next word and finding the most likely ones exact without scanning
/// the vocabulary.
///
/// Both forms of `NGramModel` are a chain of contexts c = c_k, c_{k−1}, …, each the longest stored
/// proper suffix of the one before (backoff form), or the stored context then the uniform
/// distribution over the vocabulary (fixed-context form: MLE, add-k):
///
///     P(w | c) = p_c(w)             when w is listed under c (a stored n-gram c w),
///              = β(c) · P(w | c′)   otherwise,
///
/// with β the backoff weight (Katz 1987; interpolated Kneser–Ney stores γ there), or, for the
/// fixed-context form, β(c) = the probability of any unlisted word and P(w | uniform) = 1. Writing
/// S(c) for the listed words, A(c) = Σ_{w∈S(c)} p_c(w) and O(c) = Σ_{w∈S(c)} P(w | c′), the mass of
/// the whole distribution is
///
///     T(c) = A(c) + β(c) · (T(c′) − O(c)),
///
/// which the index precomputes bottom-up for every stored context. Drawing from P(· | c) is then:
/// with probability A(c)/T(c) a listed word (cumulative masses, binary search); otherwise a word
/// drawn from P(· | c′) and redrawn while it is listed under c — rejection from the shorter
/// context's distribution restricted to the words c does not list, which is exactly the backoff
/// term. The expected number of draws from c′ is about β(c) T(c′) / T(c), at most a few, because
/// β is the mass a context leaves to unseen words. The most likely words are found by walking each
/// context's list in order, skipping words listed higher in the chain, and stopping as soon as no
/// word of the remaining contexts can beat the k-th best (`best`, precomputed per context, bounds
/// each context's whole distribution).
///
/// `<s>` (never predicted) and `<unk>` (a placeholder, not a word to print) are left out of every
/// list: distributions are over the other words and renormalised by T(c), which also absorbs the
/// rounding of the model's `Float` probabilities, so that draws follow the model's numbers exactly.
/// Log probabilities from the index are computed with the same additions, in the same order, as
/// `NGramModel.log10Probability(of:context:)`: they are bit-identical to the model's.
///
/// Memory: 16 bytes per listed successor (every stored n-gram) and 40 per context: 60 MB for a
/// trigram model of all of scaledata (2.1 M tokens, 1.9 M n-grams).
public struct SuccessorIndex: Sendable {
    public let model: NGramModel

    /// A context in a chain: a stored context (`level` = its length, `index` = its entry in the
    /// model's tables), the uniform distribution (`level` = −1), or nothing (−2, past the unigrams).
    struct Node: Hashable, Sendable {
        var level: Int32
        var index: UInt32
        static let uniform = Node(level: -1, index: 0)
        static let none = Node(level: -2, index: 0)
        var isUniform: Bool { level == -1 }
        var isNone: Bool { level == -2 }
    }

    /// The contexts of one length and their sorted successor lists. A class so that a query reads
    /// its arrays in place (a struct of ten arrays would be copied, ten retains, at every step);
    /// filled once by `init(model:)`, never changed after, hence `@unchecked Sendable`.
    final class Level: @unchecked Sendable {
        /// `start[c] ..< start[c + 1]`: context c's successors in the arrays below.
        var start: [UInt32] = [0]
        /// Successor words, by decreasing probability (ties: increasing id).
        var words: [UInt32] = []
        var log10Probabilities: [Float] = []
        /// Running Σ 10^p within each context: the last one is A(c).
        var cumulative: [Double] = []
        /// Per context: log10 β(c), β(c), T(c), the log10 probability of its most likely word, and
        /// the next context of the chain.
        var log10Weight: [Float] = []
        var weight: [Double] = []
        var total: [Double] = []
        var best: [Double] = []
        var next: [Node] = []
    }

    var levels: [Level]
    /// Words a uniform draw can give: every id but `<unk>` and `<s>` (ids 2 ..< |V|).
    let uniformCount: Int
    let vocabularySize: Int

    /// A context to predict from: a chain start, and a log10 factor applied to all of it (the
    /// probability of every word after a context a fixed-context model never saw; 0 otherwise).
    public struct Context: Sendable, Hashable {
        let node: Node
        let log10Scale: Double
    }

    /// A word and ln P(word | context).
    public struct Candidate: Sendable, Hashable {
        public var word: WordID
        public var logProbability: Double
        public init(word: WordID, logProbability: Double) {
            self.word = word
            self.logProbability = logProbability
        }
    }

    /// Indexes `model`.
    ///
    /// - Complexity: O(N · order) hash lookups and O(N log N) sorting for N stored n-grams.
    public init(model: NGramModel) {
        self.model = model
        // what a uniform node can give: `</s>` and every word, the ids from `</s>` on
        uniformCount = Swift.max(0, model.vocabulary.count - Int(Vocabulary.endID))
        vocabularySize = model.vocabulary.count
        levels = []
        levels.reserveCapacity(model.order)
        levels.append(unigramLevel())
        // parents[n][e]: the context entry (order n − 1) that lists entry e of order n, for the
        // suffix links.
        var parents: [[UInt32]] = [[], []]
        for length in stride(from: 1, to: model.order, by: 1) {
            let (level, entryParents) = contextLevel(length: length, parents: parents)
            levels.append(level)
            parents.append(entryParents)
        }
    }

    // MARK: Building

    static func isExcluded(_ word: UInt32) -> Bool { word == Vocabulary.unknownID || word == Vocabulary.beginID }

    /// The empty context: every word's unigram probability.
    private func unigramLevel() -> Level {
        let level = Level()
        let entries = model.inner[0]
        var order: [UInt32] = []
        for id in 0..<(entries.count - 1) where !Self.isExcluded(UInt32(id)) && entries[id].log10Probability > -.infinity {
            order.append(UInt32(id))
        }
        order.sort { (entries[Int($0)].log10Probability, $1) > (entries[Int($1)].log10Probability, $0) }
        var sum = 0.0
        for id in order {
            level.words.append(id)
            level.log10Probabilities.append(entries[Int(id)].log10Probability)
            sum += power10(Double(entries[Int(id)].log10Probability))
            level.cumulative.append(sum)
        }
        level.start.append(UInt32(order.count))
        level.log10Weight = [0]
        level.weight = [1]
        level.total = [sum]
        level.best = [level.log10Probabilities.first.map(Double.init) ?? -.infinity]
        level.next = [.none]
        return level
    }

    /// The contexts of `length` (≥ 1): the model's entries of that order.
    private func contextLevel(length: Int, parents: [[UInt32]]) -> (Level, [UInt32]) {
        let entries = model.inner[length - 1]
        let contextCount = entries.count - 1
        let n = length + 1
        let level = Level()
        level.start.reserveCapacity(contextCount + 1)
        level.log10Weight.reserveCapacity(contextCount)
        let successorCount = Int(entries[contextCount].firstSuccessor)
        level.words.reserveCapacity(successorCount)
        level.log10Probabilities.reserveCapacity(successorCount)
        level.cumulative.reserveCapacity(successorCount)
        var childParents = [UInt32](repeating: 0, count: successorCount)
        var listed: [(Float, UInt32)] = []
        for context in 0..<contextCount {
            let range = model.successorRange(order: length, context)
            listed.removeAll(keepingCapacity: true)
            for index in range {
                childParents[index] = UInt32(context)
                let word = model.word(order: n, index)
                let p = model.log10Probability(order: n, index)
                if !Self.isExcluded(word) && p > -.infinity { listed.append((p, word)) }
            }
            listed.sort { ($0.0, $1.1) > ($1.0, $0.1) }
            let next = model.form == .fixedContext ? Node.uniform : suffix(length: length, context: context, parents: parents)
            let log10Weight = entries[context].log10Weight
            let weight = power10(Double(log10Weight))
            var sum = 0.0, overlap = 0.0
            for (p, word) in listed {
                level.words.append(word)
                level.log10Probabilities.append(p)
                sum += power10(Double(p))
                level.cumulative.append(sum)
                overlap += power10(log10Value(of: word, at: next, levels: levels))
            }
            level.start.append(UInt32(level.words.count))
            let nextTotal = total(of: next, levels: levels)
            let rest = weight > 0 ? weight * Swift.max(0, nextTotal - overlap) : 0
            level.log10Weight.append(log10Weight)
            level.weight.append(weight)
            level.total.append(sum + rest)
            let backedOff = weight > 0 ? Double(log10Weight) + best(of: next, levels: levels) : -.infinity
            level.best.append(Swift.max(listed.first.map { Double($0.0) } ?? -.infinity, backedOff))
            level.next.append(next)
        }
        return (level, childParents)
    }

    /// The longest stored proper suffix of context entry `context` of `length` (backoff form).
    private func suffix(length: Int, context: Int, parents: [[UInt32]]) -> Node {
        if length == 1 { return Node(level: 0, index: 0) }
        let word = model.word(order: length, context)
        let parent = Int(parents[length][context])
        if length == 2 { return Node(level: 1, index: word) }
        // The parent's exact suffix, extended by the word, is the suffix — when both are stored.
        let parentSuffix = levels[length - 1].next[parent]
        if parentSuffix.level == Int32(length - 2),
           let found = model.successor(order: length - 1, context: Int(parentSuffix.index), word: word) {
            return Node(level: Int32(length - 1), index: UInt32(found))
        }
        // An ARPA file without every suffix: rebuild the words and search (rare, so not fast).
        var words = [word]
        var entry = parent
        for order in stride(from: length - 1, through: 1, by: -1) {
            words.insert(model.word(order: order, entry), at: 0)
            if order > 1 { entry = Int(parents[order][entry]) }
        }
        let found = model.longestStoredContext(words.dropFirst())
        return Node(level: Int32(found.words.count), index: UInt32(found.index))
    }

    // MARK: Per-node values (shared by building and queries)

    @inline(__always)
    func total(of node: Node, levels: [Level]) -> Double {
        if node.isUniform { return Double(uniformCount) }
        if node.isNone { return 0 }
        return levels[Int(node.level)].total[Int(node.index)]
    }

    @inline(__always)
    func best(of node: Node, levels: [Level]) -> Double {
        if node.isUniform { return uniformCount > 0 ? 0 : -.infinity }
        if node.isNone { return -.infinity }
        return levels[Int(node.level)].best[Int(node.index)]
    }

    /// log10 of the probability the model stores for `word` directly under `node`, or nil when the
    /// word is not listed there (the uniform node lists every word, with probability 1).
    @inline(__always)
    func listedLog10Probability(of word: UInt32, at node: Node) -> Float? {
        switch node.level {
        case -1: return 0
        case -2: return nil
        case 0: return Int(word) < vocabularySize && word != Vocabulary.beginID ? model.inner[0][Int(word)].log10Probability : nil
        default:
            let n = Int(node.level) + 1
            return model.successor(order: n, context: Int(node.index), word: word).map { model.log10Probability(order: n, $0) }
        }
    }

    @inline(__always)
    func isListed(_ word: UInt32, at node: Node) -> Bool {
        switch node.level {
        case -1: return true
        case -2: return false
        case 0: return word != Vocabulary.beginID
        default: return model.successor(order: Int(node.level) + 1, context: Int(node.index), word: word) != nil
        }
    }

    /// log10 P(word | node), summed in the model's order (weights first, then the probability).
    func log10Value(of word: UInt32, at start: Node, levels: [Level]) -> Double {
        var scale = 0.0
        var node = start
        while !node.isNone {
            if let p = listedLog10Probability(of: word, at: node) { return scale + Double(p) }
            let level = levels[Int(node.level)]
            scale += Double(level.log10Weight[Int(node.index)])
            node = level.next[Int(node.index)]
        }
        return -.infinity
    }
}

@inline(__always)
func power10(_ x: Double) -> Double { Foundation.exp(x * NGramModel.ln10) }
