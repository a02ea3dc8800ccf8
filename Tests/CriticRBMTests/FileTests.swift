import CriticSupport
import Foundation
import Testing
@testable import CriticRBM
import CriticCorpus

@Suite struct ModelFileTests {
    static func sampleModel() -> BernoulliRBM {
        var generator = SeededGenerator(seed: 4)
        let data = BinaryMatrix(rows: [[0, 2], [1], [0, 1, 3]], columnCount: 4)
        return BernoulliRBM(initializingFor: data, hiddenCount: 3, terms: ["film", "plot", "tab\there", "naïve"],
                            generator: &generator)
    }

    @Test func roundTripIsIdentical() throws {
        let model = Self.sampleModel()
        let bytes = model.serialized(metadata: ["tokenizer": "default", "epochs": "3"])
        let (loaded, metadata) = try BernoulliRBM.decode(bytes)
        #expect(loaded == model)
        #expect(metadata == ["tokenizer": "default", "epochs": "3"])
        #expect(loaded.serialized(metadata: metadata) == bytes)
    }

    @Test func everyTruncationAndEveryFlippedByteIsRejected() {
        let bytes = Self.sampleModel().serialized()
        for length in stride(from: 0, to: bytes.count, by: 7) {
            #expect(throws: RBMError.self) { try BernoulliRBM.decode(bytes.prefix(length)) }
        }
        for offset in stride(from: 0, to: bytes.count, by: 5) {
            var damaged = bytes
            damaged[offset] ^= 0x10
            #expect(throws: RBMError.self) { try BernoulliRBM.decode(damaged) }
        }
    }

    @Test func errorsNameTheFileAndTheFix() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("not-a-model-\(getpid()).rbm").path
        try Data("hello".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            _ = try BernoulliRBM.load(from: path)
            Issue.record("a text file loaded as a model")
        } catch {
            #expect(error.description.contains(path))
            #expect(error.description.contains("critic rbm train"))
        }
    }

    @Test func saveIsAtomicAndLoadable() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rbm-save-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("model.rbm").path
        let model = Self.sampleModel()
        try model.save(to: path)
        #expect(try BernoulliRBM.load(from: path).model == model)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["model.rbm"])
    }
}

@Suite struct NumPyFileTests {
    @Test func npyHeaderIsAlignedAndDescribesTheArray() {
        let data = NumPyFile.encode(.float32([1, 2, 3, 4, 5, 6], shape: [2, 3]))
        #expect(Array(data.prefix(8)) == [0x93] + Array("NUMPY".utf8) + [1, 0])
        let headerLength = Int(data[8]) | Int(data[9]) << 8
        #expect((10 + headerLength) % 64 == 0)
        let header = String(decoding: data[10..<(10 + headerLength)], as: UTF8.self)
        #expect(header == "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }"
            + String(repeating: " ", count: headerLength - 60) + "\n")
        #expect(data.count == 10 + headerLength + 24)
        let third = data[(10 + headerLength + 8)..<(10 + headerLength + 12)]
        #expect(third.withUnsafeBytes { $0.loadUnaligned(as: Float.self) } == 3)
    }

    @Test func crc32MatchesTheStandardCheckValue() {
        // The CRC-32 check value of "123456789" (ISO 3309 / zip).
        #expect(CRC32.checksum(Data("123456789".utf8)) == 0xCBF4_3926)
    }

    @Test func archiveListsEveryEntryInItsCentralDirectory() {
        let archive = NumPyFile.encodeCSR(BinaryMatrix(rows: [[1], [0, 2]], columnCount: 3))
        let end = archive.count - 22
        #expect(Array(archive[end..<(end + 4)]) == [0x50, 0x4B, 0x05, 0x06])
        #expect(archive[end + 10] == 5)  // five arrays: indices, indptr, format, shape, data
        let text = String(decoding: archive, as: UTF8.self)
        for name in ["indices.npy", "indptr.npy", "format.npy", "shape.npy", "data.npy", "'descr': '|S3'"] {
            #expect(text.contains(name))
        }
    }

    @Test func embeddingFormatsFollowTheOutputName() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rbm-embed-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let values: [Float] = [0.25, 0.5, 0.125, 1]
        let labels: [(critic: String?, id: String)] = [("Ebert", "1"), (nil, "2\tx")]
        let csv = folder.appendingPathComponent("e.csv").path
        try EmbeddingFile.write(values, rows: 2, dimensions: 2, labels: labels, to: csv)
        #expect(try String(contentsOfFile: csv, encoding: .utf8) == "0.25,0.5\n0.125,1.0\n")
        let projector = folder.appendingPathComponent("projector").path
        let written = try EmbeddingFile.write(values, rows: 2, dimensions: 2, labels: labels, to: projector)
        #expect(written.map { URL(fileURLWithPath: $0).lastPathComponent } == ["vectors.tsv", "metadata.tsv"])
        #expect(try String(contentsOfFile: written[1], encoding: .utf8) == "critic\tid\nEbert\t1\n\t2 x\n")
        let npy = folder.appendingPathComponent("e.npy").path
        try EmbeddingFile.write(values, rows: 2, dimensions: 2, labels: labels, to: npy)
        #expect(try Data(contentsOf: URL(fileURLWithPath: npy)) == NumPyFile.encode(.float32(values, shape: [2, 2])))
    }
}

@Suite struct BagOfWordsTests {
    static let documents = [["the", "film", "is", "good"], ["the", "plot", "is", "thin", "thin"],
                            ["good", "film", "the", "end"], ["the", "end"]]

    @Test func termsAreOrderedByDocumentFrequencyThenFirstAppearance() {
        let bag = BagOfWords(fitting: Self.documents)
        #expect(bag.terms == ["the", "film", "is", "good", "end", "plot", "thin"])
        #expect(bag.documentFrequencies == [4, 2, 2, 2, 2, 1, 1])
    }

    @Test func thresholdsAndStopWordsFollowCountVectorizer() {
        let options = BagOfWordsOptions(maxFeatures: 3, minDocumentFrequency: .count(2),
                                        maxDocumentFrequency: .fraction(0.9), stopWords: ["is"])
        #expect(BagOfWords(fitting: Self.documents, options: options).terms == ["film", "good", "end"])
        #expect(DocumentFrequencyBound(parsing: "5") == .count(5))
        #expect(DocumentFrequencyBound(parsing: "0.5") == .fraction(0.5))
        #expect(DocumentFrequencyBound(parsing: "1.5") == nil)
    }

    @Test func matrixIsBinaryAndIgnoresUnknownTerms() {
        let bag = BagOfWords(fitting: Self.documents)
        let matrix = bag.matrix([["thin", "thin", "the", "unseen"], []])
        #expect(matrix.rowCount == 2 && matrix.columnCount == 7)
        #expect(Array(matrix.row(0)) == [0, 6])
        #expect(matrix.row(1).isEmpty)
        #expect(matrix.columnCounts() == [1, 0, 0, 0, 0, 0, 1])
    }
}
