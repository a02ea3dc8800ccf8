import CriticCorpus
import Foundation

/// Writers for NumPy's `.npy` arrays and `.npz` archives (a zip of `.npy` files), so that
/// matrices and parameters reach the Python references without a conversion step.
///
/// Format: https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html (version 1.0).
/// Archives are stored uncompressed (zip method 0), which `numpy.load` and `scipy.sparse.load_npz`
/// read; Foundation has no zip writer, and compression would buy nothing here.
public enum NumPyFile {
    /// An array ready to be written: dtype descriptor, shape and little-endian bytes.
    public struct Array: Sendable {
        public var descriptor: String
        public var shape: [Int]
        public var bytes: Data

        public static func float32(_ values: [Float], shape: [Int]) -> Array {
            precondition(shape.reduce(1, *) == values.count, "shape \(shape) does not hold \(values.count) values")
            return Array(descriptor: "<f4", shape: shape, bytes: values.withUnsafeBufferPointer { Data(buffer: $0) })
        }

        public static func float64(_ values: [Double], shape: [Int]) -> Array {
            precondition(shape.reduce(1, *) == values.count, "shape \(shape) does not hold \(values.count) values")
            return Array(descriptor: "<f8", shape: shape, bytes: values.withUnsafeBufferPointer { Data(buffer: $0) })
        }

        public static func int32(_ values: [Int32], shape: [Int]) -> Array {
            Array(descriptor: "<i4", shape: shape, bytes: values.withUnsafeBufferPointer { Data(buffer: $0) })
        }

        public static func int64(_ values: [Int64], shape: [Int]) -> Array {
            Array(descriptor: "<i8", shape: shape, bytes: values.withUnsafeBufferPointer { Data(buffer: $0) })
        }

        /// A 0-d byte-string array (dtype `|S<n>`), as scipy stores the sparse format name.
        public static func byteString(_ text: String) -> Array {
            let bytes = Data(text.utf8)
            return Array(descriptor: "|S\(bytes.count)", shape: [], bytes: bytes)
        }
    }

    /// The `.npy` encoding of `array`: magic, version 1.0, header dictionary padded with spaces
    /// and a newline to a multiple of 64 bytes, then the raw data (C order).
    public static func encode(_ array: Array) -> Data {
        let shape: String
        switch array.shape.count {
        case 0: shape = "()"
        case 1: shape = "(\(array.shape[0]),)"
        default: shape = "(" + array.shape.map(String.init).joined(separator: ", ") + ")"
        }
        var header = "{'descr': '\(array.descriptor)', 'fortran_order': False, 'shape': \(shape), }"
        let unpadded = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var data = Data([0x93] + Swift.Array("NUMPY".utf8) + [1, 0])
        let length = UInt16(header.utf8.count)
        data.append(contentsOf: [UInt8(length & 0xFF), UInt8(length >> 8)])
        data.append(contentsOf: header.utf8)
        data.append(array.bytes)
        return data
    }

    /// A zip archive (stored, no compression) holding `name.npy` for each entry, in order.
    public static func encodeArchive(_ entries: [(name: String, array: Array)]) -> Data {
        var archive = Data()
        var directory = Data()
        for (name, array) in entries {
            let fileName = Data((name + ".npy").utf8)
            let contents = encode(array)
            let checksum = CRC32.checksum(contents)
            let offset = UInt32(archive.count)
            // Local file header.
            archive.appendLittleEndian(UInt32(0x0403_4B50))
            archive.appendLittleEndian(UInt16(20))                 // version needed
            archive.appendLittleEndian(UInt16(0))                  // flags
            archive.appendLittleEndian(UInt16(0))                  // method: stored
            archive.appendLittleEndian(UInt16(0))                  // time
            archive.appendLittleEndian(UInt16(0x21))               // date: 1980-01-01
            archive.appendLittleEndian(checksum)
            archive.appendLittleEndian(UInt32(contents.count))     // compressed size
            archive.appendLittleEndian(UInt32(contents.count))     // uncompressed size
            archive.appendLittleEndian(UInt16(fileName.count))
            archive.appendLittleEndian(UInt16(0))                  // extra length
            archive.append(fileName)
            archive.append(contents)
            // Central directory entry.
            directory.appendLittleEndian(UInt32(0x0201_4B50))
            directory.appendLittleEndian(UInt16(20))               // version made by
            directory.appendLittleEndian(UInt16(20))
            directory.appendLittleEndian(UInt16(0))
            directory.appendLittleEndian(UInt16(0))
            directory.appendLittleEndian(UInt16(0))
            directory.appendLittleEndian(UInt16(0x21))
            directory.appendLittleEndian(checksum)
            directory.appendLittleEndian(UInt32(contents.count))
            directory.appendLittleEndian(UInt32(contents.count))
            directory.appendLittleEndian(UInt16(fileName.count))
            directory.appendLittleEndian(UInt16(0))                // extra
            directory.appendLittleEndian(UInt16(0))                // comment
            directory.appendLittleEndian(UInt16(0))                // disk
            directory.appendLittleEndian(UInt16(0))                // internal attributes
            directory.appendLittleEndian(UInt32(0))                // external attributes
            directory.appendLittleEndian(offset)
            directory.append(fileName)
        }
        let directoryOffset = UInt32(archive.count)
        archive.append(directory)
        archive.appendLittleEndian(UInt32(0x0605_4B50))
        archive.appendLittleEndian(UInt16(0))
        archive.appendLittleEndian(UInt16(0))
        archive.appendLittleEndian(UInt16(entries.count))
        archive.appendLittleEndian(UInt16(entries.count))
        archive.appendLittleEndian(UInt32(directory.count))
        archive.appendLittleEndian(directoryOffset)
        archive.appendLittleEndian(UInt16(0))
        return archive
    }

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

    /// Writes `data` to `path` atomically (temporary file, then rename).
    public static func write(_ data: Data, to path: String) throws(RBMError) {
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw RBMError.io(path: path, message: "cannot write: \(error.localizedDescription) (check that the folder exists and is writable)")
        }
    }
}

/// CRC-32 (ISO 3309, the polynomial of zip and PNG), table-driven.
public enum CRC32 {
    static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    public static func checksum(_ data: Data, initial: UInt32 = 0) -> UInt32 {
        var crc = ~initial
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        }
        return ~crc
    }
}

extension Data {
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }
}
