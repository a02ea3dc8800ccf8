import CriticCorpus
import CriticLinearAlgebra
import CriticSupport
import Foundation

/// A restricted Boltzmann machine with binary visible units (a review's bag of words) and binary
/// hidden units (its latent features).
///
/// Energy of a joint state v ∈ {0,1}^V, h ∈ {0,1}^H:
///
///     E(v,h) = −bᵀv − cᵀh − vᵀWh,        p(v,h) = e^{−E(v,h)} / Z
///
/// There are no connections within a layer, so both conditionals factorise:
///
///     P(hⱼ=1 | v) = σ(cⱼ + (Wᵀv)ⱼ),       P(vᵢ=1 | h) = σ(bᵢ + (Wh)ᵢ)
///
/// and summing h out gives the free energy, with log p(v) = −F(v) − log Z:
///
///     F(v) = −bᵀv − Σⱼ softplus(cⱼ + (Wᵀv)ⱼ)
///
/// The gradient of the log-likelihood is ∂log p(v)/∂Wᵢⱼ = ⟨vᵢhⱼ⟩_data − ⟨vᵢhⱼ⟩_model; training
/// (`BernoulliRBM+Training.swift`) approximates the model term by contrastive divergence
/// (Hinton 2002) or persistent chains (Tieleman 2008). See G. Hinton, "A Practical Guide to
/// Training Restricted Boltzmann Machines", UTML TR 2010-003, for the recipe followed here.
///
/// Parameters are Float32 (`weights` row-major V×H, so row i holds visible unit i's weights);
/// quantities that sum many terms (free energies, log Z) accumulate in Double.
public struct BernoulliRBM: Sendable, Equatable {
    /// V: number of visible units (bag-of-words columns).
    public let visibleCount: Int
    /// H: number of hidden units (embedding dimensions).
    public let hiddenCount: Int
    /// W, row-major (V×H): `weights[i * hiddenCount + j]` joins visible i and hidden j.
    public internal(set) var weights: [Float]
    /// b (V).
    public internal(set) var visibleBias: [Float]
    /// c (H).
    public internal(set) var hiddenBias: [Float]
    /// The term of each visible unit (empty when the model was built from bare matrices).
    public var terms: [String]

    public init(visibleCount: Int, hiddenCount: Int, weights: [Float], visibleBias: [Float], hiddenBias: [Float],
                terms: [String] = []) {
        precondition(visibleCount > 0 && hiddenCount > 0, "an RBM needs at least one visible and one hidden unit")
        precondition(weights.count == visibleCount * hiddenCount, "W must hold V×H = \(visibleCount * hiddenCount) values")
        precondition(visibleBias.count == visibleCount && hiddenBias.count == hiddenCount, "bias sizes must be V and H")
        precondition(terms.isEmpty || terms.count == visibleCount, "one term per visible unit")
        self.visibleCount = visibleCount
        self.hiddenCount = hiddenCount
        self.weights = weights
        self.visibleBias = visibleBias
        self.hiddenBias = hiddenBias
        self.terms = terms
    }

    /// Hinton's initialisation (guide §8): W ~ N(0, 0.01²), hidden biases 0, visible biases
    /// log(pᵢ/(1−pᵢ)) where pᵢ is the fraction of training rows with unit i on (smoothed as
    /// (count+1)/(N+2) so that never-seen and always-seen words get finite biases).
    public init(initializingFor data: BinaryMatrix, hiddenCount: Int, terms: [String] = [],
                standardDeviation: Float = 0.01, generator: inout SeededGenerator) {
        let visibleCount = data.columnCount
        var weights = [Float](repeating: 0, count: visibleCount * hiddenCount)
        for index in weights.indices { weights[index] = Float(generator.nextGaussian()) * standardDeviation }
        self.init(visibleCount: visibleCount, hiddenCount: hiddenCount, weights: weights,
                  visibleBias: Self.baseRateBiases(data), hiddenBias: [Float](repeating: 0, count: hiddenCount),
                  terms: terms)
    }

    /// logit((countᵢ + 1) / (N + 2)) per column: the visible biases of the independent-words
    /// model that best fits `data` (with add-one smoothing).
    public static func baseRateBiases(_ data: BinaryMatrix) -> [Float] {
        let n = Double(data.rowCount)
        return data.columnCounts().map { count in
            let p = (Double(count) + 1) / (n + 2)
            return Float(log(p) - log1p(-p))
        }
    }

    /// Number of parameters: V·H + V + H.
    public var parameterCount: Int { visibleCount * hiddenCount + visibleCount + hiddenCount }
}

// MARK: - Conditionals

extension BernoulliRBM {
    /// Writes c + Wᵀv for each row of `data` in `rows` into `output` (rows.count × H).
    ///
    /// v is binary and sparse, so Wᵀv is the sum of W's rows for the active words: a gather-add
    /// costing nnz·H instead of the dense V·H.
    func hiddenPreActivations(_ data: BinaryMatrix, rows: Range<Int>, into output: UnsafeMutablePointer<Float>) {
        let h = hiddenCount
        weights.withUnsafeBufferPointer { w in
            hiddenBias.withUnsafeBufferPointer { c in
                data.columnIndices.withUnsafeBufferPointer { columns in
                    for (slot, r) in rows.enumerated() {
                        let out = output + slot * h
                        out.update(from: c.baseAddress!, count: h)
                        for position in data.rowOffsets[r]..<data.rowOffsets[r + 1] {
                            BLAS.axpy(count: h, alpha: 1, x: w.baseAddress! + Int(columns[position]) * h, y: out)
                        }
                    }
                }
            }
        }
    }

    /// P(h=1|v) for every row of `data`: the review embeddings, row-major (N×H).
    ///
    /// - Complexity: O(nnz · H).
    public func transform(_ data: BinaryMatrix) throws(RBMError) -> [Float] {
        guard data.columnCount == visibleCount else {
            throw RBMError.shapeMismatch(expected: visibleCount, found: data.columnCount, what: "bag-of-words matrix")
        }
        return hiddenProbabilities(data)
    }

    /// P(h=1|v) for every row of `data` (N×H); the caller checked the shape.
    func hiddenProbabilities(_ data: BinaryMatrix, rows: Range<Int>? = nil) -> [Float] {
        let rows = rows ?? 0..<data.rowCount
        var output = [Float](repeating: 0, count: rows.count * hiddenCount)
        output.withUnsafeMutableBufferPointer { out in
            hiddenPreActivations(data, rows: rows, into: out.baseAddress!)
            applySigmoid(out.baseAddress!, count: out.count)
        }
        return output
    }

    /// b + W·h for `count` dense hidden rows (count×H) into `output` (count×V).
    func visiblePreActivations(hidden: UnsafePointer<Float>, count: Int, into output: UnsafeMutablePointer<Float>) {
        let (v, h) = (visibleCount, hiddenCount)
        visibleBias.withUnsafeBufferPointer { b in
            for r in 0..<count { (output + r * v).update(from: b.baseAddress!, count: v) }
        }
        weights.withUnsafeBufferPointer { w in
            // (count×H)·(V×H)ᵀ → (count×V), added to the biases already in place.
            BLAS.gemm(transposeB: true, m: count, n: v, k: h, a: hidden, lda: h, b: w.baseAddress!, ldb: h,
                      beta: 1, c: output, ldc: v)
        }
    }

    /// c + Wᵀv for `count` dense visible rows (count×V) into `output` (count×H).
    func hiddenPreActivations(visible: UnsafePointer<Float>, count: Int, into output: UnsafeMutablePointer<Float>) {
        let (v, h) = (visibleCount, hiddenCount)
        hiddenBias.withUnsafeBufferPointer { c in
            for r in 0..<count { (output + r * h).update(from: c.baseAddress!, count: h) }
        }
        weights.withUnsafeBufferPointer { w in
            // (count×V)·(V×H) → (count×H)
            BLAS.gemm(m: count, n: h, k: v, a: visible, lda: v, b: w.baseAddress!, ldb: h, beta: 1, c: output, ldc: h)
        }
    }
}
