// The only file that imports CBLAS. Every dense matrix product of the module goes through here.
import CBLAS

enum BLAS {
    /// Limits OpenBLAS to `count` threads (1 for fair per-core comparisons).
    static func setThreads(_ count: Int) { openblas_set_num_threads(Int32(count)) }

    /// Row-major C ← α·op(A)·op(B) + β·C in Float32.
    /// A is (m×k) after op, B is (k×n) after op, C is (m×n).
    static func gemm(transposeA: Bool = false, transposeB: Bool = false, m: Int, n: Int, k: Int,
                     alpha: Float = 1, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                     beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int) {
        cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }
}
