import CriticCorpus

/// A context stored in a model: the words, and where its successors are.
public struct NGramContext: Sendable, Hashable {
    /// The context's words (empty for the unigram distribution).
    public let words: [WordID]
    let index: Int
}

/// Enumeration of what a model stores, for sampling, completion and inspection without scanning
/// the vocabulary.
///
/// In backoff form, P(w | c) is the probability of a listed successor of c when w is listed, and
/// otherwise β(c) · P(w | c′): a sampler draws "a listed successor" with their total mass and
/// "back off" with the rest, recursively.
extension NGramModel {
    /// The empty context: its successors are every unigram.
    public var emptyContext: NGramContext { NGramContext(words: [], index: 0) }

    /// The context made of exactly `words` (after keeping its last `order − 1` words and nothing
    /// before a `<s>`), or nil when the model does not store it.
    public func storedContext<C: Collection>(_ words: C) -> NGramContext? where C.Element == WordID {
        let words = Array(effectiveContext(words, order: order))
        if words.isEmpty { return emptyContext }
        guard let index = locate(words) else { return nil }
        return NGramContext(words: words, index: index)
    }

    /// The longest stored suffix of `words`: where a query for the next word starts.
    public func longestStoredContext<C: Collection>(_ words: C) -> NGramContext where C.Element == WordID {
        let words = effectiveContext(words, order: order)
        for start in words.indices {
            if let context = storedContext(words[start...]) { return context }
        }
        return emptyContext
    }

    /// The context without its first word (nil for the empty context).
    public func shorter(_ context: NGramContext) -> NGramContext? {
        guard !context.words.isEmpty else { return nil }
        return storedContext(context.words.dropFirst()) ?? longestStoredContext(context.words.dropFirst())
    }

    /// ln of the context's weight: β(c) for backoff models (the factor applied to the shorter
    /// context's probabilities of unlisted words), the probability of any unlisted word for
    /// MLE and add-k models; 0 for the empty context.
    public func logWeight(of context: NGramContext) -> Double {
        guard !context.words.isEmpty else { return 0 }
        return Double(inner[context.words.count - 1][context.index].log10Weight) * Self.ln10
    }

    /// Every listed successor of `context` with ln P(word | context), in word-id order (for the
    /// empty context: every word but `<s>`).
    ///
    /// - Complexity: O(successors).
    public func successors(of context: NGramContext) -> [(word: WordID, logProbability: Double)] {
        let n = context.words.count + 1
        guard n <= order else { return [] }
        if n == 1 {
            return inner[0].dropLast().enumerated().compactMap { id, entry in
                id == Int(Vocabulary.beginID) ? nil : (WordID(id), Double(entry.log10Probability) * Self.ln10)
            }
        }
        return successorRange(order: n - 1, context.index).map { index in
            (word(order: n, index), Double(log10Probability(order: n, index)) * Self.ln10)
        }
    }

    /// Calls `body` with each stored n-gram of order `n`, its log10 probability and log10 weight
    /// (0 at the highest order), grouped by context.
    public func forEachNGram(order n: Int, _ body: ([WordID], Float, Float) -> Void) {
        precondition((1...order).contains(n))
        var words = [WordID](repeating: 0, count: n)
        func visit(_ length: Int, _ index: Int) {
            words[length - 1] = word(order: length, index)
            if length == n {
                body(words, log10Probability(order: n, index), n < order ? inner[n - 1][index].log10Weight : 0)
                return
            }
            for child in successorRange(order: length, index) { visit(length + 1, child) }
        }
        for id in 0..<(inner[0].count - 1) { visit(1, id) }
    }

    /// log10 probability and weight of the stored n-gram `words`, or nil.
    public func storedValues<C: Collection>(of words: C) -> (log10Probability: Float, log10Weight: Float)? where C.Element == WordID {
        guard !words.isEmpty, words.count <= order, let index = locate(words) else { return nil }
        let n = words.count
        return (log10Probability(order: n, index), n < order ? inner[n - 1][index].log10Weight : 0)
    }
}
