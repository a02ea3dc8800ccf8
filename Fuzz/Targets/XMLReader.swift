// libFuzzer target: the XML reader, strict (libxml2's streaming reader, first error stops).
import CriticCorpus

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXMLReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzScratch.read(UnsafeBufferPointer(start: data, count: size), options: CorpusReadOptions(format: .xml))
    return 0
}
