import Foundation
import Testing
@testable import CriticKit

@Suite struct ModelBundleTests {
    func temporaryFolder() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("critic-bundle-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func roundTripGivesTheSameClassifications() throws {
        let corpus = AuthorshipFixtures.twoCritics()
        let model = try AuthorshipTraining().train(tokens: corpus.tokens, critics: corpus.critics).model
        let bundle = ModelBundle(model: model, tokenization: .init(pretokenized: true), provenance: ["corpus": "fixture"])
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("authorship.bundle").path
        try bundle.save(to: path)
        try bundle.save(to: path)  // replacing an existing bundle
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["authorship.bundle"])
        let loaded = try ModelBundle.load(from: path)
        #expect(loaded.model.critics == model.critics && loaded.model.reviewCounts == model.reviewCounts)
        #expect(loaded.model.training == model.training)
        #expect(loaded.tokenization == bundle.tokenization && loaded.provenance == bundle.provenance)
        for review in corpus.tokens { #expect(loaded.model.classify(review) == model.classify(review)) }
        #expect(try ModelBundle.languageModel(at: path, critic: "bob").vocabulary.tokens == model.vocabulary.tokens)
        #expect(throws: AuthorshipError.self) { try ModelBundle.languageModel(at: path, critic: nil) }
    }

    @Test func damagedBundlesAreClearErrors() throws {
        let corpus = AuthorshipFixtures.twoCritics()
        let model = try AuthorshipTraining().train(tokens: corpus.tokens, critics: corpus.critics).model
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("b.bundle").path
        try ModelBundle(model: model, tokenization: .init(pretokenized: false)).save(to: path)
        try FileManager.default.removeItem(atPath: path + "/critics/001.model")
        #expect(throws: AuthorshipError.self) { try ModelBundle.load(from: path) }
        #expect(throws: AuthorshipError.self) { try ModelBundle.load(from: folder.appendingPathComponent("missing.bundle").path) }
    }
}
