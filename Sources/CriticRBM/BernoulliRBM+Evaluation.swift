import CriticCorpus
import CriticSupport
import Foundation

// Free energy, reconstruction, pseudo-likelihood, exact log Z and the log-likelihood of reviews.
// Annealed importance sampling lives in BernoulliRBM+AIS.swift.

extension BernoulliRBM {
    /// F(v) = −bᵀv − Σⱼ softplus(cⱼ + (Wᵀv)ⱼ) for each row of `data`, accumulated in Double.
    ///
    /// - Complexity: O(nnz · H).
    public func freeEnergies(_ data: BinaryMatrix) -> [Double] {
        precondition(data.columnCount == visibleCount, "the matrix has \(data.columnCount) columns, the model \(visibleCount)")
        let h = hiddenCount
        var result = [Double](repeating: 0, count: data.rowCount)
        var pre = [Float](repeating: 0, count: h)
        pre.withUnsafeMutableBufferPointer { pre in
            for r in 0..<data.rowCount {
                hiddenPreActivations(data, rows: r..<(r + 1), into: pre.baseAddress!)
                var energy = 0.0
                for column in data.row(r) { energy -= Double(visibleBias[Int(column)]) }
                for j in 0..<h { energy -= softplus(Double(pre[j])) }
                result[r] = energy
            }
        }
        return result
    }

    /// log p(v) = −F(v) − log Z averaged over the rows of `data`, for a given log Z (exact or AIS).
    public func averageLogLikelihood(_ data: BinaryMatrix, logPartition: Double) -> Double {
        -mean(freeEnergies(data)) - logPartition
    }

    /// Mean squared error between v and its mean-field reconstruction σ(b + W·σ(c + Wᵀv)),
    /// over all V·N entries (scikit-learn's and `rbm_ref.py`'s definition).
    public func reconstructionError(_ data: BinaryMatrix) -> Double {
        let v = visibleCount
        let blockSize = 256
        var total = 0.0
        var reconstruction = [Float](repeating: 0, count: blockSize * v)
        var start = 0
        while start < data.rowCount {
            let rows = start..<min(data.rowCount, start + blockSize)
            let hidden = hiddenProbabilities(data, rows: rows)
            reconstruction.withUnsafeMutableBufferPointer { out in
                hidden.withUnsafeBufferPointer { hBuffer in
                    visiblePreActivations(hidden: hBuffer.baseAddress!, count: rows.count, into: out.baseAddress!)
                }
                applySigmoid(out.baseAddress!, count: rows.count * v)
                for (slot, r) in rows.enumerated() {
                    let row = out.baseAddress! + slot * v
                    var sum = 0.0
                    for i in 0..<v { sum += Double(row[i]) * Double(row[i]) }
                    // (1 − p)² − p² = 1 − 2p for the active entries.
                    for column in data.row(r) { sum += 1 - 2 * Double(row[Int(column)]) }
                    total += sum
                }
            }
            start = rows.upperBound
        }
        return total / (Double(data.rowCount) * Double(v))
    }

    /// scikit-learn's `score_samples`: for each row, flip one uniformly chosen bit j and return
    /// V · log σ(F(ṽ) − F(v)), a one-sample estimate of the pseudo-log-likelihood
    /// Σᵢ log P(vᵢ | v₋ᵢ) (Besag 1975).
    public func stochasticPseudoLogLikelihood(_ data: BinaryMatrix, generator: inout SeededGenerator) -> [Double] {
        let h = hiddenCount
        var result = [Double](repeating: 0, count: data.rowCount)
        var pre = [Float](repeating: 0, count: h)
        weights.withUnsafeBufferPointer { w in
            pre.withUnsafeMutableBufferPointer { pre in
                for r in 0..<data.rowCount {
                    let flipped = Int(generator.next() % UInt64(visibleCount))
                    hiddenPreActivations(data, rows: r..<(r + 1), into: pre.baseAddress!)
                    let wasOn = data.row(r).contains(Int32(flipped))
                    let sign: Float = wasOn ? -1 : 1
                    // F(ṽ) − F(v) = −sign·bⱼ − Σₖ [softplus(preₖ + sign·Wⱼₖ) − softplus(preₖ)]
                    var difference = -Double(sign) * Double(visibleBias[flipped])
                    let row = w.baseAddress! + flipped * h
                    for k in 0..<h {
                        difference -= softplus(Double(pre[k] + sign * row[k])) - softplus(Double(pre[k]))
                    }
                    result[r] = Double(visibleCount) * logSigmoid(difference)
                }
            }
        }
        return result
    }

    /// Exact pseudo-log-likelihood Σᵢ log P(vᵢ | v₋ᵢ) of each row, all V bits.
    ///
    /// - Complexity: O(N · V · H); for a few hundred reviews.
    public func exactPseudoLogLikelihood(_ data: BinaryMatrix) -> [Double] {
        let (v, h) = (visibleCount, hiddenCount)
        var result = [Double](repeating: 0, count: data.rowCount)
        var pre = [Float](repeating: 0, count: h)
        weights.withUnsafeBufferPointer { w in
            pre.withUnsafeMutableBufferPointer { pre in
                for r in 0..<data.rowCount {
                    hiddenPreActivations(data, rows: r..<(r + 1), into: pre.baseAddress!)
                    var base = 0.0
                    for k in 0..<h { base += softplus(Double(pre[k])) }
                    var active = Set(data.row(r).map(Int.init))
                    var total = 0.0
                    for i in 0..<v {
                        let sign: Float = active.contains(i) ? -1 : 1
                        var flippedSum = 0.0
                        let row = w.baseAddress! + i * h
                        for k in 0..<h { flippedSum += softplus(Double(pre[k] + sign * row[k])) }
                        total += logSigmoid(-Double(sign) * Double(visibleBias[i]) - (flippedSum - base))
                    }
                    active.removeAll()
                    result[r] = total
                }
            }
        }
        return result
    }

    /// Fractions of hidden units whose mean P(h=1|v) over `data` is below 0.01 (dead) or above 0.99
    /// (saturated): a collapsed model has many of either and its embeddings say little.
    public func hiddenUnitActivity(_ data: BinaryMatrix) -> (dead: Double, saturated: Double, meanActivation: Double) {
        let h = hiddenCount
        let probabilities = hiddenProbabilities(data)
        var means = [Double](repeating: 0, count: h)
        for r in 0..<data.rowCount {
            for j in 0..<h { means[j] += Double(probabilities[r * h + j]) }
        }
        for j in 0..<h { means[j] /= Double(max(1, data.rowCount)) }
        let dead = Double(means.filter { $0 < 0.01 }.count) / Double(h)
        let saturated = Double(means.filter { $0 > 0.99 }.count) / Double(h)
        return (dead, saturated, mean(means))
    }

    /// The most units `exactLogPartition` enumerates (2²⁴ states).
    public static let exactEnumerationLimit = 24

    /// log Z by enumerating every state of the smaller layer and summing the other out:
    ///
    ///     log Z = log Σ_h exp(cᵀh + Σᵢ softplus(bᵢ + (Wh)ᵢ))      (or the same over v)
    ///
    /// States are enumerated in blocks whose products go through sgemm; the log-sum-exp is in
    /// Double. Throws when the smaller layer has more than `exactEnumerationLimit` units.
    ///
    /// - Complexity: O(2^min(V,H) · V · H).
    public func exactLogPartition() throws(RBMError) -> Double {
        let enumerateHidden = hiddenCount <= visibleCount
        let n = enumerateHidden ? hiddenCount : visibleCount
        let m = enumerateHidden ? visibleCount : hiddenCount
        guard n <= Self.exactEnumerationLimit else { throw RBMError.tooLargeForExactEvaluation(units: n) }
        let enumeratedBias = enumerateHidden ? hiddenBias : visibleBias
        let total = 1 << n
        let blockSize = min(total, 4096)
        var states = [Float](repeating: 0, count: blockSize * n)
        var pre = [Float](repeating: 0, count: blockSize * m)
        var blockLogs: [Double] = []
        var values = [Double](repeating: 0, count: blockSize)
        var start = 0
        while start < total {
            let count = min(blockSize, total - start)
            for s in 0..<count {
                let index = start + s
                for bit in 0..<n { states[s * n + bit] = Float((index >> bit) & 1) }
            }
            states.withUnsafeBufferPointer { st in
                pre.withUnsafeMutableBufferPointer { out in
                    if enumerateHidden {
                        visiblePreActivations(hidden: st.baseAddress!, count: count, into: out.baseAddress!)
                    } else {
                        hiddenPreActivations(visible: st.baseAddress!, count: count, into: out.baseAddress!)
                    }
                }
            }
            for s in 0..<count {
                var value = 0.0
                for bit in 0..<n where states[s * n + bit] != 0 { value += Double(enumeratedBias[bit]) }
                for i in 0..<m { value += softplus(Double(pre[s * m + i])) }
                values[s] = value
            }
            blockLogs.append(logSumExp(values[0..<count]))
            start += count
        }
        return logSumExp(blockLogs)
    }
}
