import CriticCorpus
import CriticSupport
import Foundation

// The RBM's matrices as NumPy archives, for the Python references (`rbm_ref.py`).
extension NumPyFile {
    /// `matrix` as scipy's `save_npz` writes a CSR matrix (`data`, `indices`, `indptr`, `format`,
    /// `shape`), readable with `scipy.sparse.load_npz`.
    public static func encodeCSR(_ matrix: BinaryMatrix) -> Data {
        encodeArchive([
            ("indices", .int32(matrix.columnIndices, shape: [matrix.nonZeroCount])),
            ("indptr", .int64(matrix.rowOffsets.map(Int64.init), shape: [matrix.rowCount + 1])),
            ("format", .byteString("csr")),
            ("shape", .int64([Int64(matrix.rowCount), Int64(matrix.columnCount)], shape: [2])),
            ("data", .float32([Float](repeating: 1, count: matrix.nonZeroCount), shape: [matrix.nonZeroCount])),
        ])
    }

    /// The parameters as `rbm_ref.py` reads them: W (V×H), b (V), c (H), in float64.
    public static func encodeParameters(_ model: BernoulliRBM) -> Data {
        encodeArchive([
            ("W", .float64(model.weights.map(Double.init), shape: [model.visibleCount, model.hiddenCount])),
            ("b", .float64(model.visibleBias.map(Double.init), shape: [model.visibleCount])),
            ("c", .float64(model.hiddenBias.map(Double.init), shape: [model.hiddenCount])),
        ])
    }
}
