import Foundation
import Testing
@testable import CriticLinearAlgebra

/// An independent reference: the full sample covariance, in Double, and its eigenvalues by cyclic
/// Jacobi (threshold variant) — no BLAS, no subspace iteration.
enum PCAReference {
    static func covariance(_ x: [Float], rows n: Int, columns d: Int) -> [Double] {
        var mean = [Double](repeating: 0, count: d)
        for r in 0..<n { for c in 0..<d { mean[c] += Double(x[r * d + c]) } }
        mean = mean.map { $0 / Double(n) }
        var cov = [Double](repeating: 0, count: d * d)
        for r in 0..<n {
            for i in 0..<d {
                let a = Double(x[r * d + i]) - mean[i]
                if a == 0 { continue }
                for j in i..<d { cov[i * d + j] += a * (Double(x[r * d + j]) - mean[j]) }
            }
        }
        for i in 0..<d { for j in i..<d { cov[i * d + j] /= Double(n - 1); cov[j * d + i] = cov[i * d + j] } }
        return cov
    }

    /// Eigenvalues, decreasing.
    static func eigenvalues(_ matrix: [Double], size n: Int) -> [Double] {
        var a = matrix
        for _ in 0..<60 {
            var off = 0.0
            for i in 0..<n { for j in 0..<n where i != j { off += a[i * n + j] * a[i * n + j] } }
            if off < 1e-24 { break }
            for p in 0..<n {
                for q in (p + 1)..<n where abs(a[p * n + q]) > 1e-300 {
                    // Angle from tan 2φ = 2a_pq / (a_qq − a_pp).
                    let phi = 0.5 * atan2(2 * a[p * n + q], a[q * n + q] - a[p * n + p])
                    let (c, s) = (cos(phi), sin(phi))
                    for k in 0..<n {
                        let (akp, akq) = (a[k * n + p], a[k * n + q])
                        a[k * n + p] = c * akp - s * akq
                        a[k * n + q] = s * akp + c * akq
                    }
                    for k in 0..<n {
                        let (apk, aqk) = (a[p * n + k], a[q * n + k])
                        a[p * n + k] = c * apk - s * aqk
                        a[q * n + k] = s * apk + c * aqk
                    }
                }
            }
        }
        return (0..<n).map { a[$0 * n + $0] }.sorted(by: >)
    }
}

struct PCATestRandom {
    var state: UInt64
    mutating func uniform() -> Double {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return (Double(state >> 11) + 0.5) / Double(1 << 53)
    }
    mutating func normal() -> Double { (-2 * log(uniform())).squareRoot() * cos(2 * Double.pi * uniform()) }
}

@Suite struct PCATests {
    @Test func pointsOnALineHaveOneComponentAlongIt() throws {
        // (5, −1, 0) + t·(2, −3, 6)/7 for t = −2…2: all variance along the unit vector (2, −3, 6)/7,
        // whose largest entry, 6/7, is positive.
        let ts: [Float] = [-2, -1, 0, 1, 2]
        let matrix: [Float] = ts.flatMap { (t: Float) -> [Float] in [2 * t / 7 + 5, -3 * t / 7 - 1, 6 * t / 7] }
        let pca = try PCA.fit(matrix, rows: 5, columns: 3, components: 2, seed: 1)
        #expect(pca.converged)
        let first = Array(pca.component(0))
        let expected: [Float] = [2.0 / 7, -3.0 / 7, 6.0 / 7]
        #expect(zip(first, expected).allSatisfy { abs($0 - $1) < 1e-5 }, "\(first)")
        // Variance of t is 2.5 (n − 1 = 4).
        #expect(abs(pca.explainedVariance[0] - 2.5) < 1e-5)
        #expect(abs(pca.explainedVariance[1]) < 1e-5)
        #expect(abs(pca.explainedVarianceRatio[0] - 1) < 1e-5)
        #expect(zip(pca.mean, [5, -1, 0] as [Float]).allSatisfy { abs($0 - $1) < 1e-6 })
        let projected = try pca.transform(matrix, rows: 5, columns: 3)
        for (index, t) in ts.enumerated() {
            #expect(abs(projected[index * 2] - t) < 1e-5)
            #expect(abs(projected[index * 2 + 1]) < 1e-5)
        }
    }

    @Test func twoByTwoCovarianceWithKnownEigenvectors() throws {
        // Points (±a, ±a) and (±b, ∓b): covariance [[s, t], [t, s]] has eigenvectors (1, 1)/√2 and
        // (1, −1)/√2 with eigenvalues s + t and s − t. With a = 2, b = 1, n = 4:
        // s = (4 + 4 + 1 + 1)/3 = 10/3, t = (4 + 4 − 1 − 1)/3 = 2; eigenvalues 16/3 and 4/3.
        let matrix: [Float] = [2, 2, -2, -2, 1, -1, -1, 1]
        let pca = try PCA.fit(matrix, rows: 4, columns: 2, components: 2, seed: 9)
        let h = Float(0.5).squareRoot()
        #expect(abs(pca.component(0)[0] - h) < 1e-6 && abs(pca.component(0)[1] - h) < 1e-6)
        // (1, −1)/√2 up to sign: its two entries tie in magnitude, so rounding picks the sign.
        #expect(abs(abs(pca.component(1)[0]) - h) < 1e-6 && abs(pca.component(1)[0] + pca.component(1)[1]) < 1e-6)
        #expect(abs(pca.explainedVariance[0] - 16.0 / 3) < 1e-5)
        #expect(abs(pca.explainedVariance[1] - 4.0 / 3) < 1e-5)
        #expect(abs(pca.totalVariance - 20.0 / 3) < 1e-5)
        #expect(abs(pca.explainedVarianceRatio[0] - 0.8) < 1e-6)
    }

    static func correlatedMatrix(rows: Int, columns: Int, seed: UInt64) -> [Float] {
        var random = PCATestRandom(state: seed)
        // Columns scaled 1, 1/2, 1/3, … and mixed, so the spectrum decays but has no exact ties.
        let mixing = (0..<(columns * columns)).map { _ in random.normal() }
        var matrix = [Float](repeating: 0, count: rows * columns)
        for r in 0..<rows {
            let latent = (0..<columns).map { random.normal() / Double($0 + 1) }
            for c in 0..<columns {
                var value = 0.0
                for l in 0..<columns { value += latent[l] * mixing[l * columns + c] }
                matrix[r * columns + c] = Float(value + 3)
            }
        }
        return matrix
    }

    @Test(arguments: [(200, 6, 3), (300, 25, 2), (150, 40, 5), (40, 60, 4)])
    func varianceMatchesAnIndependentEigensolver(rows: Int, columns: Int, components: Int) throws {
        for seed in UInt64(1)...3 {
            let matrix = Self.correlatedMatrix(rows: rows, columns: columns, seed: seed)
            let pca = try PCA.fit(matrix, rows: rows, columns: columns, components: components, seed: seed)
            #expect(pca.converged)
            let cov = PCAReference.covariance(matrix, rows: rows, columns: columns)
            let reference = PCAReference.eigenvalues(cov, size: columns)
            let trace = (0..<columns).reduce(0.0) { $0 + cov[$1 * columns + $1] }
            #expect(abs(pca.totalVariance - trace) <= 1e-4 * trace)
            for i in 0..<components {
                #expect(abs(pca.explainedVariance[i] - reference[i]) <= 1e-4 * reference[0],
                        "λ\(i): \(pca.explainedVariance[i]) vs \(reference[i])")
                #expect(abs(pca.explainedVarianceRatio[i] - reference[i] / trace) <= 1e-4)
            }
            // Orthonormal components, decreasing variance, the sign convention.
            for i in 0..<components {
                for j in 0..<components {
                    let dot = zip(pca.component(i), pca.component(j)).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
                    #expect(abs(dot - (i == j ? 1 : 0)) < 1e-4)
                }
                let v = pca.component(i)
                let largest = v.indices.max { abs(v[$0]) < abs(v[$1]) }!
                #expect(v[largest] > 0)
                if i > 0 { #expect(pca.explainedVariance[i] <= pca.explainedVariance[i - 1]) }
            }
            // Each component is an eigenvector: ‖Cv − λv‖ small.
            for i in 0..<components {
                let v = pca.component(i).map(Double.init)
                var residual = 0.0
                for r in 0..<columns {
                    let cv = (0..<columns).reduce(0.0) { $0 + cov[r * columns + $1] * v[$1] }
                    residual += (cv - pca.explainedVariance[i] * v[r]) * (cv - pca.explainedVariance[i] * v[r])
                }
                #expect(residual.squareRoot() <= 1e-3 * reference[0])
            }
        }
    }

    @Test func projectionsHaveTheExplainedVariance() throws {
        let (rows, columns) = (500, 12)
        let matrix = Self.correlatedMatrix(rows: rows, columns: columns, seed: 77)
        let pca = try PCA.fit(matrix, rows: rows, columns: columns, components: 3, seed: 5)
        let projected = try pca.transform(matrix, rows: rows, columns: columns)
        for i in 0..<3 {
            let values = (0..<rows).map { Double(projected[$0 * 3 + i]) }
            let mean = values.reduce(0, +) / Double(rows)
            let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(rows - 1)
            #expect(abs(mean) < 1e-4)
            #expect(abs(variance - pca.explainedVariance[i]) <= 1e-4 * pca.explainedVariance[0])
        }
    }

    @Test func sameSeedSameBytes() throws {
        let matrix = Self.correlatedMatrix(rows: 120, columns: 30, seed: 3)
        let a = try PCA.fit(matrix, rows: 120, columns: 30, components: 2, seed: 11)
        let b = try PCA.fit(matrix, rows: 120, columns: 30, components: 2, seed: 11)
        #expect(a == b)
        // Another seed converges to the same axes (up to rounding), signs fixed by the convention.
        let c = try PCA.fit(matrix, rows: 120, columns: 30, components: 2, seed: 12)
        #expect(zip(a.components, c.components).allSatisfy { abs($0 - $1) < 1e-3 })
    }

    @Test func degenerateInputs() throws {
        // No spread at all: a zero-variance PCA with an orthonormal basis, no NaN.
        let constant = [Float](repeating: 0.5, count: 10 * 4)
        let flat = try PCA.fit(constant, rows: 10, columns: 4, components: 2, seed: 1)
        #expect(flat.explainedVariance == [0, 0] && flat.explainedVarianceRatio == [0, 0])
        #expect(flat.components.allSatisfy { $0.isFinite })
        let single = try PCA.fit([1, 2, 3], rows: 1, columns: 3, components: 3, seed: 1)
        #expect(single.totalVariance == 0)
        // Fewer rows than components: the missing directions have zero variance.
        let few = try PCA.fit([0, 0, 0, 1, 1, 1], rows: 2, columns: 3, components: 3, seed: 4)
        #expect(abs(few.explainedVariance[0] - 1.5) < 1e-5 && abs(few.explainedVariance[2]) < 1e-5)
        #expect(throws: LinearAlgebraError.emptyData) { try PCA.fit([], rows: 0, columns: 3, seed: 1) }
        #expect(throws: LinearAlgebraError.shapeMismatch(expected: 3, found: 2, what: "PCA input")) {
            try few.transform([1, 2], rows: 1, columns: 2)
        }
    }

    @Test func smallSymmetricEigenProblem() {
        // [[2, 1], [1, 2]]: eigenvalues 3 and 1, eigenvectors (1, 1)/√2 and (1, −1)/√2.
        let (values, vectors) = PCA.symmetricEigen([2, 1, 1, 2], size: 2)
        #expect(abs(values[0] - 3) < 1e-12 && abs(values[1] - 1) < 1e-12)
        #expect(abs(abs(vectors[0]) - 0.5.squareRoot()) < 1e-12 && abs(vectors[0] - vectors[2]) < 1e-12)
        #expect(abs(vectors[1] + vectors[3]) < 1e-12)
    }
}

/// The scale dataset next to the package (../shared/data from the folder holding Package.swift).
enum PCAScaledata {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data/scaledata/scaledata")
    static let critics = ["Dennis+Schwartz", "James+Berardinelli", "Scott+Renshaw", "Steve+Rhodes"]
    static var isPresent: Bool {
        critics.allSatisfy { FileManager.default.fileExists(atPath: folder.appendingPathComponent("\($0)/subj.\($0)").path) }
    }

    /// Reviews × `words` 0/1 matrix: whether each review holds each of the `words` words found in
    /// most reviews (the files are lower-cased and space-tokenized, one review per line).
    static func presenceMatrix(words count: Int) throws -> (matrix: [Float], rows: Int, columns: Int) {
        var reviews: [Set<Substring>] = []
        for critic in critics {
            let text = try String(contentsOf: folder.appendingPathComponent("\(critic)/subj.\(critic)"), encoding: .utf8)
            for line in text.split(separator: "\n") { reviews.append(Set(line.split(separator: " "))) }
        }
        var frequency: [Substring: Int] = [:]
        for review in reviews { for word in review { frequency[word, default: 0] += 1 } }
        let words = frequency.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(count).map(\.key)
        var matrix = [Float](repeating: 0, count: reviews.count * words.count)
        for (row, review) in reviews.enumerated() {
            for (column, word) in words.enumerated() where review.contains(word) { matrix[row * words.count + column] = 1 }
        }
        return (matrix, reviews.count, words.count)
    }
}

@Suite struct PCAScaledataTests {
    /// 5,006 real reviews over their 120 most widespread words: the top eigenvalues agree with the
    /// full covariance's (numpy's eigh on the 1,000-word version agrees to 1e-6 as well).
    @Test(.enabled(if: PCAScaledata.isPresent, "needs ../shared/data/scaledata next to the package"))
    func eigenvaluesMatchTheFullCovariance() throws {
        let (matrix, rows, columns) = try PCAScaledata.presenceMatrix(words: 120)
        #expect(rows == 5_006)
        let pca = try PCA.fit(matrix, rows: rows, columns: columns, components: 3, seed: 2026)
        #expect(pca.converged)
        let cov = PCAReference.covariance(matrix, rows: rows, columns: columns)
        let reference = PCAReference.eigenvalues(cov, size: columns)
        let trace = (0..<columns).reduce(0.0) { $0 + cov[$1 * columns + $1] }
        for i in 0..<3 {
            #expect(abs(pca.explainedVariance[i] - reference[i]) <= 1e-5 * reference[0],
                    "λ\(i): \(pca.explainedVariance[i]) vs \(reference[i])")
            #expect(abs(pca.explainedVarianceRatio[i] - reference[i] / trace) <= 1e-5)
        }
    }
}
