import CriticSupport
import Foundation
@testable import CriticRBM
import CriticCorpus

/// Brute-force quantities of tiny RBMs, in Double, straight from the definitions: every (v, h)
/// pair is enumerated, nothing is shared with the code under test.
struct TinyRBM {
    let model: BernoulliRBM
    var v: Int { model.visibleCount }
    var h: Int { model.hiddenCount }

    /// A random model with weights of the given scale.
    static func random(visible: Int, hidden: Int, scale: Double, seed: UInt64) -> TinyRBM {
        var generator = SeededGenerator(seed: seed)
        let w = (0..<(visible * hidden)).map { _ in Float(generator.nextGaussian() * scale) }
        let b = (0..<visible).map { _ in Float(generator.nextGaussian() * scale * 0.5) }
        let c = (0..<hidden).map { _ in Float(generator.nextGaussian() * scale * 0.5) }
        return TinyRBM(model: BernoulliRBM(visibleCount: visible, hiddenCount: hidden, weights: w, visibleBias: b,
                                           hiddenBias: c))
    }

    func bits(_ index: Int, _ count: Int) -> [Double] { (0..<count).map { Double((index >> $0) & 1) } }

    /// −E(v,h) = bᵀv + cᵀh + vᵀWh.
    func negativeEnergy(_ vs: [Double], _ hs: [Double]) -> Double {
        var value = 0.0
        for i in 0..<v { value += Double(model.visibleBias[i]) * vs[i] }
        for j in 0..<h { value += Double(model.hiddenBias[j]) * hs[j] }
        for i in 0..<v { for j in 0..<h { value += vs[i] * Double(model.weights[i * h + j]) * hs[j] } }
        return value
    }

    /// log Z = log Σ_{v,h} e^{−E(v,h)}.
    var logPartition: Double {
        var terms: [Double] = []
        for vi in 0..<(1 << v) { for hi in 0..<(1 << h) { terms.append(negativeEnergy(bits(vi, v), bits(hi, h))) } }
        return logSumExp(terms)
    }

    /// log p(v) = log Σ_h e^{−E(v,h)} − log Z.
    func logProbability(_ vs: [Double], logZ: Double) -> Double {
        logSumExp((0..<(1 << h)).map { negativeEnergy(vs, bits($0, h)) }) - logZ
    }

    func hiddenProbability(_ vs: [Double], _ j: Int) -> Double {
        var input = Double(model.hiddenBias[j])
        for i in 0..<v { input += vs[i] * Double(model.weights[i * h + j]) }
        return 1 / (1 + exp(-input))
    }

    /// ∂/∂Wᵢⱼ of the mean log-likelihood of `data`: ⟨vᵢ P(hⱼ|v)⟩_data − Σ_v p(v) vᵢ P(hⱼ|v).
    func exactWeightGradient(_ data: [[Double]]) -> [Double] {
        let logZ = logPartition
        var gradient = [Double](repeating: 0, count: v * h)
        for vs in data {
            for i in 0..<v { for j in 0..<h { gradient[i * h + j] += vs[i] * hiddenProbability(vs, j) / Double(data.count) } }
        }
        for vi in 0..<(1 << v) {
            let vs = bits(vi, v)
            let p = exp(logProbability(vs, logZ: logZ))
            for i in 0..<v { for j in 0..<h { gradient[i * h + j] -= p * vs[i] * hiddenProbability(vs, j) } }
        }
        return gradient
    }

    /// Mean log-likelihood of `data` for the model with Wᵢⱼ replaced (finite differences).
    func meanLogLikelihood(_ data: [[Double]]) -> Double {
        let logZ = logPartition
        return data.map { logProbability($0, logZ: logZ) }.reduce(0, +) / Double(data.count)
    }

    func withWeight(_ index: Int, shiftedBy delta: Float) -> TinyRBM {
        var weights = model.weights
        weights[index] += delta
        return TinyRBM(model: BernoulliRBM(visibleCount: v, hiddenCount: h, weights: weights,
                                           visibleBias: model.visibleBias, hiddenBias: model.hiddenBias))
    }
}

func logSumExp(_ values: [Double]) -> Double {
    let m = values.max()!
    return m + log(values.reduce(0) { $0 + exp($1 - m) })
}

extension BinaryMatrix {
    func denseRows() -> [[Double]] { (0..<rowCount).map { denseRow($0).map(Double.init) } }
}

/// A labelled synthetic corpus: `classes` groups of documents, each favouring its own block of
/// words on top of a shared background (like `make_synth.py`, much smaller).
func syntheticCorpus(documents: Int, vocabulary: Int, classes: Int, seed: UInt64) -> (BinaryMatrix, [Int]) {
    var generator = SeededGenerator(seed: seed)
    var rows: [[Int]] = []
    var labels: [Int] = []
    let block = vocabulary / (2 * classes)
    for d in 0..<documents {
        let label = d % classes
        var row: [Int] = []
        for i in 0..<vocabulary {
            let own = i >= label * block && i < (label + 1) * block
            let background = i >= classes * block
            let p: Float = own ? 0.35 : (background ? 0.12 / Float(1 + (i - classes * block) / 8) + 0.02 : 0.02)
            if generator.nextUnitFloat() < p { row.append(i) }
        }
        rows.append(row)
        labels.append(label)
    }
    return (BinaryMatrix(rows: rows, columnCount: vocabulary), labels)
}
