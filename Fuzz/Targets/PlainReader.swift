// libFuzzer target: the line and TSV readers (the first byte picks the format, UTF-8 or
// windows-1252, --recover, and a user TSV mapping).
import CriticCorpus

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPlainReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let mode = data[0]
    let options = CorpusReadOptions(format: mode & 1 == 0 ? .tsv : .lines,
                                    encoding: mode & 2 == 0 ? nil : "windows-1252",
                                    recover: mode & 4 != 0,
                                    tsvColumns: mode & 8 == 0 ? nil : try? TSVColumns.parse("id,_,text,critic").get())
    FuzzScratch.read(UnsafeBufferPointer(start: data + 1, count: size - 1), options: options)
    return 0
}
