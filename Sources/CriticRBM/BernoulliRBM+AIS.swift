import CriticCorpus
import CriticLinearAlgebra
import CriticSupport
import Foundation

/// One annealed-importance-sampling estimate of log Z.
public struct AISEstimate: Sendable, Equatable, Codable {
    /// log Ẑ = log Z_A + log mean(wᵢ).
    @NullIfNonFinite public var logPartition: Double
    /// log(Ẑ ± 3 standard errors of the mean weight), as in Salakhutdinov's RBM_AIS.m; `lower`
    /// is −∞ (JSON `null`) when the interval reaches 0.
    @NullIfNonFinite public var upper: Double
    @NullIfNonFinite public var lower: Double
    /// log Z_A of the base model.
    @NullIfNonFinite public var baseLogPartition: Double
    /// Effective sample size (Σw)²/Σw² of the importance weights, out of `runs`.
    @NullIfNonFinite public var effectiveSampleSize: Double
    public var runs: Int
    public var temperatures: Int
    public var seconds: Double
}

/// AIS from the data's base-rate model and from the uniform model, reduced to one figure.
public struct AISReport: Sendable, Equatable, Codable {
    public var baseRate: AISEstimate
    public var uniform: AISEstimate
    /// The larger of the two estimates. log Ẑ is biased low (Jensen), and a run whose chains never
    /// reach a mode of the model under-estimates with deceptively tight bounds, so the larger
    /// estimate is the safer one.
    @NullIfNonFinite public var logPartition: Double
    /// |base-rate − uniform| in nats.
    @NullIfNonFinite public var disagreement: Double
    /// The tolerance above which `disagrees` is set.
    public var tolerance: Double
    public var disagrees: Bool { disagreement > tolerance }
}

// In an extension, so that the memberwise initializer stays.
extension AISReport {
    enum CodingKeys: String, CodingKey { case baseRate, uniform, logPartition, disagreement, tolerance, disagrees }

    /// The stored fields and `disagrees`, so that a reader of the JSON need not compare.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(baseRate, forKey: .baseRate)
        try container.encode(uniform, forKey: .uniform)
        try container.encode(_logPartition, forKey: .logPartition)
        try container.encode(_disagreement, forKey: .disagreement)
        try container.encode(tolerance, forKey: .tolerance)
        try container.encode(disagrees, forKey: .disagrees)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        baseRate = try container.decode(AISEstimate.self, forKey: .baseRate)
        uniform = try container.decode(AISEstimate.self, forKey: .uniform)
        _logPartition = try container.decode(NullIfNonFinite.self, forKey: .logPartition)
        _disagreement = try container.decode(NullIfNonFinite.self, forKey: .disagreement)
        tolerance = try container.decode(Double.self, forKey: .tolerance)
    }
}

extension BernoulliRBM {
    /// Salakhutdinov & Murray (2008)'s schedule of inverse temperatures: 500 steps over [0, 0.5),
    /// 4,000 over [0.5, 0.9) and 10,000 over [0.9, 1] for `count` = 14,500, the same proportions
    /// otherwise (`rbm_ref.py`'s `default_betas`).
    public static func annealingSchedule(count: Int = 14_500) -> [Double] {
        let n1 = max(2, Int((Double(count) * 500 / 14_500).rounded()))
        let n2 = max(2, Int((Double(count) * 4_000 / 14_500).rounded()))
        let n3 = max(2, count - n1 - n2)
        var betas: [Double] = []
        for i in 0..<n1 { betas.append(0.5 * Double(i) / Double(n1)) }
        for i in 0..<n2 { betas.append(0.5 + 0.4 * Double(i) / Double(n2)) }
        for i in 0...n3 { betas.append(0.9 + 0.1 * Double(i) / Double(n3)) }
        return betas
    }

    /// Annealed importance sampling estimate of log Z (Salakhutdinov & Murray, "On the
    /// quantitative analysis of deep belief networks", ICML 2008; Neal 2001).
    ///
    /// The intermediate models p_β(v) ∝ exp((1−β)·b_Aᵀv) · Σ_h exp(β·(−E(v,h))) bridge the base
    /// model p_A (W = 0, visible biases `baseVisibleBias`, whose Z_A is known in closed form) and
    /// the RBM at β = 1. Each run draws v from p_A, then for each β multiplies its weight by
    /// p*_β(v)/p*_{β_prev}(v) and moves v by one Gibbs sweep that leaves p_β invariant.
    /// Z/Z_A is estimated by the mean weight.
    ///
    /// - Parameters:
    ///   - baseVisibleBias: b_A; `nil` means the uniform model (b_A = 0).
    ///   - runs: independent chains (100 in the paper).
    ///   - temperatures: number of β values (14,500 in the paper).
    /// - Complexity: O(runs · temperatures · V · H).
    public func annealedImportanceSampling(baseVisibleBias: [Float]?, runs: Int = 100, temperatures: Int = 14_500,
                                           generator: inout SeededGenerator) -> AISEstimate {
        let clock = DispatchTime.now().uptimeNanoseconds
        let (v, h, m) = (visibleCount, hiddenCount, runs)
        let baseBias = baseVisibleBias ?? [Float](repeating: 0, count: v)
        precondition(baseBias.count == v, "the base model needs one bias per visible unit")
        let betas = Self.annealingSchedule(count: temperatures)
        // Chain state in raw buffers: nested functions capture the pointers, not boxed arrays.
        let hidden = UnsafeMutablePointer<Float>.allocate(capacity: m * h)        // (runs×H) binary
        let hiddenInput = UnsafeMutablePointer<Float>.allocate(capacity: m * h)   // c + Wᵀv (runs×H)
        let visibleInput = UnsafeMutablePointer<Float>.allocate(capacity: m * v)  // (runs×V)
        let activeColumns = UnsafeMutablePointer<Int32>.allocate(capacity: m * v) // on-units of each run's v
        let activeCounts = UnsafeMutablePointer<Int>.allocate(capacity: m)
        defer {
            hidden.deallocate(); hiddenInput.deallocate(); visibleInput.deallocate()
            activeColumns.deallocate(); activeCounts.deallocate()
        }
        var logWeights = [Double](repeating: 0, count: m)
        let logTwo = log(2.0)
        let baseBiasPointer = UnsafeMutablePointer<Float>.allocate(capacity: v)
        let modelBiasPointer = UnsafeMutablePointer<Float>.allocate(capacity: v)
        let mixedBias = UnsafeMutablePointer<Float>.allocate(capacity: v)       // (1−β)·b_A + β·b
        defer { baseBiasPointer.deallocate(); modelBiasPointer.deallocate(); mixedBias.deallocate() }
        baseBiasPointer.initialize(from: baseBias, count: v)
        modelBiasPointer.initialize(from: visibleBias, count: v)

        // v·b_A and v·b over the active units of run r.
        func biasTerms(_ r: Int) -> (base: Double, model: Double) {
            var (base, model) = (0.0, 0.0)
            let columns = activeColumns + r * v
            for position in 0..<activeCounts[r] {
                let i = Int(columns[position])
                base += Double(baseBiasPointer[i])
                model += Double(modelBiasPointer[i])
            }
            return (base, model)
        }
        // log p*_β(v) up to the β-independent constant: (1−β)·b_Aᵀv + β·bᵀv + Σⱼ softplus(β·(c+Wᵀv)ⱼ)
        func logUnnormalized(_ r: Int, beta: Double) -> Double {
            let (base, model) = biasTerms(r)
            var value = (1 - beta) * base + beta * model
            let row = hiddenInput + r * h
            for j in 0..<h { value += softplus(beta * Double(row[j])) }
            return value
        }
        func refreshHiddenInput() {
            weights.withUnsafeBufferPointer { w in
                hiddenBias.withUnsafeBufferPointer { c in
                    for r in 0..<m {
                        let row = hiddenInput + r * h
                        row.update(from: c.baseAddress!, count: h)
                        // v is binary: Wᵀv is a gather-add of W's rows.
                        let columns = activeColumns + r * v
                        for position in 0..<activeCounts[r] {
                            BLAS.axpy(count: h, alpha: 1, x: w.baseAddress! + Int(columns[position]) * h, y: row)
                        }
                    }
                }
            }
        }

        // Exact sample from the base model, where the units are independent.
        for r in 0..<m {
            var count = 0
            for i in 0..<v where generator.nextUnitFloat() < sigmoid(baseBiasPointer[i]) {
                activeColumns[r * v + count] = Int32(i)
                count += 1
            }
            activeCounts[r] = count
            logWeights[r] = -(biasTerms(r).base + Double(h) * logTwo)
        }
        refreshHiddenInput()

        for beta in betas.dropFirst().dropLast() {
            for r in 0..<m { logWeights[r] += logUnnormalized(r, beta: beta) }
            // One Gibbs sweep leaving p_β invariant: h ~ σ(β(c+Wᵀv)), v ~ σ((1−β)b_A + β(b+Wh)).
            let betaF = Float(beta)
            for index in 0..<(m * h) {
                hidden[index] = generator.nextUnitFloat() < sigmoid(betaF * hiddenInput[index]) ? 1 : 0
            }
            for i in 0..<v { mixedBias[i] = (1 - betaF) * baseBiasPointer[i] + betaF * modelBiasPointer[i] }
            for r in 0..<m { (visibleInput + r * v).update(from: mixedBias, count: v) }
            weights.withUnsafeBufferPointer { w in
                // β·(runs×H)·(V×H)ᵀ → (runs×V), added to the mixed biases already in place.
                BLAS.gemm(transposeB: true, m: m, n: v, k: h, alpha: betaF, a: hidden, lda: h, b: w.baseAddress!,
                          ldb: h, beta: 1, c: visibleInput, ldc: v)
            }
            for r in 0..<m {
                let row = visibleInput + r * v
                let columns = activeColumns + r * v
                var count = 0
                for i in 0..<v where generator.nextUnitFloat() < sigmoid(row[i]) {
                    columns[count] = Int32(i)
                    count += 1
                }
                activeCounts[r] = count
            }
            refreshHiddenInput()
            for r in 0..<m { logWeights[r] -= logUnnormalized(r, beta: beta) }
        }
        for r in 0..<m { logWeights[r] += logUnnormalized(r, beta: 1) }

        var baseLogPartition = Double(h) * logTwo
        for bias in baseBias { baseLogPartition += softplus(Double(bias)) }
        let logMeanWeight = logSumExp(logWeights) - log(Double(m))
        // Bounds: mean weight ± 3 standard errors, computed around the mean log-weight to avoid overflow.
        let centre = mean(logWeights)
        let scaled = logWeights.map { exp($0 - centre) }
        let scaledMean = scaled.reduce(0, +) / Double(m)
        let variance = m > 1 ? scaled.reduce(0) { $0 + ($1 - scaledMean) * ($1 - scaledMean) } / Double(m - 1) : 0
        let logStandardError = log(variance.squareRoot()) + centre - 0.5 * log(Double(m))
        let upper = logSumExp([log(3.0) + logStandardError, logMeanWeight]) + baseLogPartition
        let difference = exp(logMeanWeight - centre) - 3 * exp(logStandardError - centre)
        let lower = difference > 0 ? log(difference) + centre + baseLogPartition : -.infinity
        let peak = logWeights.max() ?? 0
        let normalized = logWeights.map { exp($0 - peak) }
        let ess = pow(normalized.reduce(0, +), 2) / normalized.reduce(0) { $0 + $1 * $1 }
        return AISEstimate(logPartition: logMeanWeight + baseLogPartition, upper: upper, lower: lower,
                           baseLogPartition: baseLogPartition, effectiveSampleSize: ess, runs: m,
                           temperatures: betas.count,
                           seconds: Double(DispatchTime.now().uptimeNanoseconds - clock) / 1e9)
    }

    /// AIS from two bases — the base-rate model of `data` (visible biases from its marginals) and
    /// the uniform model — keeping the larger estimate and flagging a disagreement above
    /// `tolerance` nats. A single base-rate run was measured reporting log Z = 175.3 ± 0.03 for a
    /// saturated model whose exact log Z is 230.7: tight bounds do not mean a right answer.
    public func estimateLogPartition(data: BinaryMatrix, runs: Int = 100, temperatures: Int = 14_500,
                                     seed: UInt64 = 0, tolerance: Double = 1) -> AISReport {
        var baseRateGenerator = SeededGenerator(seed: seed)
        var uniformGenerator = SeededGenerator(seed: seed &+ 0x9E37_79B9_7F4A_7C15)
        let baseRate = annealedImportanceSampling(baseVisibleBias: Self.baseRateBiases(data), runs: runs,
                                                  temperatures: temperatures, generator: &baseRateGenerator)
        let uniform = annealedImportanceSampling(baseVisibleBias: nil, runs: runs, temperatures: temperatures,
                                                 generator: &uniformGenerator)
        return AISReport(baseRate: baseRate, uniform: uniform,
                         logPartition: max(baseRate.logPartition, uniform.logPartition),
                         disagreement: abs(baseRate.logPartition - uniform.logPartition), tolerance: tolerance)
    }
}
