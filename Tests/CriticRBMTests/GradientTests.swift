import CriticSupport
import Foundation
import Testing
@testable import CriticRBM
import CriticCorpus

/// Acceptance 1: the model's gradient, its CD estimate, log p(v), and sampling, on RBMs small
/// enough to enumerate.
@Suite struct GradientTests {
    static let data = BinaryMatrix(rows: [[0, 1], [1, 2, 3], [0], [2, 3], [0, 1, 2], [3], [1, 3], []], columnCount: 4)

    @Test(arguments: [UInt64(1), 2, 3])
    func analyticGradientMatchesFiniteDifferences(seed: UInt64) {
        let tiny = TinyRBM.random(visible: 4, hidden: 3, scale: 1, seed: seed)
        let data = Self.data.denseRows()
        let analytic = tiny.exactWeightGradient(data)
        let step: Float = 1e-2
        for index in 0..<(4 * 3) {
            let up = tiny.withWeight(index, shiftedBy: step).meanLogLikelihood(data)
            let down = tiny.withWeight(index, shiftedBy: -step).meanLogLikelihood(data)
            let numeric = (up - down) / Double(2 * step)
            #expect(abs(numeric - analytic[index]) < 1e-4, "W[\(index)]: numeric \(numeric), analytic \(analytic[index])")
        }
    }

    /// The trainer's update with learning rate ε, no momentum history and no weight cost is
    /// ε·(positive − negative statistics). Averaged over many chains, CD-k with long chains must
    /// match the exact gradient; CD-1 on a strongly coupled model must not.
    func averageCDGradient(_ tiny: TinyRBM, k: Int, repeats: Int) throws -> [Double] {
        let replicated = Self.data.rows((0..<250).flatMap { _ in 0..<Self.data.rowCount })
        var sum = [Double](repeating: 0, count: 12)
        for r in 0..<repeats {
            let options = RBMTrainingOptions(hiddenCount: 3, batchSize: replicated.rowCount, learningRate: 1,
                                             sampler: .contrastiveDivergence(k: k), weightDecay: 0,
                                             sampleVisible: true, seed: UInt64(r))
            let trainer = RBMTrainer(model: tiny.model, options: options)
            try trainer.partialFit(replicated, rows: 0..<replicated.rowCount)
            for index in 0..<12 { sum[index] += Double(trainer.model.weights[index] - tiny.model.weights[index]) }
        }
        return sum.map { $0 / Double(repeats) }
    }

    @Test func longCDChainsApproachTheExactGradient() throws {
        let tiny = TinyRBM.random(visible: 4, hidden: 3, scale: 1.5, seed: 7)
        let exact = tiny.exactWeightGradient(Self.data.denseRows())
        let long = try averageCDGradient(tiny, k: 50, repeats: 20)
        let short = try averageCDGradient(tiny, k: 1, repeats: 20)
        let longError = zip(long, exact).map { abs($0 - $1) }.max()!
        let shortError = zip(short, exact).map { abs($0 - $1) }.max()!
        #expect(longError < 0.02, "CD-50 is off the exact gradient by \(longError)")
        #expect(shortError > 2 * longError, "CD-1 (\(shortError)) should be visibly biased next to CD-50 (\(longError))")
    }

    @Test(arguments: [UInt64(11), 12])
    func logProbabilityIsMinusFreeEnergyMinusLogZ(seed: UInt64) throws {
        let tiny = TinyRBM.random(visible: 5, hidden: 4, scale: 1, seed: seed)
        let logZ = tiny.logPartition
        #expect(abs(try tiny.model.exactLogPartition() - logZ) < 1e-5 * abs(logZ) + 1e-5)
        let all = BinaryMatrix(rows: (0..<32).map { index in (0..<5).filter { (index >> $0) & 1 == 1 } }, columnCount: 5)
        let freeEnergies = tiny.model.freeEnergies(all)
        var total = 0.0
        for r in 0..<all.rowCount {
            let brute = tiny.logProbability(all.denseRow(r).map(Double.init), logZ: logZ)
            #expect(abs(-freeEnergies[r] - logZ - brute) < 1e-5)
            total += exp(brute)
        }
        #expect(abs(total - 1) < 1e-9)
    }

    @Test func exactLogZEnumeratesEitherLayer() throws {
        // V < H enumerates the visible layer, V > H the hidden one: both must match brute force.
        for (v, h) in [(3, 6), (6, 3)] {
            let tiny = TinyRBM.random(visible: v, hidden: h, scale: 1, seed: UInt64(v * 10 + h))
            #expect(abs(try tiny.model.exactLogPartition() - tiny.logPartition) < 1e-5)
        }
    }

    @Test func meanOfHiddenSamplesApproachesTheConditional() {
        let tiny = TinyRBM.random(visible: 6, hidden: 5, scale: 1, seed: 21)
        let row = BinaryMatrix(rows: [[0, 2, 5]], columnCount: 6)
        let many = row.rows(Array(repeating: 0, count: 20_000))
        var generator = SeededGenerator(seed: 3)
        let samples = tiny.model.sampleHidden(many, generator: &generator)
        let exact = try! tiny.model.transform(row)
        for j in 0..<5 {
            let meanSample = (0..<many.rowCount).reduce(0.0) { $0 + Double(samples[$1 * 5 + j]) } / 20_000
            // 4 standard errors of a Bernoulli mean over 20,000 draws is at most 0.0142.
            #expect(abs(meanSample - Double(exact[j])) < 0.0142, "unit \(j): \(meanSample) vs \(exact[j])")
            #expect(Set(samples).isSubset(of: [0, 1]))
        }
    }

    @Test func longGibbsRunsStayFinite() {
        // Large weights push pre-activations to ±hundreds: σ and softplus must not overflow.
        let tiny = TinyRBM.random(visible: 30, hidden: 20, scale: 20, seed: 5)
        var generator = SeededGenerator(seed: 9)
        let (states, probabilities) = tiny.model.gibbs(chains: 8, steps: 2_000, generator: &generator)
        #expect(states.allSatisfy { $0 == 0 || $0 == 1 })
        #expect(probabilities.allSatisfy { $0.isFinite && $0 >= 0 && $0 <= 1 })
        let data = BinaryMatrix(rows: [[0, 1, 2], Array(0..<30), []], columnCount: 30)
        #expect(tiny.model.freeEnergies(data).allSatisfy { $0.isFinite })
        var pllGenerator = SeededGenerator(seed: 1)
        #expect(tiny.model.stochasticPseudoLogLikelihood(data, generator: &pllGenerator).allSatisfy { $0.isFinite })
        #expect(tiny.model.reconstructionError(data).isFinite)
    }

    @Test func stochasticPseudoLikelihoodAveragesToTheExactOne() {
        // E_j[V·log P(v_j|v_−j)] over a uniform j is exactly Σ_j log P(v_j|v_−j).
        let tiny = TinyRBM.random(visible: 8, hidden: 4, scale: 1, seed: 31)
        let row = BinaryMatrix(rows: [[1, 4, 6]], columnCount: 8)
        let exact = tiny.model.exactPseudoLogLikelihood(row)[0]
        var generator = SeededGenerator(seed: 2)
        let many = row.rows(Array(repeating: 0, count: 40_000))
        let estimate = tiny.model.stochasticPseudoLogLikelihood(many, generator: &generator).reduce(0, +) / 40_000
        #expect(abs(estimate - exact) < 0.05 * abs(exact), "estimate \(estimate) vs exact \(exact)")
        // Brute force from the definition: log P(v_i|v_−i) = −log(1 + e^{F(v)−F(v with i flipped)}).
        var brute = 0.0
        for i in 0..<8 {
            var flipped = Set(row.row(0).map(Int.init))
            if flipped.contains(i) { flipped.remove(i) } else { flipped.insert(i) }
            let pair = BinaryMatrix(rows: [row.row(0).map(Int.init), Array(flipped)], columnCount: 8)
            let f = tiny.model.freeEnergies(pair)
            brute += -log1p(exp(f[0] - f[1]))
        }
        #expect(abs(brute - exact) < 1e-6)
    }
}
