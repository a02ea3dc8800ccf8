import CriticCorpus
import CriticLM
import CriticSupport
import Foundation

/// An authorship model on disk with what is needed to use it: how text was tokenized and where
/// the model came from (its `ModelRecord`).
///
/// Layout of `NAME.bundle/`:
///
///     manifest.json        format, version, critics (name, training reviews, prior, model file
///                          with its size and checksum), order, estimator, k, min count,
///                          background, the record, and the manifest's own checksum
///     vocabulary.txt       the shared vocabulary (`Vocabulary.serialized()`)
///     critics/NNN.model    one binary model per critic (`NGramModel.save`), in critic order
///     background.model     the pooled model of all critics (absent when the weight is 0)
///
/// Critic names can hold any character, so model files are numbered rather than named.
/// A bundle is written into a temporary sibling folder and swapped into place, so a reader never
/// sees a half-written bundle. Every file the manifest names is checked against its recorded size
/// and CRC-32 before it is read, and the manifest against its own checksum, so an edited or
/// mixed-up bundle is refused, never silently used. Version-1 bundles (no checksums, a flat
/// tokenizer field) still load.
public struct ModelBundle: Sendable {
    public static let format = "critickit-authorship-bundle"
    public static let version = 2
    /// Where `critic` looks when no `--model` is given.
    public static let defaultPath = "models/authorship.bundle"

    public var model: AuthorshipModel
    /// Tokenization, vocabulary policy and provenance of the training run.
    public var record: ModelRecord

    public init(model: AuthorshipModel, record: ModelRecord) {
        self.model = model
        self.record = record
    }

    /// How reviews became tokens (classification must tokenize the same way).
    public var tokenization: Tokenization { record.tokenization }
}

// MARK: - Manifest

/// manifest.json (version 2), as Codable.
struct BundleManifest: Codable {
    /// A file of the bundle, with what it must be.
    struct File: Codable, Equatable {
        var path: String
        var bytes: Int
        /// CRC-32 of the file's bytes, 8 hex digits.
        var crc32: String
    }

    struct Critic: Codable {
        var name: String
        /// Training reviews (for people; the prior is `prior`).
        var reviews: Int
        var prior: Double
        var model: File
    }

    var format: String
    var version: Int
    var critics: [Critic]
    var order: Int
    var estimator: String
    var k: Double
    var minCount: Int
    var minReviews: Int
    var background: String
    var backgroundWeight: Double
    var backgroundModel: File?
    var vocabulary: File
    var record: ModelRecord
    /// CRC-32 of the manifest encoded with this field empty.
    var checksum: String

    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return encoder
    }

    /// The manifest's checksum over its encoding with `checksum` empty.
    func computedChecksum() throws -> String {
        var copy = self
        copy.checksum = ""
        return crc32Hex(try Self.encoder().encode(copy))
    }
}

/// manifest.json of version 1 (read only).
private struct LegacyManifest: Codable {
    struct Critic: Codable {
        var name: String
        var reviews: Int
        var model: String
    }

    struct Tokenizer: Codable {
        var pretokenized: Bool
        var keepPunctuation: Bool
        var caseFolding: Bool
        var nfkc: Bool
        var numberClassToken: String?
        var locale: String
    }

    var critics: [Critic]
    var order: Int
    var estimator: String
    var k: Double
    var minCount: Int
    var minReviews: Int
    var background: String
    var backgroundWeight: Double
    var backgroundModel: String?
    var vocabulary: String
    var tokenizer: Tokenizer
    var provenance: [String: String]
}

func crc32Hex(_ data: Data) -> String {
    let value = CRC32.checksum(data)
    return String(value, radix: 16).leftPadded(to: 8)
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: Swift.max(0, width - count)) + self }
}

extension ModelBundle {
    /// Writes the bundle folder with `AtomicFile.writeFolder`: it replaces an existing bundle
    /// in one step, and only once the new one loads.
    public func save(to path: String) throws(AuthorshipError) {
        func fail(_ message: String) -> AuthorshipError { .io(path: path, message: message) }
        do {
            try AtomicFile.writeFolder(at: path, validate: { written in _ = try ModelBundle.load(from: written) }) { folder in
                try write(into: URL(fileURLWithPath: folder))
            }
        } catch let error as AuthorshipError {
            throw error
        } catch let error as FileOutputError {
            throw fail("cannot write the bundle: \(error.reason)")
        } catch {
            throw fail("cannot write the bundle: \(error)")
        }
    }

    /// The bundle's files, written into the empty folder `temporary`.
    private func write(into temporary: URL) throws {
        // Not intermediate: a temporary removed by a signal must not come back.
        try FileManager.default.createDirectory(at: temporary.appendingPathComponent("critics"), withIntermediateDirectories: false)
        func described(_ file: String) throws -> BundleManifest.File {
            let data = try Data(contentsOf: temporary.appendingPathComponent(file))
            return BundleManifest.File(path: file, bytes: data.count, crc32: crc32Hex(data))
        }
        var critics: [BundleManifest.Critic] = []
        for (index, critic) in model.critics.enumerated() {
            let file = String(format: "critics/%03d.model", index)
            var criticModel = model.models[index]
            criticModel.record = record
            try criticModel.save(to: temporary.appendingPathComponent(file).path)
            critics.append(.init(name: critic, reviews: model.reviewCounts[index], prior: model.priors[index],
                                 model: try described(file)))
        }
        try model.vocabulary.save(to: temporary.appendingPathComponent("vocabulary.txt").path)
        var backgroundFile: BundleManifest.File?
        if var background = model.backgroundModel {
            background.record = record
            try background.save(to: temporary.appendingPathComponent("background.model").path)
            backgroundFile = try described("background.model")
        }
        var manifest = BundleManifest(
            format: Self.format, version: Self.version, critics: critics, order: model.order,
            estimator: model.training.estimator.rawValue, k: model.training.k, minCount: model.training.minCount,
            minReviews: model.training.minReviews, background: model.training.background.rawValue,
            backgroundWeight: model.backgroundWeight, backgroundModel: backgroundFile,
            vocabulary: try described("vocabulary.txt"), record: record, checksum: "")
        manifest.checksum = try manifest.computedChecksum()
        try BundleManifest.encoder().encode(manifest).write(to: temporary.appendingPathComponent("manifest.json"))
    }

    /// Whether `path` looks like a bundle folder (it holds a manifest.json).
    public static func isBundle(at path: String) -> Bool {
        FileManager.default.fileExists(atPath: URL(fileURLWithPath: path).appendingPathComponent("manifest.json").path)
    }

    /// Whether `path` is a bundle folder that critic wrote: its manifest names the bundle format.
    public static func isWrittenBundle(at path: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: URL(fileURLWithPath: path).appendingPathComponent("manifest.json").path),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return false }
        return object["format"] as? String == format
    }

    /// Loads a bundle written by `save(to:)`.
    public static func load(from path: String) throws(AuthorshipError) -> ModelBundle {
        let folder = URL(fileURLWithPath: path)
        func corrupt(_ reason: String) -> AuthorshipError { .corruptBundle(path: path, reason: reason) }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw .io(path: path, message: "no such bundle (train one from a labelled corpus first)")
        }
        guard isFolder.boolValue else { throw corrupt("it is a file, and a bundle is a folder") }
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent("manifest.json").path) else {
            throw corrupt("it has no readable manifest.json")
        }
        struct Header: Codable { var format: String; var version: Int }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        guard let header = try? decoder.decode(Header.self, from: data) else {
            throw corrupt("manifest.json is not a bundle manifest (no format and version)")
        }
        guard header.format == format else { throw corrupt("manifest format is '\(header.format)', not '\(format)'") }
        switch header.version {
        case 1: return try loadVersion1(data, folder: folder, path: path)
        case version: break
        default: throw corrupt("bundle version \(header.version), but this critic reads versions 1 and \(version) (was it written by a newer critic?)")
        }
        let manifest: BundleManifest
        do {
            manifest = try decoder.decode(BundleManifest.self, from: data)
        } catch {
            throw corrupt("manifest.json does not parse: \(error)")
        }
        guard (try? manifest.computedChecksum()) == manifest.checksum else {
            throw corrupt("manifest.json does not match its checksum: it was edited or damaged")
        }
        let priors = manifest.critics.map(\.prior)
        guard priors.allSatisfy({ $0 > 0 && $0.isFinite }), abs(priors.reduce(0, +) - 1) < 1e-6 else {
            throw corrupt("the critics' priors must be positive and sum to 1")
        }
        let contents = Contents(
            critics: manifest.critics.map { .init(name: $0.name, reviews: $0.reviews, prior: $0.prior, file: $0.model.path, expected: $0.model) },
            vocabulary: .init(name: "", reviews: 0, prior: nil, file: manifest.vocabulary.path, expected: manifest.vocabulary),
            background: manifest.backgroundModel.map { .init(name: "", reviews: 0, prior: nil, file: $0.path, expected: $0) },
            order: manifest.order, estimator: manifest.estimator, k: manifest.k, minCount: manifest.minCount,
            minReviews: manifest.minReviews, backgroundName: manifest.background, backgroundWeight: manifest.backgroundWeight)
        return ModelBundle(model: try assemble(contents, folder: folder, path: path), record: manifest.record)
    }

    /// What a manifest of either version says is in the bundle.
    private struct Contents {
        struct Entry {
            var name: String
            var reviews: Int
            /// nil: from the review counts (version 1).
            var prior: Double?
            var file: String
            /// Size and checksum the file must have (nil in version 1, which recorded none).
            var expected: BundleManifest.File?
        }
        var critics: [Entry]
        var vocabulary: Entry
        var background: Entry?
        var order: Int
        var estimator: String
        var k: Double
        var minCount: Int
        var minReviews: Int
        var backgroundName: String
        var backgroundWeight: Double
    }

    /// Reads and checks the files a manifest lists, and builds the model: the one loading path of
    /// both manifest versions.
    private static func assemble(_ contents: Contents, folder: URL, path: String) throws(AuthorshipError) -> AuthorshipModel {
        func corrupt(_ reason: String) -> AuthorshipError { .corruptBundle(path: path, reason: reason) }
        guard !contents.critics.isEmpty else { throw corrupt("the manifest lists no critics") }
        guard let estimator = EstimatorKind(rawValue: contents.estimator),
              let background = AuthorshipTraining.Background(rawValue: contents.backgroundName) else {
            throw corrupt("unknown estimator '\(contents.estimator)' or background '\(contents.backgroundName)'")
        }
        let files = contents.critics.map(\.file) + [contents.vocabulary.file] + (contents.background.map { [$0.file] } ?? [])
        guard Set(files).count == files.count else { throw corrupt("two entries of the manifest name the same file") }
        if contents.critics.allSatisfy({ $0.expected != nil }) {
            // Version 2 lists every critic's file: one more in critics/ means an entry was removed.
            let listed = Set(contents.critics.map(\.file))
            let present = Set(((try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("critics").path)) ?? [])
                .filter { !$0.hasPrefix(".") }.map { "critics/" + $0 })
            if let unlisted = present.subtracting(listed).sorted().first {
                throw corrupt("\(unlisted) is in the bundle but not in its manifest (a critic was removed from the manifest?)")
            }
        }
        func verified(_ entry: Contents.Entry) throws(AuthorshipError) -> String {
            guard !entry.file.contains(".."), !entry.file.hasPrefix("/") else { throw corrupt("the manifest names a file outside the bundle: \(entry.file)") }
            let full = folder.appendingPathComponent(entry.file).path
            guard let expected = entry.expected else { return full }
            guard let data = FileManager.default.contents(atPath: full) else { throw corrupt("\(entry.file) is missing or unreadable") }
            guard data.count == expected.bytes, crc32Hex(data) == expected.crc32 else {
                throw corrupt("\(entry.file) is not the file the manifest lists (size or checksum differs): it was replaced or damaged")
            }
            return full
        }
        let vocabulary: Vocabulary
        do {
            vocabulary = try Vocabulary.load(from: try verified(contents.vocabulary))
        } catch let error as AuthorshipError {
            throw error
        } catch {
            throw corrupt("\(error)")
        }
        let sorted = contents.critics.sorted { $0.name < $1.name }
        guard Set(sorted.map(\.name)).count == sorted.count else { throw corrupt("a critic is listed twice") }
        guard sorted.allSatisfy({ $0.reviews >= 0 }) else { throw corrupt("a negative review count") }
        func loadModel(_ entry: Contents.Entry, _ what: String) throws(AuthorshipError) -> NGramModel {
            let model: NGramModel
            do {
                model = try NGramModel.load(from: try verified(entry))
            } catch let error as AuthorshipError {
                throw error
            } catch {
                throw corrupt("\(error)")
            }
            guard model.vocabulary.tokens == vocabulary.tokens else {
                throw corrupt("the model of \(what) (\(entry.file)) is not over the bundle's shared vocabulary")
            }
            guard model.order == contents.order else { throw corrupt("the model of \(what) has order \(model.order), the manifest says \(contents.order)") }
            return model
        }
        var models: [NGramModel] = []
        for critic in sorted { models.append(try loadModel(critic, "'\(critic.name)'")) }
        let backgroundModel = try contents.background.map { (entry) throws(AuthorshipError) in try loadModel(entry, "the background") }
        guard (0..<1).contains(contents.backgroundWeight), contents.backgroundWeight == 0 || backgroundModel != nil else {
            throw corrupt("background weight \(contents.backgroundWeight) without a background model, or outside [0, 1)")
        }
        let training = AuthorshipTraining(order: contents.order, estimator: estimator, k: contents.k,
                                          minCount: contents.minCount, minReviews: contents.minReviews, background: background,
                                          backgroundWeight: contents.backgroundWeight)
        let priors = sorted.allSatisfy { $0.prior != nil } ? sorted.map { $0.prior! } : nil
        return AuthorshipModel(critics: sorted.map(\.name), reviewCounts: sorted.map(\.reviews), models: models, training: training,
                               backgroundModel: backgroundModel, priors: priors)
    }

    /// A version-1 bundle: no checksums; priors from review counts; the tokenizer as flat fields.
    private static func loadVersion1(_ data: Data, folder: URL, path: String) throws(AuthorshipError) -> ModelBundle {
        func corrupt(_ reason: String) -> AuthorshipError { .corruptBundle(path: path, reason: reason) }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let manifest: LegacyManifest
        do {
            manifest = try decoder.decode(LegacyManifest.self, from: data)
        } catch {
            throw corrupt("manifest.json does not parse: \(error)")
        }
        let contents = Contents(
            critics: manifest.critics.map { .init(name: $0.name, reviews: $0.reviews, prior: nil, file: $0.model, expected: nil) },
            vocabulary: .init(name: "", reviews: 0, prior: nil, file: manifest.vocabulary, expected: nil),
            background: manifest.backgroundModel.map { .init(name: "", reviews: 0, prior: nil, file: $0, expected: nil) },
            order: manifest.order, estimator: manifest.estimator, k: manifest.k, minCount: manifest.minCount,
            minReviews: manifest.minReviews, backgroundName: manifest.background, backgroundWeight: manifest.backgroundWeight)
        let model = try assemble(contents, folder: folder, path: path)
        let t = manifest.tokenizer
        let tokenization: Tokenization = t.pretokenized ? .whitespace : .icu(TokenizerOptions(
            keepPunctuation: t.keepPunctuation, caseFolding: t.caseFolding, nfkc: t.nfkc,
            numbers: t.numberClassToken.map { .classToken($0) } ?? .keep, locale: t.locale))
        let provenance = Provenance(corpus: manifest.provenance["corpus"].map { [$0] } ?? [],
                                    reviews: manifest.provenance["reviews"].flatMap { Int($0) } ?? model.reviewCounts.reduce(0, +),
                                    critickitVersion: manifest.provenance["critickit_version"] ?? "")
        return ModelBundle(model: model, record: ModelRecord(tokenization: tokenization,
                                                            vocabulary: VocabularyPolicy(minCount: manifest.minCount),
                                                            provenance: provenance))
    }
}
