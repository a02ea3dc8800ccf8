import CriticCorpus
import Foundation

/// Add-k smoothing (Laplace's rule of succession when k = 1; Jeffreys–Perks when k = ½): every
/// n-gram gets k extra occurrences, so with the full context c of the model's order,
///
///     P(w | c) = (count(c w) + k) / (count(c) + k · |V|)
///
/// where |V| counts the vocabulary without `<s>` (with `<unk>`). A context never seen gives the
/// uniform 1 / |V|. There is no backing off: a shorter context is used only at the start of a
/// review, where fewer words exist. See Chen & Goodman (1998), section 2.1.
public struct AddKEstimator: Estimator {
    public var k: Double

    public init(k: Double = 1) {
        precondition(k > 0, "k must be positive (use MLEEstimator for k = 0)")
        self.k = k
    }

    public func estimate(_ counts: NGramCounts, vocabulary: Vocabulary) throws(LanguageModelError) -> Estimate {
        try counts.validate(for: vocabulary)
        let model = Self.fixedContextModel(counts, vocabulary: vocabulary, k: k,
                                           unseenContextLog10Probability: Float(-log10(Double(vocabulary.count - 1))))
        return Estimate(model: model, warnings: [])
    }

    /// (count(c w) + k) / (count(c) + k |V|) for every stored n-gram; each context's weight is the
    /// probability k / (count(c) + k |V|) of any word it was never followed by.
    static func fixedContextModel(_ counts: NGramCounts, vocabulary: Vocabulary, k: Double,
                                  unseenContextLog10Probability: Float) -> NGramModel {
        let order = counts.order
        let size = Double(vocabulary.count - 1)
        var builder = NGramModelBuilder(order: order, vocabulary: vocabulary, form: .fixedContext)
        builder.unseenContextLog10Probability = unseenContextLog10Probability
        let unigramCounts = counts.unigramCounts(padded: vocabulary.count)
        let total = Double(unigramCounts.enumerated().reduce(UInt64(0)) { $0 + ($1.offset == Int(Vocabulary.beginID) ? 0 : $1.element) })
        func floor(_ contextCount: Double) -> Float { Float(log10(k / (contextCount + k * size))) }
        for (id, count) in unigramCounts.enumerated() {
            let probability = id == Int(Vocabulary.beginID) ? 0 : Float(log10((Double(count) + k) / (total + k * size)))
            // A word of the (shared) vocabulary never seen as a context is an unseen context.
            let weight = order == 1 ? 0 : count > 0 ? floor(Double(count)) : unseenContextLog10Probability
            builder.unigrams[id] = (probability, weight)
        }
        var contextCounts = unigramCounts
        var positions: [UInt32] = []
        for n in stride(from: 2, through: order, by: 1) {
            let table = counts.tables[n - 2]
            var entries: [NGramModelBuilder.Entry] = []
            var currentPositions = [UInt32](repeating: .max, count: table.count)
            for index in 0..<table.count where table.counts[index] > 0 {
                let key = table.keys[index]
                let context = Int(key >> 32)
                let builderContext = n == 2 ? UInt32(context) : positions[context]
                guard builderContext != .max, contextCounts[context] > 0 else { continue }
                let count = Double(table.counts[index])
                let contextCount = Double(contextCounts[context])
                currentPositions[index] = UInt32(entries.count)
                entries.append(.init(context: builderContext, word: UInt32(truncatingIfNeeded: key),
                                     log10Probability: Float(log10((count + k) / (contextCount + k * size))),
                                     log10Weight: n < order ? floor(count) : 0))
            }
            builder.higher[n - 2] = entries
            positions = currentPositions
            contextCounts = table.counts.map(UInt64.init)
        }
        return NGramModel(builder)
    }
}
