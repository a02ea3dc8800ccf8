import CriticSupport
import Foundation
import Testing
@testable import CriticRBM
import CriticCorpus

/// The trainer's update, mini-batch by mini-batch, against the textbook rule written out in
/// scalar Double arithmetic (Hinton's rbm.m, the rule rbm_ref.py's CDRBM implements) and fed the
/// same random draws: the same numbers up to Float32 rounding, for CD-1, CD-k with sampled
/// visible states, and PCD, with momentum and weight cost.
///
/// On the scale dataset (V = 5,000, H = 128) the same comparison was made in numpy with our
/// generator ported to Python: after one epoch max |ΔW| = 4.9e-7.
@Suite struct UpdateRuleTests {
    static let data = BinaryMatrix(rows: [[0, 1, 4], [1, 2, 3], [0, 5], [2, 3, 4], [0, 1, 2, 5], [3], [1, 3, 5], [],
                                          [4, 5], [0, 2]], columnCount: 6)

    /// A scalar re-statement of one CD-k / PCD-k update. The random draws follow the trainer's
    /// order: h⁰ (or, at the first PCD update, the chains), then per Gibbs step the visible sample
    /// (if any) and the hidden sample (if any), each row-major. PCD keeps one chain per row of a
    /// full batch.
    struct ReferenceTrainer {
        var w: [Double], b: [Double], c: [Double]
        var dw: [Double], db: [Double], dc: [Double]
        var chains: [[Double]]?
        let v: Int, h: Int
        let options: RBMTrainingOptions
        var generator: SeededGenerator

        init(model: BernoulliRBM, options: RBMTrainingOptions) {
            (v, h) = (model.visibleCount, model.hiddenCount)
            w = model.weights.map(Double.init); b = model.visibleBias.map(Double.init); c = model.hiddenBias.map(Double.init)
            dw = [Double](repeating: 0, count: v * h); db = [Double](repeating: 0, count: v); dc = [Double](repeating: 0, count: h)
            self.options = options
            generator = SeededGenerator(seed: options.seed)
        }

        func sigma(_ x: Double) -> Double { 1 / (1 + exp(-x)) }
        func hiddenGiven(_ vs: [Double]) -> [Double] {
            (0..<h).map { j in sigma(c[j] + (0..<v).reduce(0) { $0 + vs[$1] * w[$1 * h + j] }) }
        }
        func visibleGiven(_ hs: [Double]) -> [Double] {
            (0..<v).map { i in sigma(b[i] + (0..<h).reduce(0) { $0 + hs[$1] * w[i * h + $1] }) }
        }
        mutating func sample(_ p: [[Double]]) -> [[Double]] {
            p.map { row in row.map { Double(generator.nextUnitFloat()) < $0 ? 1 : 0 } }
        }

        mutating func update(_ batch: [[Double]], momentum: Double) {
            let n = batch.count, k = options.sampler.steps
            var persistent = false
            if case .persistent = options.sampler { persistent = true }
            let positive = batch.map(hiddenGiven)
            var hs: [[Double]]
            if persistent {
                if chains == nil { chains = sample(positive) }
                hs = Array(chains!.prefix(n))  // a short batch advances the first n chains only
            } else {
                hs = sample(positive)
            }
            var vk: [[Double]] = [], negative: [[Double]] = []
            for step in 0..<k {
                let last = step == k - 1
                vk = hs.map(visibleGiven)
                if !last || persistent || options.sampleVisible { vk = sample(vk) }
                negative = vk.map(hiddenGiven)
                if !last || persistent { hs = sample(negative) }
            }
            if persistent { chains!.replaceSubrange(0..<n, with: hs) }
            let rate = Double(options.learningRate), cost = Double(options.weightDecay)
            for i in 0..<v {
                for j in 0..<h {
                    var gradient = 0.0
                    for r in 0..<n { gradient += batch[r][i] * positive[r][j] - vk[r][i] * negative[r][j] }
                    dw[i * h + j] = momentum * dw[i * h + j] + rate * (gradient / Double(n) - cost * w[i * h + j])
                }
            }
            for i in 0..<v {
                db[i] = momentum * db[i] + rate * (0..<n).reduce(0) { $0 + batch[$1][i] - vk[$1][i] } / Double(n)
            }
            for j in 0..<h {
                dc[j] = momentum * dc[j] + rate * (0..<n).reduce(0) { $0 + positive[$1][j] - negative[$1][j] } / Double(n)
            }
            for index in w.indices { w[index] += dw[index] }
            for i in 0..<v { b[i] += db[i] }
            for j in 0..<h { c[j] += dc[j] }
        }
    }

    static let samplers: [(RBMSampler, Bool)] = [
        (.contrastiveDivergence(k: 1), false), (.contrastiveDivergence(k: 3), true), (.persistent(k: 1), false),
        (.persistent(k: 2), false),
    ]

    @Test(arguments: samplers)
    func updatesFollowTheTextbookRule(sampler: RBMSampler, sampleVisible: Bool) throws {
        let tiny = TinyRBM.random(visible: 6, hidden: 4, scale: 0.8, seed: 5)
        let options = RBMTrainingOptions(hiddenCount: 4, batchSize: 4, learningRate: 0.3, sampler: sampler,
                                         initialMomentum: 0.5, weightDecay: 0.01, sampleVisible: sampleVisible, seed: 9)
        let trainer = RBMTrainer(model: tiny.model, options: options)
        var reference = ReferenceTrainer(model: tiny.model, options: options)
        let rows = Self.data.denseRows()
        // Three passes over the data in batches of 4, 4 and 2 rows (the short last batch divides by 2).
        for _ in 0..<3 {
            try trainer.partialFit(Self.data, rows: 0..<Self.data.rowCount)
            for start in stride(from: 0, to: rows.count, by: 4) {
                reference.update(Array(rows[start..<min(rows.count, start + 4)]), momentum: 0.5)
            }
        }
        let model = trainer.model
        let weightError = zip(model.weights, reference.w).map { abs(Double($0) - $1) }.max()!
        let visibleError = zip(model.visibleBias, reference.b).map { abs(Double($0) - $1) }.max()!
        let hiddenError = zip(model.hiddenBias, reference.c).map { abs(Double($0) - $1) }.max()!
        #expect(weightError < 1e-5, "W differs by \(weightError)")
        #expect(visibleError < 1e-5, "b differs by \(visibleError)")
        #expect(hiddenError < 1e-5, "c differs by \(hiddenError)")
        // The updates were not negligible: the comparison would have caught a wrong rule.
        let moved = zip(model.weights, tiny.model.weights).map { abs($0 - $1) }.max()!
        #expect(moved > 0.01, "the weights barely moved (\(moved))")
    }
}
