import Foundation
import Testing
@testable import CriticKit

@Suite struct ModelBundleTests {
    func temporaryFolder() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("critic-bundle-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static let record = ModelRecord(tokenization: .whitespace, vocabulary: VocabularyPolicy(minCount: 1),
                                    provenance: Provenance(corpus: ["fixture"], reviews: 24, critickitVersion: "test", command: ["train"]))

    /// A saved two-critic bundle in a fresh folder.
    func savedBundle() throws -> (folder: URL, path: String, bundle: ModelBundle, corpus: LabelledCorpus) {
        let corpus = AuthorshipFixtures.twoCritics()
        let model = try AuthorshipTraining().train(tokens: corpus.tokens, critics: corpus.critics).model
        let bundle = ModelBundle(model: model, record: Self.record)
        let folder = temporaryFolder()
        let path = folder.appendingPathComponent("b.bundle").path
        try bundle.save(to: path)
        return (folder, path, bundle, corpus)
    }

    @Test func roundTripGivesTheSameClassifications() throws {
        let (folder, path, bundle, corpus) = try savedBundle()
        defer { try? FileManager.default.removeItem(at: folder) }
        try bundle.save(to: path)  // replacing an existing bundle
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["b.bundle"])
        let loaded = try ModelBundle.load(from: path)
        let model = bundle.model
        #expect(loaded.model.critics == model.critics && loaded.model.reviewCounts == model.reviewCounts)
        #expect(loaded.model.priors == model.priors)
        #expect(loaded.model.training == model.training)
        #expect(loaded.record == bundle.record)
        for review in corpus.tokens { #expect(loaded.model.classify(review) == model.classify(review)) }
        // Each critic's model file carries the bundle's record too.
        #expect(try NGramModel.load(from: path + "/critics/000.model").record == Self.record)
        let selection = try ModelSource(path: path, critic: "bob").languageModel()
        #expect(selection.model.vocabulary.tokens == model.vocabulary.tokens && selection.tokenization == .whitespace)
        #expect(throws: AuthorshipError.self) { try ModelSource(path: path).languageModel() }
    }

    @Test func damagedBundlesAreClearErrors() throws {
        let (folder, path, _, _) = try savedBundle()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.removeItem(atPath: path + "/critics/001.model")
        #expect(throws: AuthorshipError.self) { try ModelBundle.load(from: path) }
        #expect(throws: AuthorshipError.self) { try ModelBundle.load(from: folder.appendingPathComponent("missing.bundle").path) }
    }

    /// Rewrites manifest.json through `edit` (as JSON objects), keeping or recomputing the checksum.
    func editManifest(_ path: String, recomputeChecksum: Bool, _ edit: (inout [String: Any]) -> Void) throws {
        let url = URL(fileURLWithPath: path + "/manifest.json")
        guard var object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] else {
            Issue.record("the manifest is not a JSON object")
            return
        }
        edit(&object)
        var data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        if recomputeChecksum {
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            var manifest = try decoder.decode(BundleManifest.self, from: data)
            manifest.checksum = try manifest.computedChecksum()
            data = try BundleManifest.encoder().encode(manifest)
        }
        try data.write(to: url)
    }

    func critics(_ object: [String: Any]) -> [[String: Any]] { object["critics"] as? [[String: Any]] ?? [] }

    @Test func editedReviewCountsArePriorsNoMore() throws {
        // Issue 12, class 6: a review count edited from 12 to 999999 used to set the priors.
        let (folder, path, bundle, _) = try savedBundle()
        defer { try? FileManager.default.removeItem(at: folder) }
        try editManifest(path, recomputeChecksum: false) { object in
            var list = critics(object)
            list[0]["reviews"] = 999_999
            object["critics"] = list
        }
        #expect { try ModelBundle.load(from: path) } throws: { "\($0)".contains("does not match its checksum") }
        // Even with a recomputed checksum, review counts are information: priors come from `prior`.
        try editManifest(path, recomputeChecksum: true) { _ in }
        let loaded = try ModelBundle.load(from: path)
        #expect(loaded.model.reviewCounts[0] == 999_999 && loaded.model.priors == bundle.model.priors)
    }

    @Test func thePriorFieldIsThePrior() throws {
        let (folder, path, _, corpus) = try savedBundle()
        defer { try? FileManager.default.removeItem(at: folder) }
        try editManifest(path, recomputeChecksum: true) { object in
            var list = critics(object)
            list[0]["prior"] = 0.999
            list[1]["prior"] = 0.001
            object["critics"] = list
        }
        let loaded = try ModelBundle.load(from: path)
        #expect(loaded.model.priors == [0.999, 0.001])
        let withPrior = loaded.model.classify(corpus.tokens[1], usePrior: true)
        #expect(withPrior.ranking.first?.critic == "alice" || withPrior.ranking.first?.critic == "bob")
        try editManifest(path, recomputeChecksum: true) { object in
            var list = critics(object)
            list[0]["prior"] = 0.7
            object["critics"] = list
        }
        #expect { try ModelBundle.load(from: path) } throws: { "\($0)".contains("priors must be positive and sum to 1") }
    }

    @Test func fewerCriticsOrSharedFilesAreRefused() throws {
        let (folder, path, _, _) = try savedBundle()
        defer { try? FileManager.default.removeItem(at: folder) }
        try editManifest(path, recomputeChecksum: true) { object in
            var list = critics(object)
            list[1]["model"] = list[0]["model"]
            object["critics"] = list
        }
        #expect { try ModelBundle.load(from: path) } throws: { "\($0)".contains("name the same file") }
        try editManifest(path, recomputeChecksum: true) { object in
            var list = critics(object)
            list.removeLast()
            list[0]["prior"] = 1.0
            object["critics"] = list
        }
        #expect { try ModelBundle.load(from: path) } throws: { "\($0)".contains("is in the bundle but not in its manifest") }
    }

    @Test func aReplacedModelFileIsRefused() throws {
        let (folder, path, _, _) = try savedBundle()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.removeItem(atPath: path + "/critics/001.model")
        try FileManager.default.copyItem(atPath: path + "/critics/000.model", toPath: path + "/critics/001.model")
        #expect { try ModelBundle.load(from: path) } throws: { "\($0)".contains("critics/001.model is not the file the manifest lists") }
    }

    @Test func aVersionOneBundleStillLoads() throws {
        let (folder, path, bundle, corpus) = try savedBundle()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A manifest as version 1 wrote it: flat tokenizer fields, a provenance dictionary, no checksums.
        let object: [String: Any] = [
            "format": ModelBundle.format, "version": 1, "order": 3, "estimator": "mkn", "k": 1.0, "min_count": 1,
            "min_reviews": 2, "background": "pooled", "background_weight": 0.5, "background_model": "background.model",
            "vocabulary": "vocabulary.txt",
            "critics": [["name": "alice", "reviews": 12, "prior": 0.5, "model": "critics/000.model"],
                        ["name": "bob", "reviews": 12, "prior": 0.5, "model": "critics/001.model"]],
            "tokenizer": ["pretokenized": false, "keep_punctuation": false, "case_folding": true, "nfkc": true, "locale": ""],
            "provenance": ["corpus": "old", "reviews": "24"],
        ]
        try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: path + "/manifest.json"))
        let loaded = try ModelBundle.load(from: path)
        #expect(loaded.tokenization == .icu(TokenizerOptions(keepPunctuation: false)))
        #expect(loaded.record.provenance.corpus == ["old"] && loaded.record.provenance.reviews == 24)
        for review in corpus.tokens { #expect(loaded.model.classify(review) == bundle.model.classify(review)) }
    }
}
