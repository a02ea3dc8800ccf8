import CriticSupport
import Foundation
import Testing
@testable import CriticRBM
import CriticCorpus

/// RBM model files with a valid CRC but hostile sizes: typed errors, never a trap or an
/// allocation the file cannot back.
@Suite struct HostileRBMFileTests {
    static func resealed(_ bytes: Data) -> Data {
        var bytes = bytes
        let crc = CRC32.checksum(bytes.prefix(bytes.count - 4))
        withUnsafeBytes(of: crc.littleEndian) { bytes.replaceSubrange((bytes.count - 4)..., with: $0) }
        return bytes
    }

    /// V and H follow the 8-byte magic and the version.
    static func withShape(v: UInt32, h: UInt32) -> Data {
        var bytes = ModelFileTests.sampleModel().serialized()
        withUnsafeBytes(of: v.littleEndian) { bytes.replaceSubrange(12..<16, with: $0) }
        withUnsafeBytes(of: h.littleEndian) { bytes.replaceSubrange(16..<20, with: $0) }
        return resealed(bytes)
    }

    // Class 3: V = H = 2³² − 1 (V·H + V + H overflows 64 bits) with a valid CRC.
    static let hugeShapes: [(UInt32, UInt32)] = [(.max, .max), (.max, 1), (1 << 31, 1 << 31), (4, 1 << 30)]

    @Test(arguments: hugeShapes)
    func hugeShapesWithAValidCRCAreRefused(v: UInt32, h: UInt32) {
        let error: RBMError?
        do { _ = try BernoulliRBM.decode(Self.withShape(v: v, h: h), path: "hostile.model"); error = nil } catch let thrown { error = thrown }
        guard case .corruptModel(let path, let reason) = error else {
            Issue.record("expected corruptModel, got \(String(describing: error))"); return
        }
        #expect(path == "hostile.model")
        #expect(reason.contains("V=\(v)") || reason.contains("terms"))
    }

    @Test func hugeTermAndMetadataCountsAreRefused() {
        // The term count follows V and H; the sample has 4 terms and no metadata.
        var bytes = ModelFileTests.sampleModel().serialized()
        withUnsafeBytes(of: UInt32.max.littleEndian) { bytes.replaceSubrange(20..<24, with: $0) }
        #expect(throws: RBMError.self) { _ = try BernoulliRBM.decode(Self.resealed(bytes)) }
    }

    // Misleading message: a folder said "no such file".
    @Test func aFolderIsNamedAsAFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("critickit-rbm-hostile-\(getpid())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        do { _ = try BernoulliRBM.load(from: folder); Issue.record("a folder loaded") } catch {
            #expect(error.description.contains("is a folder"))
            #expect(!error.description.contains("no such file"))
        }
    }
}
