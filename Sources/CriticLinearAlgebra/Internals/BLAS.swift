// The only file that imports CBLAS. Every dense matrix product of the package goes through here;
// `package` access keeps it (and every C type) out of the public interface.
internal import CBLAS

package enum BLAS {
    /// Limits OpenBLAS to `count` threads (1 for fair per-core comparisons).
    package static func setThreads(_ count: Int) { openblas_set_num_threads(Int32(count)) }

    /// The number of threads OpenBLAS currently uses.
    package static var threads: Int { Int(openblas_get_num_threads()) }

    /// Runs `body` with OpenBLAS on one thread, then restores the previous count.
    ///
    /// OpenBLAS picks its blocking and its kernels by thread count, so the same sgemm/sgemv gives
    /// results differing in the last bits with 1 and 2 threads; training feeds every update into
    /// the next, and those bits grew into different models (148,527 of 165,032 parameters, up to
    /// 4.6e-6, after a short run). One thread fixes the reduction order: same seed, same bytes.
    package static func singleThreaded<R>(_ body: () -> R) -> R {
        let previous = openblas_get_num_threads()
        if previous != 1 { openblas_set_num_threads(1) }
        defer { if previous != 1 { openblas_set_num_threads(previous) } }
        return body()
    }

    /// Row-major C ← α·op(A)·op(B) + β·C in Float32.
    /// A is (m×k) after op, B is (k×n) after op, C is (m×n).
    package static func gemm(transposeA: Bool = false, transposeB: Bool = false, m: Int, n: Int, k: Int,
                     alpha: Float = 1, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                     beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int) {
        cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// Row-major y ← α·op(A)·x + β·y; A is (m×n) before op.
    package static func gemv(transpose: Bool = false, m: Int, n: Int, alpha: Float = 1, a: UnsafePointer<Float>, lda: Int,
                     x: UnsafePointer<Float>, beta: Float = 0, y: UnsafeMutablePointer<Float>) {
        cblas_sgemv(CblasRowMajor, transpose ? CblasTrans : CblasNoTrans, Int32(m), Int32(n), alpha, a, Int32(lda),
                    x, 1, beta, y, 1)
    }

    /// y ← α·x + y over `count` contiguous floats.
    package static func axpy(count: Int, alpha: Float, x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>) {
        cblas_saxpy(Int32(count), alpha, x, 1, y, 1)
    }

    /// x ← α·x over `count` contiguous floats.
    package static func scal(count: Int, alpha: Float, x: UnsafeMutablePointer<Float>) {
        cblas_sscal(Int32(count), alpha, x, 1)
    }

    /// Row-major rank-one update A ← α·x·yᵀ + A; A is (m×n).
    package static func ger(m: Int, n: Int, alpha: Float, x: UnsafePointer<Float>, y: UnsafePointer<Float>,
                    a: UnsafeMutablePointer<Float>, lda: Int) {
        cblas_sger(CblasRowMajor, Int32(m), Int32(n), alpha, x, 1, y, 1, a, Int32(lda))
    }
}
