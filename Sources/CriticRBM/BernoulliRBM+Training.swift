import CriticCorpus
import CriticLinearAlgebra
import CriticSupport
import Foundation

/// How the negative ("model") statistics of the gradient are sampled.
public enum RBMSampler: Sendable, Hashable, CustomStringConvertible {
    /// CD-k: k steps of block Gibbs sampling started at the mini-batch (Hinton 2002).
    case contrastiveDivergence(k: Int)
    /// PCD-k: k steps per update of chains that persist across updates (Tieleman 2008).
    case persistent(k: Int)

    public var steps: Int {
        switch self {
        case .contrastiveDivergence(let k), .persistent(let k): return k
        }
    }

    public var description: String {
        switch self {
        case .contrastiveDivergence(let k): return "CD-\(k)"
        case .persistent(let k): return "PCD-\(k)"
        }
    }
}

/// Training hyper-parameters. Defaults follow Hinton's practical guide and `rbm_ref.py`'s CD-1
/// anchor: batches of 100, learning rate 0.05, momentum 0.5 for 5 epochs then 0.9, L2 weight
/// cost 2·10⁻⁴ on W, no sparsity target.
public struct RBMTrainingOptions: Sendable, Hashable {
    public var hiddenCount: Int
    public var epochs: Int
    public var batchSize: Int
    public var learningRate: Float
    public var sampler: RBMSampler
    public var initialMomentum: Float
    public var finalMomentum: Float
    /// Epochs (counted from 0) run with `initialMomentum` before switching to `finalMomentum`.
    public var momentumSwitchEpoch: Int
    /// L2 weight cost λ: the update of W includes −λW (guide §10).
    public var weightDecay: Float
    /// Desired mean activation of each hidden unit, or `nil` for none (guide §11).
    public var sparsityTarget: Float?
    public var sparsityCost: Float
    /// Decay of the running estimate q of each unit's mean activation.
    public var sparsityDecay: Float
    /// Sample binary visible states at the last Gibbs step instead of using P(v=1|h). Intermediate
    /// steps always sample; PCD always samples (its chains must be true Gibbs chains).
    public var sampleVisible: Bool
    public var seed: UInt64

    public init(hiddenCount: Int = 128, epochs: Int = 20, batchSize: Int = 100, learningRate: Float = 0.05,
                sampler: RBMSampler = .contrastiveDivergence(k: 1), initialMomentum: Float = 0.5,
                finalMomentum: Float = 0.9, momentumSwitchEpoch: Int = 5, weightDecay: Float = 2e-4,
                sparsityTarget: Float? = nil, sparsityCost: Float = 0.1, sparsityDecay: Float = 0.9,
                sampleVisible: Bool = false, seed: UInt64 = 0) {
        self.hiddenCount = hiddenCount
        self.epochs = epochs
        self.batchSize = batchSize
        self.learningRate = learningRate
        self.sampler = sampler
        self.initialMomentum = initialMomentum
        self.finalMomentum = finalMomentum
        self.momentumSwitchEpoch = momentumSwitchEpoch
        self.weightDecay = weightDecay
        self.sparsityTarget = sparsityTarget
        self.sparsityCost = sparsityCost
        self.sparsityDecay = sparsityDecay
        self.sampleVisible = sampleVisible
        self.seed = seed
    }

    /// Programmer-facing checks of the ranges; the CLI validates its flags before this.
    func validate() {
        precondition(hiddenCount > 0, "hiddenCount must be positive")
        precondition(batchSize > 0, "batchSize must be positive")
        precondition(sampler.steps >= 1, "CD-k and PCD-k need k ≥ 1")
        precondition(learningRate > 0 && learningRate.isFinite, "learningRate must be positive")
    }
}

/// What one epoch measured (printed during training and saved next to the model).
public struct RBMEpochReport: Sendable, Codable, Equatable {
    public var epoch: Int
    /// Wall time of the training sweep alone.
    public var seconds: Double
    public var momentum: Float
    /// Mean squared error of the mean-field reconstruction σ(b + W·σ(c + Wᵀv)) on a training sample.
    public var reconstructionError: Double
    /// scikit-learn's stochastic pseudo-log-likelihood per review on the training sample.
    public var pseudoLogLikelihood: Double
    /// Mean free energy of the training sample.
    public var freeEnergyTrain: Double
    /// Mean free energy of the held-out reviews (nil without held-out data).
    public var freeEnergyHeldOut: Double?
    /// Held-out minus training mean free energy; a gap that keeps growing means overfitting
    /// (guide §6).
    public var freeEnergyGap: Double? { freeEnergyHeldOut.map { $0 - freeEnergyTrain } }
    /// Wall time of these measurements.
    public var monitorSeconds: Double
}

/// Trains a `BernoulliRBM` mini-batch by mini-batch, keeping the state that outlives one update
/// (momentum velocities, persistent chains, the sparsity estimate, the random generator).
///
/// One update on a mini-batch of n rows v⁰, with v^k, h^k the end of the Gibbs chain, ε the
/// learning rate, α the momentum and λ the weight cost:
///
///     ΔW ← α·ΔW + ε·((v⁰ᵀP(h|v⁰) − v^kᵀP(h|v^k))/n − λW),   W ← W + ΔW
///
/// and likewise for b and c without the weight cost. The positive statistics use probabilities
/// (guide §3); the chain is driven by sampled hidden states.
public final class RBMTrainer {
    public private(set) var model: BernoulliRBM
    public let options: RBMTrainingOptions
    /// Epochs completed by `runEpoch` (selects the momentum).
    public private(set) var epochsCompleted = 0
    var generator: SeededGenerator
    private var weightVelocity: [Float]
    private var visibleVelocity: [Float]
    private var hiddenVelocity: [Float]
    /// PCD: hidden states of the persistent chains (batchSize×H), created at the first update from
    /// P(h|v⁰) of that batch. A shorter batch (the last of an epoch) advances its first n chains and
    /// leaves the others where they are, rather than restarting them.
    private var chains: [Float]?
    /// Running mean activation q of each hidden unit (sparsity target only).
    private var sparsityEstimate: [Float]
    // Work buffers, sized for a full mini-batch.
    private var positive, negative, hidden, visible: [Float]
    private let ones: [Float]

    /// Continues training `model` (e.g. loaded from a file): velocities start at zero.
    public init(model: BernoulliRBM, options: RBMTrainingOptions) {
        options.validate()
        self.model = model
        self.options = options
        self.generator = SeededGenerator(seed: options.seed)
        let (v, h, b) = (model.visibleCount, model.hiddenCount, options.batchSize)
        weightVelocity = [Float](repeating: 0, count: v * h)
        visibleVelocity = [Float](repeating: 0, count: v)
        hiddenVelocity = [Float](repeating: 0, count: h)
        sparsityEstimate = [Float](repeating: options.sparsityTarget ?? 0, count: h)
        positive = [Float](repeating: 0, count: b * h)
        negative = [Float](repeating: 0, count: b * h)
        hidden = [Float](repeating: 0, count: b * h)
        visible = [Float](repeating: 0, count: b * v)
        ones = [Float](repeating: 1, count: b)
    }

    /// A fresh model initialised for `data` (Hinton's recipe; see `BernoulliRBM.init(initializingFor:)`).
    public convenience init(initializingFor data: BinaryMatrix, terms: [String] = [], options: RBMTrainingOptions) {
        var generator = SeededGenerator(seed: options.seed)
        let model = BernoulliRBM(initializingFor: data, hiddenCount: options.hiddenCount, terms: terms,
                                 generator: &generator)
        self.init(model: model, options: options)
        self.generator = generator
    }

    /// The momentum of the next epoch.
    public var currentMomentum: Float {
        epochsCompleted < options.momentumSwitchEpoch ? options.initialMomentum : options.finalMomentum
    }

    /// One update on the rows `rows` of `data` (at most `batchSize` of them).
    ///
    /// - Complexity: O(n·V·H·k) for the dense negative phase (OpenBLAS sgemm), O(nnz·H) for the
    ///   positive phase, O(V·H) for the parameter update.
    public func partialFit(_ data: BinaryMatrix, rows: Range<Int>) throws(RBMError) {
        guard data.columnCount == model.visibleCount else {
            throw RBMError.shapeMismatch(expected: model.visibleCount, found: data.columnCount, what: "mini-batch")
        }
        BLAS.singleThreaded {
            var start = rows.lowerBound
            while start < rows.upperBound {
                let end = min(rows.upperBound, start + options.batchSize)
                update(data, rows: start..<end, momentum: currentMomentum)
                start = end
            }
        }
    }

    /// One update per mini-batch over the whole of `data`, in a fresh random order.
    public func runEpoch(_ data: BinaryMatrix) throws(RBMError) {
        guard data.rowCount > 0 else { throw RBMError.emptyData }
        guard data.columnCount == model.visibleCount else {
            throw RBMError.shapeMismatch(expected: model.visibleCount, found: data.columnCount, what: "training matrix")
        }
        let shuffled = data.rows(generator.permutation(data.rowCount))
        let momentum = currentMomentum
        // The same bytes whatever the thread count: see BLAS.singleThreaded.
        BLAS.singleThreaded {
            var start = 0
            while start < shuffled.rowCount {
                let end = min(shuffled.rowCount, start + options.batchSize)
                update(shuffled, rows: start..<end, momentum: momentum)
                start = end
            }
        }
        epochsCompleted += 1
    }

    private func update(_ data: BinaryMatrix, rows: Range<Int>, momentum: Float) {
        let n = rows.count
        let (v, h) = (model.visibleCount, model.hiddenCount)
        let k = options.sampler.steps
        let persistent: Bool
        if case .persistent = options.sampler { persistent = true } else { persistent = false }
        let rate = options.learningRate / Float(n)
        // No local copy of `model`: it would share W's storage and force a V×H copy when W is updated.

        positive.withUnsafeMutableBufferPointer { positive in
        negative.withUnsafeMutableBufferPointer { negative in
        hidden.withUnsafeMutableBufferPointer { hidden in
        visible.withUnsafeMutableBufferPointer { visible in
            let (pos, neg, hid, vis) = (positive.baseAddress!, negative.baseAddress!, hidden.baseAddress!,
                                        visible.baseAddress!)
            // Positive phase: P(h|v⁰) by sparse gather (n×H).
            self.model.hiddenPreActivations(data, rows: rows, into: pos)
            applySigmoid(pos, count: n * h)
            // Start of the chain: a sample of h given the data (CD) or the persistent chains (PCD).
            if persistent {
                if chains == nil {
                    chains = [Float](repeating: 0, count: options.batchSize * h)
                    chains!.withUnsafeMutableBufferPointer { chain in
                        generator.sampleBernoulli(pos, into: chain.baseAddress!, count: n * h)
                    }
                }
                chains!.withUnsafeBufferPointer { chain in hid.update(from: chain.baseAddress!, count: n * h) }
            } else {
                generator.sampleBernoulli(pos, into: hid, count: n * h)
            }
            for step in 0..<k {
                let last = step == k - 1
                // (n×H)·(V×H)ᵀ → (n×V): P(v|h)
                self.model.visiblePreActivations(hidden: hid, count: n, into: vis)
                applySigmoid(vis, count: n * v)
                if !last || persistent || options.sampleVisible {
                    generator.sampleBernoulli(vis, into: vis, count: n * v)
                }
                // (n×V)·(V×H) → (n×H): P(h|v^k)
                self.model.hiddenPreActivations(visible: vis, count: n, into: neg)
                applySigmoid(neg, count: n * h)
                if !last || persistent { generator.sampleBernoulli(neg, into: hid, count: n * h) }
            }
            if persistent {
                chains!.withUnsafeMutableBufferPointer { chain in chain.baseAddress!.update(from: hid, count: n * h) }
            }

            // Biases: Δb ← α·Δb + ε/n·(Σv⁰ − Σv^k), Δc ← α·Δc + ε/n·(ΣP(h|v⁰) − ΣP(h|v^k)).
            // Column sums are products with a vector of ones: (n×V)ᵀ·1 → V.
            ones.withUnsafeBufferPointer { ones in
                let one = ones.baseAddress!
                visibleVelocity.withUnsafeMutableBufferPointer { velocity in
                    let db = velocity.baseAddress!
                    BLAS.scal(count: v, alpha: momentum, x: db)
                    data.columnIndices.withUnsafeBufferPointer { columns in
                        for position in data.rowOffsets[rows.lowerBound]..<data.rowOffsets[rows.upperBound] {
                            db[Int(columns[position])] += rate
                        }
                    }
                    BLAS.gemv(transpose: true, m: n, n: v, alpha: -rate, a: vis, lda: v, x: one, beta: 1, y: db)
                }
                hiddenVelocity.withUnsafeMutableBufferPointer { velocity in
                    let dc = velocity.baseAddress!
                    BLAS.gemv(transpose: true, m: n, n: h, alpha: rate, a: pos, lda: h, x: one, beta: momentum, y: dc)
                    BLAS.gemv(transpose: true, m: n, n: h, alpha: -rate, a: neg, lda: h, x: one, beta: 1, y: dc)
                }
            }

            // ΔW ← α·ΔW − ε/n·v^kᵀP(h|v^k): (V×n)·(n×H) → (V×H), momentum folded into β.
            weightVelocity.withUnsafeMutableBufferPointer { velocity in
                let dW = velocity.baseAddress!
                BLAS.gemm(transposeA: true, m: v, n: h, k: n, alpha: -rate, a: vis, lda: v, b: neg, ldb: h,
                          beta: momentum, c: dW, ldc: h)
                // ΔW += ε/n·v⁰ᵀP(h|v⁰): v⁰ is sparse, so scatter-add rows of P(h|v⁰).
                data.columnIndices.withUnsafeBufferPointer { columns in
                    for (slot, r) in rows.enumerated() {
                        for position in data.rowOffsets[r]..<data.rowOffsets[r + 1] {
                            BLAS.axpy(count: h, alpha: rate, x: pos + slot * h, y: dW + Int(columns[position]) * h)
                        }
                    }
                }
                self.model.weights.withUnsafeMutableBufferPointer { w in
                    if options.weightDecay > 0 {
                        BLAS.axpy(count: v * h, alpha: -options.learningRate * options.weightDecay, x: w.baseAddress!, y: dW)
                    }
                    if let target = options.sparsityTarget, options.sparsityCost > 0 {
                        applySparsity(target: target, data: data, rows: rows, positive: pos, dW: dW, v: v, h: h)
                    }
                    BLAS.axpy(count: v * h, alpha: 1, x: dW, y: w.baseAddress!)
                }
            }
        }}}}
        self.model.visibleBias.withUnsafeMutableBufferPointer { b in
            BLAS.axpy(count: v, alpha: 1, x: visibleVelocity, y: b.baseAddress!)
        }
        self.model.hiddenBias.withUnsafeMutableBufferPointer { c in
            BLAS.axpy(count: h, alpha: 1, x: hiddenVelocity, y: c.baseAddress!)
        }
    }

    /// Guide §11: penalise the cross-entropy between the target p and the running mean activation
    /// q of each hidden unit; its derivative w.r.t. the unit's total input is (q − p), which reaches
    /// cⱼ directly and Wᵢⱼ through the mean of vᵢ over the batch.
    private func applySparsity(target: Float, data: BinaryMatrix, rows: Range<Int>, positive: UnsafePointer<Float>,
                               dW: UnsafeMutablePointer<Float>, v: Int, h: Int) {
        let n = rows.count
        let decay = options.sparsityDecay
        var excess = [Float](repeating: 0, count: h)
        for j in 0..<h {
            var mean: Float = 0
            for r in 0..<n { mean += positive[r * h + j] }
            sparsityEstimate[j] = decay * sparsityEstimate[j] + (1 - decay) * mean / Float(n)
            excess[j] = sparsityEstimate[j] - target
        }
        var meanVisible = [Float](repeating: 0, count: v)
        for position in data.rowOffsets[rows.lowerBound]..<data.rowOffsets[rows.upperBound] {
            meanVisible[Int(data.columnIndices[position])] += 1 / Float(n)
        }
        let step = options.learningRate * options.sparsityCost
        // ΔW −= ε·cost·⟨v⟩·(q − p)ᵀ, a rank-one update (V×H).
        BLAS.ger(m: v, n: h, alpha: -step, x: meanVisible, y: excess, a: dW, lda: h)
        for j in 0..<h { hiddenVelocity[j] -= step * excess[j] }
    }
}

// MARK: - Whole-corpus training

extension BernoulliRBM {
    /// Trains a new model on `data` for `options.epochs` epochs, measuring each epoch (see
    /// `RBMEpochReport`) on a fixed sample of up to `monitorRows` training rows and on `heldOut`.
    ///
    /// - Parameter progress: called after each epoch with its report (e.g. to print it).
    public static func fit(_ data: BinaryMatrix, terms: [String] = [], options: RBMTrainingOptions,
                           heldOut: BinaryMatrix? = nil, monitorRows: Int = 1000,
                           progress: ((RBMEpochReport) -> Void)? = nil)
        throws(RBMError) -> (model: BernoulliRBM, history: [RBMEpochReport]) {
        guard data.rowCount > 0 else { throw RBMError.emptyData }
        if let heldOut, heldOut.columnCount != data.columnCount {
            throw RBMError.shapeMismatch(expected: data.columnCount, found: heldOut.columnCount, what: "held-out matrix")
        }
        let trainer = RBMTrainer(initializingFor: data, terms: terms, options: options)
        var monitorGenerator = SeededGenerator(seed: options.seed ^ 0x6D6F_6E69_746F_7200)
        let sample = data.rows(monitorGenerator.permutation(data.rowCount).prefix(monitorRows).sorted())
        var history: [RBMEpochReport] = []
        for _ in 0..<options.epochs {
            let momentum = trainer.currentMomentum
            let start = DispatchTime.now().uptimeNanoseconds
            try trainer.runEpoch(data)
            let trained = DispatchTime.now().uptimeNanoseconds
            let model = trainer.model
            let freeEnergyTrain = mean(model.freeEnergies(sample))
            let report = RBMEpochReport(
                epoch: trainer.epochsCompleted,
                seconds: Double(trained - start) / 1e9,
                momentum: momentum,
                reconstructionError: model.reconstructionError(sample),
                pseudoLogLikelihood: mean(model.stochasticPseudoLogLikelihood(sample, generator: &monitorGenerator)),
                freeEnergyTrain: freeEnergyTrain,
                freeEnergyHeldOut: heldOut.map { mean(model.freeEnergies($0)) },
                monitorSeconds: Double(DispatchTime.now().uptimeNanoseconds - trained) / 1e9)
            history.append(report)
            progress?(report)
        }
        return (trainer.model, history)
    }
}

func mean(_ values: [Double]) -> Double { values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count) }
