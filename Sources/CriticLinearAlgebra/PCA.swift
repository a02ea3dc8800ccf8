import CriticSupport
import Foundation

/// Principal component analysis of a dense Float32 matrix (rows = reviews, columns = features),
/// for 2-D pictures of review embeddings.
///
/// The components are the leading eigenvectors of the sample covariance
/// C = X̃ᵀX̃ / (n − 1), where X̃ is X with its column means removed (Pearson 1901; Hotelling 1933).
/// C is never formed: block power (subspace) iteration applies it as X̃ᵀ(X̃Q), two matrix products
/// of O(n·d·p) through BLAS, with p = k + oversampling columns; each step ends with a
/// Rayleigh–Ritz projection (the p×p matrix QᵀCQ diagonalised by Jacobi rotations), which orders
/// the Ritz vectors by eigenvalue and yields the residuals ‖Cv − λv‖ used to stop
/// (Golub & Van Loan, "Matrix Computations", 4th ed., §8.2.4 orthogonal iteration and §8.5 Jacobi;
/// Saad, "Numerical Methods for Large Eigenvalue Problems", 2011, ch. 5 subspace iteration).
///
/// Results are deterministic: the start block comes from `seed`, and each component's sign is
/// chosen so that its largest-magnitude coordinate (the first, on ties) is positive.
public struct PCA: Sendable, Equatable {
    /// Number of components k.
    public let componentCount: Int
    /// Number of input columns d.
    public let dimension: Int
    /// Principal axes, k×d row-major, orthonormal, by decreasing variance.
    public let components: [Float]
    /// Column means of the training matrix (d).
    public let mean: [Float]
    /// Variance along each component: the eigenvalues of C (k, decreasing).
    public let explainedVariance: [Double]
    /// `explainedVariance` over the total variance trace(C); all 0 when the data do not vary.
    public let explainedVarianceRatio: [Double]
    /// trace(C): the summed variance of all columns.
    public let totalVariance: Double
    /// Subspace iterations performed.
    public let iterations: Int
    /// Whether every residual ‖Cvᵢ − λᵢvᵢ‖ fell below `tolerance`·λ₁ before `maxIterations`.
    public let converged: Bool

    /// Fits k principal components to `matrix` (rows × columns, row-major).
    ///
    /// - Parameters:
    ///   - components: k, at most `columns`.
    ///   - seed: seeds the start block; the same seed gives the same bytes.
    ///   - tolerance: stop once every residual ‖Cvᵢ − λᵢvᵢ‖ ≤ tolerance·λ₁. Float32 arithmetic
    ///     puts a floor near 1e-6.
    ///   - maxIterations: a cap for matrices whose eigenvalues nearly coincide (check `converged`).
    /// - Throws: `LinearAlgebraError.emptyData` when `rows` is 0.
    /// - Complexity: O(n·d·p) per iteration for p = min(d, k + 10), plus O(n·d) for centring.
    public static func fit(_ matrix: [Float], rows: Int, columns: Int, components: Int = 2, seed: UInt64,
                           tolerance: Double = 1e-5, maxIterations: Int = 500) throws -> PCA {
        precondition(rows >= 0 && columns > 0 && matrix.count == rows * columns,
                     "the matrix holds \(matrix.count) values, not rows × columns = \(rows) × \(columns)")
        precondition((1...columns).contains(components), "components must be in 1...\(columns), got \(components)")
        precondition(tolerance > 0 && maxIterations > 0, "tolerance and maxIterations must be positive")
        guard rows > 0 else { throw LinearAlgebraError.emptyData }
        if let bad = matrix.firstIndex(where: { !$0.isFinite }) {
            preconditionFailure("the matrix holds \(matrix[bad]) at row \(bad / columns), column \(bad % columns)")
        }
        let (n, d, k) = (rows, columns, components)
        let p = min(d, k + 10)
        // Sample covariance (n − 1), as scikit-learn; a single row has no spread either way.
        let denominator = Double(max(n - 1, 1))

        var meanSums = [Double](repeating: 0, count: d)
        for row in 0..<n {
            for column in 0..<d { meanSums[column] += Double(matrix[row * d + column]) }
        }
        let mean = meanSums.map { Float($0 / Double(n)) }
        var centred = [Float](repeating: 0, count: n * d)
        var sumOfSquares = 0.0
        for row in 0..<n {
            for column in 0..<d {
                let value = matrix[row * d + column] - mean[column]
                centred[row * d + column] = value
                sumOfSquares += Double(value) * Double(value)
            }
        }
        let totalVariance = sumOfSquares / denominator

        var random = SeededGenerator(seed: seed)
        var basis = (0..<(p * d)).map { _ in random.nextSigned() }  // Qᵀ: p×d, one basis vector per row
        orthonormalizeRows(&basis, rows: p, columns: d, random: &random)

        var projected = [Float](repeating: 0, count: n * p)   // Z = X̃Q: n×p
        var applied = [Float](repeating: 0, count: p * d)     // (CQ)ᵀ: p×d
        var rayleigh = [Float](repeating: 0, count: p * p)    // QᵀCQ: p×p
        var ritzVectors = [Float](repeating: 0, count: p * d)
        var ritzImages = [Float](repeating: 0, count: p * d)
        var eigenvalues = [Double](repeating: 0, count: p)
        var iterations = 0, converged = false
        while iterations < maxIterations {
            iterations += 1
            centred.withUnsafeBufferPointer { x in
                basis.withUnsafeBufferPointer { q in
                    projected.withUnsafeMutableBufferPointer { z in
                        // (n×d)·(p×d)ᵀ → (n×p)
                        BLAS.gemm(transposeB: true, m: n, n: p, k: d, a: x.baseAddress!, lda: d,
                                  b: q.baseAddress!, ldb: d, c: z.baseAddress!, ldc: p)
                    }
                }
                projected.withUnsafeBufferPointer { z in
                    applied.withUnsafeMutableBufferPointer { y in
                        // (n×p)ᵀ·(n×d) → (p×d), scaled by 1/(n − 1): rows are C·qᵢ
                        BLAS.gemm(transposeA: true, m: p, n: d, k: n, alpha: Float(1 / denominator),
                                  a: z.baseAddress!, lda: p, b: x.baseAddress!, ldb: d, c: y.baseAddress!, ldc: d)
                    }
                }
            }
            basis.withUnsafeBufferPointer { q in
                applied.withUnsafeBufferPointer { y in
                    rayleigh.withUnsafeMutableBufferPointer { h in
                        // (p×d)·(p×d)ᵀ → (p×p)
                        BLAS.gemm(transposeB: true, m: p, n: p, k: d, a: q.baseAddress!, lda: d,
                                  b: y.baseAddress!, ldb: d, c: h.baseAddress!, ldc: p)
                    }
                }
            }
            // Symmetrise away rounding before the eigen-decomposition.
            var small = [Double](repeating: 0, count: p * p)
            for i in 0..<p {
                for j in 0..<p { small[i * p + j] = (Double(rayleigh[i * p + j]) + Double(rayleigh[j * p + i])) / 2 }
            }
            let (values, vectors) = symmetricEigen(small, size: p)
            eigenvalues = values
            // Rotations Sᵀ (p×p) applied to Qᵀ and (CQ)ᵀ: Ritz vectors V and their images CV.
            let rotation = (0..<(p * p)).map { index in Float(vectors[(index % p) * p + index / p]) }  // Sᵀ
            rotation.withUnsafeBufferPointer { s in
                basis.withUnsafeBufferPointer { q in
                    ritzVectors.withUnsafeMutableBufferPointer { v in
                        // (p×p)·(p×d) → (p×d)
                        BLAS.gemm(m: p, n: d, k: p, a: s.baseAddress!, lda: p, b: q.baseAddress!, ldb: d,
                                  c: v.baseAddress!, ldc: d)
                    }
                }
                applied.withUnsafeBufferPointer { y in
                    ritzImages.withUnsafeMutableBufferPointer { w in
                        // (p×p)·(p×d) → (p×d)
                        BLAS.gemm(m: p, n: d, k: p, a: s.baseAddress!, lda: p, b: y.baseAddress!, ldb: d,
                                  c: w.baseAddress!, ldc: d)
                    }
                }
            }
            let scale = max(values[0], 0)
            var worst = 0.0
            for i in 0..<k {
                var residual = 0.0
                for j in 0..<d {
                    let r = Double(ritzImages[i * d + j]) - values[i] * Double(ritzVectors[i * d + j])
                    residual += r * r
                }
                worst = max(worst, residual.squareRoot())
            }
            if worst <= tolerance * scale {
                converged = true
                break
            }
            if iterations == maxIterations { break }
            // The power step: the next basis spans C·V.
            basis = ritzImages
            orthonormalizeRows(&basis, rows: p, columns: d, random: &random)
        }

        var axes = Array(ritzVectors[0..<(k * d)])
        for i in 0..<k {
            let row = axes[(i * d)..<((i + 1) * d)]
            var largest = row.startIndex
            for index in row.indices where abs(row[index]) > abs(row[largest]) { largest = index }
            if row[largest] < 0 {
                for index in row.indices { axes[index] = -axes[index] }
            }
        }
        // Eigenvalues of a covariance are ≥ 0; rounding can leave −1e-9 on flat directions.
        let variances = eigenvalues[0..<k].map { max($0, 0) }
        return PCA(componentCount: k, dimension: d, components: axes, mean: mean, explainedVariance: variances,
                   explainedVarianceRatio: variances.map { totalVariance > 0 ? $0 / totalVariance : 0 },
                   totalVariance: totalVariance, iterations: iterations, converged: converged)
    }

    /// Coordinates of `matrix`'s rows on the components: (X − mean)·Vᵀ, rows × k row-major.
    ///
    /// - Throws: `LinearAlgebraError.shapeMismatch` when `columns` differs from `dimension`.
    /// - Complexity: O(rows·d·k).
    public func transform(_ matrix: [Float], rows: Int, columns: Int) throws -> [Float] {
        guard columns == dimension else {
            throw LinearAlgebraError.shapeMismatch(expected: dimension, found: columns, what: "PCA input")
        }
        precondition(rows >= 0 && matrix.count == rows * columns,
                     "the matrix holds \(matrix.count) values, not rows × columns = \(rows) × \(columns)")
        let (d, k) = (dimension, componentCount)
        var output = [Float](repeating: 0, count: rows * k)
        // Centre a block at a time: exact like centring the whole matrix, without its copy.
        let blockRows = max(1, min(rows, 4096))
        var block = [Float](repeating: 0, count: blockRows * d)
        var start = 0
        while start < rows {
            let count = min(blockRows, rows - start)
            for row in 0..<count {
                for column in 0..<d { block[row * d + column] = matrix[(start + row) * d + column] - mean[column] }
            }
            block.withUnsafeBufferPointer { x in
                components.withUnsafeBufferPointer { v in
                    output.withUnsafeMutableBufferPointer { out in
                        // (count×d)·(k×d)ᵀ → (count×k)
                        BLAS.gemm(transposeB: true, m: count, n: k, k: d, a: x.baseAddress!, lda: d,
                                  b: v.baseAddress!, ldb: d, c: out.baseAddress! + start * k, ldc: k)
                    }
                }
            }
            start += count
        }
        return output
    }

    /// Component `index` as a vector of length `dimension`.
    public func component(_ index: Int) -> [Float] {
        Array(components[(index * dimension)..<((index + 1) * dimension)])
    }
}

// MARK: - Helpers

extension PCA {
    /// Makes the rows of `matrix` (rows × columns) orthonormal in place by classical Gram–Schmidt
    /// applied twice ("twice is enough": Giraud et al., Numer. Math. 2005), the projections as
    /// BLAS products. A row that (numerically) lies in the span of the rows before it is replaced
    /// by a fresh random row, so a rank-deficient block still yields an orthonormal basis.
    static func orthonormalizeRows(_ matrix: inout [Float], rows: Int, columns d: Int, random: inout SeededGenerator) {
        var coefficients = [Float](repeating: 0, count: max(rows, 1))
        matrix.withUnsafeMutableBufferPointer { q in
            let base = q.baseAddress!
            coefficients.withUnsafeMutableBufferPointer { c in
                for j in 0..<rows {
                    let row = base + j * d
                    var replaced = 0
                    while true {
                        let before = norm(row, count: d)
                        if j > 0 {
                            for _ in 0..<2 {
                                // (j×d)·(d×1) → (j×1): coefficients of the row on the earlier rows
                                BLAS.gemm(m: j, n: 1, k: d, a: base, lda: d, b: row, ldb: 1,
                                          c: c.baseAddress!, ldc: 1)
                                // row ← row − (1×j)·(j×d)
                                BLAS.gemm(m: 1, n: d, k: j, alpha: -1, a: c.baseAddress!, lda: j, b: base, ldb: d,
                                          beta: 1, c: row, ldc: d)
                            }
                        }
                        let after = norm(row, count: d)
                        if after > 0 && after.isFinite && after > 1e-3 * before {
                            let scale = Float(1 / after)
                            for index in 0..<d { row[index] *= scale }
                            break
                        }
                        precondition(replaced < 100, "cannot complete an orthonormal basis of \(d) dimensions")
                        replaced += 1
                        for index in 0..<d { row[index] = random.nextSigned() }
                    }
                }
            }
        }
    }

    private static func norm(_ vector: UnsafeMutablePointer<Float>, count: Int) -> Double {
        var sum = 0.0
        for index in 0..<count { sum += Double(vector[index]) * Double(vector[index]) }
        return sum.squareRoot()
    }

    /// Eigenvalues (decreasing) and eigenvectors (column i of the row-major size×size result
    /// belongs to value i) of a small symmetric matrix, by cyclic Jacobi rotations
    /// (Golub & Van Loan §8.5.3), in Double.
    ///
    /// - Complexity: O(size³) per sweep; a handful of sweeps for the sizes used here (≤ 12).
    static func symmetricEigen(_ matrix: [Double], size n: Int) -> (values: [Double], vectors: [Double]) {
        var a = matrix
        var v = [Double](repeating: 0, count: n * n)
        for i in 0..<n { v[i * n + i] = 1 }
        for _ in 0..<100 {
            var off = 0.0, diagonal = 0.0
            for i in 0..<n {
                diagonal += a[i * n + i] * a[i * n + i]
                for j in 0..<n where j != i { off += a[i * n + j] * a[i * n + j] }
            }
            if off <= 1e-30 * max(diagonal, 1e-300) { break }
            for p in 0..<(n - 1) {
                for q in (p + 1)..<n {
                    let apq = a[p * n + q]
                    if apq == 0 { continue }
                    // The rotation that zeroes a[p][q]: tan φ = t, the smaller root (|φ| ≤ π/4).
                    let theta = (a[q * n + q] - a[p * n + p]) / (2 * apq)
                    let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot(), s = t * c
                    for r in 0..<n {  // A ← A·J
                        let (arp, arq) = (a[r * n + p], a[r * n + q])
                        a[r * n + p] = c * arp - s * arq
                        a[r * n + q] = s * arp + c * arq
                    }
                    for r in 0..<n {  // A ← Jᵀ·A
                        let (apr, aqr) = (a[p * n + r], a[q * n + r])
                        a[p * n + r] = c * apr - s * aqr
                        a[q * n + r] = s * apr + c * aqr
                    }
                    for r in 0..<n {  // V ← V·J
                        let (vrp, vrq) = (v[r * n + p], v[r * n + q])
                        v[r * n + p] = c * vrp - s * vrq
                        v[r * n + q] = s * vrp + c * vrq
                    }
                }
            }
        }
        let order = (0..<n).sorted { (a[$0 * n + $0], -$0) > (a[$1 * n + $1], -$1) }
        let values = order.map { a[$0 * n + $0] }
        var vectors = [Double](repeating: 0, count: n * n)
        for (column, source) in order.enumerated() {
            for r in 0..<n { vectors[r * n + column] = v[r * n + source] }
        }
        return (values, vectors)
    }
}

extension SeededGenerator {
    /// Uniform in [−1, 1), from the top 24 bits (exact in Float): PCA's start vectors.
    mutating func nextSigned() -> Float { Float(next() >> 40) / Float(1 << 23) - 1 }
}
