import CriticCorpus
import Foundation

/// Questions to the index: where a history leads, the most likely next words, a draw.
extension SuccessorIndex {
    /// The context the model predicts from after `history` (word ids, `<s>` marking the start of a
    /// review): its last `order − 1` words, or the longest of their suffixes that is stored
    /// (backoff form), or, for a fixed-context model, the full context even when never seen.
    ///
    /// - Complexity: O(order) hash lookups.
    public func context<C: Collection>(after history: C) -> Context where C.Element == WordID {
        let keep = model.order - 1
        let empty = Context(node: Node(level: 0, index: 0), log10Scale: 0)
        if keep == 0 { return empty }
        // No allocation: this runs at every generated word.
        return withUnsafeTemporaryAllocation(of: WordID.self, capacity: keep) { words in
            var count = 0
            for word in history.suffix(keep) {
                words[count] = word
                count += 1
            }
            var first = 0  // nothing before the last <s> matters: a review starts there
            for position in stride(from: count - 1, through: 0, by: -1) where words[position] == Vocabulary.beginID {
                first = position
                break
            }
            switch model.form {
            case .backoff:
                for start in first..<count {
                    if let index = locate(words, start, count) {
                        return Context(node: Node(level: Int32(count - start), index: UInt32(index)), log10Scale: 0)
                    }
                }
                return empty
            case .fixedContext:
                if first == count { return empty }
                if let index = locate(words, first, count) {
                    return Context(node: Node(level: Int32(count - first), index: UInt32(index)), log10Scale: 0)
                }
                return Context(node: .uniform, log10Scale: Double(model.unseenContextLog10Probability))
            }
        }
    }

    /// The model's entry of `words[start ..< end]`, or nil when not stored.
    @inline(__always)
    private func locate(_ words: UnsafeMutableBufferPointer<WordID>, _ start: Int, _ end: Int) -> Int? {
        guard Int(words[start]) < vocabularySize else { return nil }
        var index = Int(words[start])
        for position in (start + 1)..<end {
            guard let next = model.successor(order: position - start + 1, context: index, word: words[position]) else { return nil }
            index = next
        }
        return index
    }

    /// log10 P(word | context), bit-identical to `NGramModel.log10Probability(of:context:)`.
    public func log10Probability(of word: WordID, in context: Context) -> Double {
        if context.node.isUniform { return context.log10Scale + 0 }
        return context.log10Scale + log10Value(of: word, at: context.node, levels: levels)
    }

    /// P(w ≠ `<s>`, `<unk>` | context): the mass the index's distributions are normalised by.
    public func totalProbability(in context: Context) -> Double {
        power10(context.log10Scale) * total(of: context.node, levels: levels)
    }

    /// The `count` most likely words after `context` (never `<s>` or `<unk>`), most likely first,
    /// ties broken by the smaller word id; fewer when fewer words have a non-zero probability.
    ///
    /// - Complexity: O(count · log count + s · order) where s is the number of listed successors
    ///   visited, which the per-context bounds keep close to `count` in practice; no vocabulary
    ///   scan unless the walk reaches the uniform distribution of a fixed-context model.
    public func mostLikely(_ count: Int, in context: Context) -> [Candidate] {
        precondition(count >= 0, "count must not be negative")
        if count == 0 { return [] }
        var top = TopList(capacity: count)
        walk(context, into: &top)
        top.finish()
        return top.items.map { Candidate(word: $0.word, logProbability: $0.log10 * NGramModel.ln10) }
    }

    /// Every word with a non-zero probability after `context` (never `<s>` or `<unk>`), most likely
    /// first: what temperature needs, since P^(1/T) has no shortcut for its normaliser.
    ///
    /// - Complexity: O(|V| log |V|), a vocabulary scan and a sort.
    public func distribution(in context: Context) -> [Candidate] {
        var all: [(log10: Double, word: UInt32)] = []
        all.reserveCapacity(vocabularySize)
        forEachWord(in: context) { all.append(($1, $0)) }
        all.sort { TopList.worse($1, $0) }
        return all.map { Candidate(word: $0.word, logProbability: $0.log10 * NGramModel.ln10) }
    }

    /// Calls `body` with every word of non-zero probability after `context` and its log10
    /// probability, each word once, in no useful order.
    ///
    /// - Complexity: O(|V| + the successors listed along the chain).
    public func forEachWord(in context: Context, _ body: (WordID, Double) -> Void) {
        // Words listed higher in the chain are marked: a lower context must not offer them again.
        var marked = [Bool](repeating: false, count: vocabularySize)
        var scale = context.log10Scale
        var node = context.node
        while !node.isNone && scale > -.infinity {
            if node.isUniform {
                for id in 2..<vocabularySize where !marked[id] { body(WordID(id), scale + 0) }
                return
            }
            let level = levels[Int(node.level)]
            let context = Int(node.index)
            for index in Int(level.start[context])..<Int(level.start[context + 1]) where !marked[Int(level.words[index])] {
                body(level.words[index], scale + Double(level.log10Probabilities[index]))
            }
            if node.level > 0 {
                // Everything the model stores here, zero probabilities included, is decided here.
                for index in model.successorRange(order: Int(node.level), context) {
                    let word = Int(model.word(order: Int(node.level) + 1, index))
                    if word < vocabularySize { marked[word] = true }
                }
            }
            scale += Double(level.log10Weight[context])
            node = level.next[context]
        }
    }

    /// The most likely next word (greedy decoding), or nil when every word has probability 0.
    ///
    /// - Complexity: as `mostLikely(1, in:)`.
    public func mostLikelyWord(in context: Context) -> Candidate? {
        var top = TopList(capacity: 1)
        walk(context, into: &top)
        return top.items.first.map { Candidate(word: $0.word, logProbability: $0.log10 * NGramModel.ln10) }
    }

    /// Walks the chain from `context`, offering each word at the level where it is listed, with
    /// the model's probability, until nothing left can enter `top`.
    private func walk(_ context: Context, into top: inout TopList) {
        var scale = context.log10Scale
        var node = context.node
        withUnsafeTemporaryAllocation(of: Node.self, capacity: model.order + 1) { above in
            var aboveCount = 0
            func listedAbove(_ word: UInt32) -> Bool {
                for position in 0..<aboveCount where isListed(word, at: above[position]) { return true }
                return false
            }
            // 1e-9 absorbs the difference between the bound's order of additions and the exact one.
            while !node.isNone && scale > -.infinity && !(top.isFull && scale + best(of: node, levels: levels) < top.threshold - 1e-9) {
                if node.isUniform {
                    let first = Int(Vocabulary.endID)
                    for id in first..<(uniformCount + first) {
                        if top.isFull && !top.admits(scale, UInt32(id)) { break }
                        if listedAbove(UInt32(id)) { continue }
                        top.insert(scale, UInt32(id))
                    }
                    return
                }
                let level = levels[Int(node.level)]
                let context = Int(node.index)
                let range = Int(level.start[context])..<Int(level.start[context + 1])
                level.words.withUnsafeBufferPointer { words in
                    level.log10Probabilities.withUnsafeBufferPointer { probabilities in
                        for index in range {
                            let value = scale + Double(probabilities[index])
                            if top.isFull {
                                if value < top.threshold { break }
                                if !top.admits(value, words[index]) { continue }
                            }
                            if listedAbove(words[index]) { continue }
                            top.insert(value, words[index])
                        }
                    }
                }
                above[aboveCount] = node
                aboveCount += 1
                scale += Double(level.log10Weight[context])
                node = level.next[context]
            }
        }
    }

    // MARK: Drawing

    /// A word drawn from P(· | context) renormalised without `<s>` and `<unk>`, or nil when every
    /// word has probability 0 (an MLE model after a context it never saw).
    ///
    /// - Complexity: O(log s) for s listed successors, plus expected O(β) draws from each shorter
    ///   context (see the type's documentation).
    public func sample<G: RandomNumberGenerator>(in context: Context, using generator: inout G) -> WordID? {
        sampleWithProbability(in: context, using: &generator)?.word
    }

    /// A draw and its log10 probability (the model's, up to the order of the additions).
    func sampleWithProbability<G: RandomNumberGenerator>(in context: Context, using generator: inout G) -> (word: WordID, log10: Double)? {
        if context.log10Scale == -.infinity { return nil }
        return draw(at: context.node, using: &generator).map { ($0.word, context.log10Scale + $0.log10) }
    }

    /// A draw from the node's distribution (unnormalised masses: `total`).
    func draw<G: RandomNumberGenerator>(at node: Node, using generator: inout G) -> (word: WordID, log10: Double)? {
        if node.isUniform {
            return uniformCount > 0 ? (Vocabulary.endID + WordID(uniformIndex(uniformCount, &generator)), 0) : nil
        }
        if node.isNone { return nil }
        let level = levels[Int(node.level)]
        let context = Int(node.index)
        let total = level.total[context]
        guard total > 0 else { return nil }
        let lower = Int(level.start[context]), upper = Int(level.start[context + 1])
        let listed = upper > lower ? level.cumulative[upper - 1] : 0
        let u = unitDouble(&generator) * total
        if u < listed { return listedWord(level, lower, upper, u) }
        let next = level.next[context]
        // The backoff term: the shorter context's draw, redrawn while this context lists it.
        if total - listed > 0 && !next.isNone {
            let weight = Double(level.log10Weight[context])
            for _ in 0..<64 {
                guard let drawn = draw(at: next, using: &generator) else { break }
                if !isListed(drawn.word, at: node) { return (drawn.word, weight + drawn.log10) }
            }
            // Many rejections: this context lists most of the shorter one's mass. Draw from the
            // exact residual instead (the same distribution, rejection being memoryless).
            if let drawn = drawResidual(at: node, next: next, using: &generator) { return (drawn.word, weight + drawn.log10) }
        }
        // Rounding left a sliver of mass past the listed words with nothing behind it.
        return upper > lower ? listedWord(level, lower, upper, unitDouble(&generator) * listed) : nil
    }

    @inline(__always)
    private func listedWord(_ level: Level, _ lower: Int, _ upper: Int, _ u: Double) -> (word: WordID, log10: Double) {
        // The first successor whose running mass exceeds u.
        level.cumulative.withUnsafeBufferPointer { cumulative in
            var low = lower, high = upper - 1
            while low < high {
                let middle = (low + high) >> 1
                if cumulative[middle] > u { high = middle } else { low = middle + 1 }
            }
            return (level.words[low], Double(level.log10Probabilities[low]))
        }
    }

    /// The backoff term of `node` drawn by enumeration: P(w | next) over the words `node` does
    /// not list. O(|V| · order).
    private func drawResidual<G: RandomNumberGenerator>(at node: Node, next: Node, using generator: inout G) -> (word: WordID, log10: Double)? {
        let candidates = distribution(in: Context(node: next, log10Scale: 0))
            .filter { !isListed($0.word, at: node) }
        let weights = candidates.map { exp($0.logProbability) }
        let sum = weights.reduce(0, +)
        guard sum > 0 else { return nil }
        var u = unitDouble(&generator) * sum
        for (candidate, weight) in zip(candidates, weights) {
            if u < weight { return (candidate.word, candidate.logProbability / NGramModel.ln10) }
            u -= weight
        }
        return candidates.last.map { ($0.word, $0.logProbability / NGramModel.ln10) }
    }
}

/// Uniform in [0, 1) with 53 bits; our own so that a seed's draws never depend on the standard
/// library's algorithm.
@inline(__always)
func unitDouble<G: RandomNumberGenerator>(_ generator: inout G) -> Double {
    Double(generator.next() >> 11) * 0x1p-53
}

/// Uniform in 0 ..< bound without modulo bias (Lemire 2019).
@inline(__always)
func uniformIndex<G: RandomNumberGenerator>(_ bound: Int, _ generator: inout G) -> Int {
    let range = UInt64(bound)
    var product = generator.next().multipliedFullWidth(by: range)
    if product.low < range {
        let threshold = (0 &- range) % range
        while product.low < threshold { product = generator.next().multipliedFullWidth(by: range) }
    }
    return Int(product.high)
}

/// The best `capacity` (log10 value, word) pairs seen; ties go to the smaller word. A binary
/// heap with the worst kept item at the root (O(log capacity) per insertion, whatever the order
/// items come in), sorted best first by `finish()`. Unbounded (capacity `.max`), it collects
/// everything.
struct TopList {
    let capacity: Int
    private(set) var items: [(log10: Double, word: UInt32)] = []
    private var unbounded: Bool { capacity == .max }

    init(capacity: Int) {
        self.capacity = capacity
        items.reserveCapacity(Swift.min(capacity, 1024))
    }

    var isFull: Bool { items.count >= capacity }
    /// The value to beat once full.
    var threshold: Double { items.first?.log10 ?? -.infinity }

    /// Whether a is worse than b: a smaller value, or the same value and a larger word.
    @inline(__always)
    static func worse(_ a: (log10: Double, word: UInt32), _ b: (log10: Double, word: UInt32)) -> Bool {
        a.log10 < b.log10 || (a.log10 == b.log10 && a.word > b.word)
    }

    @inline(__always)
    func admits(_ value: Double, _ word: UInt32) -> Bool {
        guard isFull, let root = items.first else { return true }
        return Self.worse(root, (value, word))
    }

    @inline(__always)
    mutating func insert(_ value: Double, _ word: UInt32) {
        guard value > -.infinity else { return }
        if unbounded {
            items.append((value, word))
            return
        }
        if !isFull {
            items.append((value, word))
            var child = items.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                guard Self.worse(items[child], items[parent]) else { break }
                items.swapAt(child, parent)
                child = parent
            }
            return
        }
        guard admits(value, word) else { return }
        items[0] = (value, word)
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var worst = parent
            if left < items.count && Self.worse(items[left], items[worst]) { worst = left }
            if right < items.count && Self.worse(items[right], items[worst]) { worst = right }
            if worst == parent { break }
            items.swapAt(parent, worst)
            parent = worst
        }
    }

    /// Best first.
    mutating func finish() {
        items.sort { Self.worse($1, $0) }
    }
}
