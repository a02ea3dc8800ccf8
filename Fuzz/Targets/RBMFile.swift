// libFuzzer target: the RBM model file decoder, past its CRC. The harness rewrites the trailing
// CRC-32 of each input, so mutations reach the shape, term and metadata fields.
@testable import CriticRBM
import CriticSupport
import CriticCorpus
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRBMFile(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var bytes = Data(UnsafeBufferPointer(start: data, count: size))
    if bytes.count >= 16 {
        let crc = CRC32.checksum(bytes.prefix(bytes.count - 4))
        withUnsafeBytes(of: crc.littleEndian) { bytes.replaceSubrange((bytes.count - 4)..., with: $0) }
    }
    guard let (model, _) = try? BernoulliRBM.decode(bytes, path: "<fuzz>") else { return 0 }
    // A model that loads must evaluate a small input.
    let columns = (0..<min(model.visibleCount, 8)).map { Int32($0) }
    let matrix = BinaryMatrix(rowOffsets: [0, columns.count], columnIndices: columns, columnCount: model.visibleCount)
    _ = model.freeEnergies(matrix)
    return 0
}
