// libFuzzer target: the XML reader with --recover (fragment scanner and libxml2's recovery).
import CriticCorpus

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXMLRecovery(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzScratch.read(UnsafeBufferPointer(start: data, count: size), options: CorpusReadOptions(format: .xml, recover: true))
    return 0
}
