// libFuzzer target: the binary .lm loader, past its checksum. The harness rewrites the trailing
// FNV-1a 64 of each input, so mutations reach the header counts and table structure instead of
// stopping at the checksum (a corrupted file with a valid checksum is the hostile case).
@testable import CriticLM
import CriticSupport
import CriticCorpus

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBinaryModel(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if bytes.count >= 24 {
        var checksum = FNV1a64()
        bytes.withUnsafeBytes { checksum.combine(UnsafeRawBufferPointer(rebasing: $0[0..<(bytes.count - 8)])) }
        withUnsafeBytes(of: checksum.value.littleEndian) { bytes.replaceSubrange((bytes.count - 8)..., with: $0) }
    }
    guard let model = try? NGramModel(binary: bytes, path: "<fuzz>") else { return 0 }
    // A model that loads must answer every query without going out of bounds.
    let words = (0..<min(model.vocabulary.count, 64)).map { WordID($0) }
    _ = model.score(sequence: words)
    _ = model.score(sequence: words.reversed())
    return 0
}
