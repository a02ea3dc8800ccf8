// Shared by the corpus reader targets: the readers take paths, so each input is written to one
// scratch file per process and read from there.
import CriticCorpus
import Foundation

enum FuzzScratch {
    static let path = FileManager.default.temporaryDirectory
        .appendingPathComponent("critic-fuzz-\(ProcessInfo.processInfo.processIdentifier)").path

    /// Reads `bytes` as a corpus with `options`; any CorpusError is an answer, a trap is a bug.
    static func read(_ bytes: UnsafeBufferPointer<UInt8>, options: CorpusReadOptions) {
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        defer { try? FileManager.default.removeItem(atPath: path) }
        guard let (reviews, report) = try? CorpusReader(path: path, options: options).readAll() else { return }
        for review in reviews { _ = review.text.utf8.count }
        _ = report.summary()
    }
}
