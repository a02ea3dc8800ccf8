import CriticCorpus
import CriticLM
import CriticSupport
import Foundation

/// An authorship model on disk with what is needed to use it: how text was tokenized and where
/// the model came from.
///
/// Layout of `NAME.bundle/`:
///
///     manifest.json        format, version, critics (name, training reviews, prior, model file),
///                          order, estimator, k, min count, background, tokenizer, provenance
///     vocabulary.txt       the shared vocabulary (`Vocabulary.serialized()`)
///     critics/NNN.model    one binary model per critic (`NGramModel.save`), in critic order
///     background.model     the pooled model of all critics (absent when the weight is 0)
///
/// Critic names can hold any character, so model files are numbered rather than named.
/// A bundle is written into a temporary sibling folder and swapped into place, so a reader never
/// sees a half-written bundle.
public struct ModelBundle: Sendable {
    public static let format = "critickit-authorship-bundle"
    public static let version = 1
    /// Where `critic` looks when no `--model` is given.
    public static let defaultPath = "models/authorship.bundle"

    /// How reviews became tokens (classification must tokenize the same way).
    public struct Tokenization: Sendable, Equatable {
        /// Split on spaces only (the corpus was already tokenized).
        public var pretokenized: Bool
        /// The ICU tokenizer's options (ignored when `pretokenized`).
        public var options: TokenizerOptions

        public init(pretokenized: Bool, options: TokenizerOptions = .default) {
            self.pretokenized = pretokenized
            self.options = options
        }

        /// The tokens of `text`.
        public func tokenize(_ text: String) throws(CorpusError) -> [String] {
            pretokenized ? splitPretokenized(text) : try Tokenizer(options: options).tokenize(text)
        }

        /// The tokens of many texts, in parallel, order kept.
        public func tokenize(_ texts: [String], threads: ThreadCount = .all) throws(CorpusError) -> [[String]] {
            pretokenized ? texts.map(splitPretokenized) : try Tokenizer.tokenize(texts, options: options, threads: threads)
        }
    }

    public var model: AuthorshipModel
    public var tokenization: Tokenization
    /// Free-form facts about the training run (corpus paths, toolkit version, date).
    public var provenance: [String: String]

    public init(model: AuthorshipModel, tokenization: Tokenization, provenance: [String: String] = [:]) {
        self.model = model
        self.tokenization = tokenization
        self.provenance = provenance
    }
}

// MARK: - Manifest

/// manifest.json, as Codable.
struct BundleManifest: Codable {
    struct Critic: Codable {
        var name: String
        var reviews: Int
        var prior: Double
        var model: String
    }

    struct Tokenizer: Codable {
        var pretokenized: Bool
        var keepPunctuation: Bool
        var caseFolding: Bool
        var nfkc: Bool
        /// nil: numbers kept; else the class token every number becomes.
        var numberClassToken: String?
        var locale: String
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
    var backgroundModel: String?
    var vocabulary: String
    var tokenizer: Tokenizer
    var provenance: [String: String]
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
        let priors = model.logPriors.map { exp($0) }
        var critics: [BundleManifest.Critic] = []
        for (index, critic) in model.critics.enumerated() {
            let file = String(format: "critics/%03d.model", index)
            try model.models[index].save(to: temporary.appendingPathComponent(file).path)
            critics.append(.init(name: critic, reviews: model.reviewCounts[index], prior: priors[index], model: file))
        }
        try model.vocabulary.save(to: temporary.appendingPathComponent("vocabulary.txt").path)
        try model.backgroundModel?.save(to: temporary.appendingPathComponent("background.model").path)
        let options = tokenization.options
        let numberClass: String? = switch options.numbers {
        case .keep: nil
        case .classToken(let token): token
        }
        let manifest = BundleManifest(
            format: Self.format, version: Self.version, critics: critics, order: model.order,
            estimator: model.training.estimator.rawValue, k: model.training.k, minCount: model.training.minCount, minReviews: model.training.minReviews,
            background: model.training.background.rawValue, backgroundWeight: model.backgroundWeight,
            backgroundModel: model.backgroundModel == nil ? nil : "background.model", vocabulary: "vocabulary.txt",
            tokenizer: .init(pretokenized: tokenization.pretokenized, keepPunctuation: options.keepPunctuation,
                             caseFolding: options.caseFolding, nfkc: options.nfkc, numberClassToken: numberClass,
                             locale: options.locale),
            provenance: provenance)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        try encoder.encode(manifest).write(to: temporary.appendingPathComponent("manifest.json"))
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
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent("manifest.json").path) else {
            if FileManager.default.fileExists(atPath: path) { throw corrupt("it has no manifest.json") }
            throw .io(path: path, message: "no such bundle (train one with `critic train CORPUS -o \(path)`, or give --model)")
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let manifest: BundleManifest
        do {
            manifest = try decoder.decode(BundleManifest.self, from: data)
        } catch {
            throw corrupt("manifest.json does not parse: \(error)")
        }
        guard manifest.format == format else { throw corrupt("manifest format is '\(manifest.format)', not '\(format)'") }
        guard manifest.version == version else { throw corrupt("bundle version \(manifest.version), but this critic reads version \(version)") }
        guard !manifest.critics.isEmpty else { throw corrupt("the manifest lists no critics") }
        guard let estimator = EstimatorKind(rawValue: manifest.estimator),
              let background = AuthorshipTraining.Background(rawValue: manifest.background) else {
            throw corrupt("unknown estimator '\(manifest.estimator)' or background '\(manifest.background)'")
        }
        let vocabulary: Vocabulary
        do {
            vocabulary = try Vocabulary.load(from: folder.appendingPathComponent(manifest.vocabulary).path)
        } catch {
            throw corrupt("\(error)")
        }
        let sorted = manifest.critics.sorted { $0.name < $1.name }
        guard Set(sorted.map(\.name)).count == sorted.count else { throw corrupt("a critic is listed twice") }
        var models: [NGramModel] = []
        for critic in sorted {
            let model: NGramModel
            do {
                model = try NGramModel.load(from: folder.appendingPathComponent(critic.model).path)
            } catch {
                throw corrupt("\(error)")
            }
            guard model.vocabulary.tokens == vocabulary.tokens else {
                throw corrupt("the model of '\(critic.name)' (\(critic.model)) is not over the bundle's shared vocabulary")
            }
            guard model.order == manifest.order else { throw corrupt("the model of '\(critic.name)' has order \(model.order), the manifest says \(manifest.order)") }
            models.append(model)
        }
        var backgroundModel: NGramModel?
        if let file = manifest.backgroundModel {
            do {
                backgroundModel = try NGramModel.load(from: folder.appendingPathComponent(file).path)
            } catch {
                throw corrupt("\(error)")
            }
            guard backgroundModel!.vocabulary.tokens == vocabulary.tokens else { throw corrupt("the background model is not over the shared vocabulary") }
        }
        guard (0..<1).contains(manifest.backgroundWeight), manifest.backgroundWeight == 0 || backgroundModel != nil else {
            throw corrupt("background weight \(manifest.backgroundWeight) without a background model, or outside [0, 1)")
        }
        let training = AuthorshipTraining(order: manifest.order, estimator: estimator, k: manifest.k,
                                          minCount: manifest.minCount, minReviews: manifest.minReviews, background: background,
                                          backgroundWeight: manifest.backgroundWeight)
        let model = AuthorshipModel(critics: sorted.map(\.name), reviewCounts: sorted.map(\.reviews), models: models, training: training,
                                    backgroundModel: backgroundModel)
        let t = manifest.tokenizer
        let options = TokenizerOptions(keepPunctuation: t.keepPunctuation, caseFolding: t.caseFolding, nfkc: t.nfkc,
                                       numbers: t.numberClassToken.map { .classToken($0) } ?? .keep, locale: t.locale)
        return ModelBundle(model: model, tokenization: Tokenization(pretokenized: t.pretokenized, options: options),
                           provenance: manifest.provenance)
    }

    /// Trains a bundle from a labelled corpus on disk: what `critic train` does, and what the
    /// demo calls to make the default bundle from corpora/.
    public static func train(corpus: CorpusReader, tokenization: Tokenization, training: AuthorshipTraining = AuthorshipTraining())
        throws -> (bundle: ModelBundle, warnings: [String]) {
        let (reviews, _) = try corpus.readAll()
        let tokens = try tokenization.tokenize(reviews.map(\.text), threads: training.threads)
        let labelled = try LabelledCorpus(reviews: reviews, tokens: tokens)
        let result = try training.train(tokens: labelled.tokens, critics: labelled.critics)
        let provenance = ["corpus": corpus.paths.joined(separator: " "), "reviews": String(reviews.count),
                          "critickit_version": criticKitVersion]
        return (ModelBundle(model: result.model, tokenization: tokenization, provenance: provenance), result.warnings)
    }

    /// One critic's model from a bundle, or the model of a single-model file: what `--model PATH
    /// [--critic NAME]` means for scoring and generation.
    public static func languageModel(at path: String, critic: String?) throws -> NGramModel {
        if isBundle(at: path) {
            let bundle = try load(from: path)
            guard let critic else {
                throw AuthorshipError.criticRequired(path: path, known: bundle.model.critics)
            }
            return try bundle.model.model(critic: critic)
        }
        return try NGramModel.load(from: path)
    }
}
