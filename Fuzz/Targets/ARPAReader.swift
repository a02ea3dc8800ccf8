// libFuzzer target: ARPA text → NGramModel (or a LanguageModelError, never a trap).
import CriticLM

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzARPAReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let model = try? NGramModel.parseARPA(bytes, path: "<fuzz>") {
        // A model that loads must also answer queries and survive a round trip.
        _ = model.vocabulary.count
        _ = try? NGramModel(binary: model.binaryData(), path: "<fuzz round trip>")
    }
    return 0
}
