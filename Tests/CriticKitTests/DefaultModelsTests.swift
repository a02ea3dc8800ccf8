import Foundation
import Testing
@testable import CriticKit

/// models/ must be exactly what `critic models rebuild` writes from corpora/: retrain into a
/// temporary folder and compare every file byte for byte.
@Suite struct DefaultModelsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func modelsFolderIsReproducibleFromTheSampleCorpus() throws {
        let fileManager = FileManager.default
        let committed = Self.root.appendingPathComponent(DefaultModels.folder).path
        let scratch = fileManager.temporaryDirectory.appendingPathComponent("default-models-\(getpid())").path
        defer { try? fileManager.removeItem(atPath: scratch) }
        try DefaultModels.train(corpus: Self.root.appendingPathComponent(DefaultModels.corpus).path, into: scratch)

        let expected = try Self.files(under: committed)
        let retrained = try Self.files(under: scratch)
        #expect(expected.keys.sorted() == retrained.keys.sorted(), "models/ holds other files than a rebuild writes")
        #expect(!expected.isEmpty)
        for (name, bytes) in expected {
            #expect(retrained[name] == bytes, "models/\(name) differs from a rebuild: run `critic models rebuild` and commit models/")
        }
    }

    /// Relative path → contents of every regular file below `folder`.
    static func files(under folder: String) throws -> [String: Data] {
        var result: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return result }
        for case let relative as String in enumerator {
            var isDirectory: ObjCBool = false
            let path = folder + "/" + relative
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                result[relative] = FileManager.default.contents(atPath: path)
            }
        }
        return result
    }
}
