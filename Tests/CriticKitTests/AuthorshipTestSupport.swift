import CriticSupport
import Foundation
@testable import CriticKit

enum AuthorshipFixtures {
    /// ../shared/data/scaledata/scaledata next to the package root, if present.
    static var scaledata: String? {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" && !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url.deleteLastPathComponent()
        }
        let path = url.deletingLastPathComponent().appendingPathComponent("shared/data/scaledata/scaledata").path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// Two critics with disjoint habits over a shared core: "alice" praises with "superb",
    /// "luminous" and "frankly"; "bob" pans with "dreadful", "tedious" and "alas".
    static func twoCritics(reviewsEach: Int = 12, seed: UInt64 = 7) -> LabelledCorpus {
        var random = SeededGenerator(seed: seed)
        let core = ["the", "film", "is", "a", "of", "and", "story", "actors", "director", "scene"]
        let habits = ["alice": ["superb", "luminous", "frankly", "the", "film", "is", "superb"],
                      "bob": ["dreadful", "tedious", "alas", "the", "film", "is", "tedious"]]
        var tokens: [[String]] = []
        var critics: [String] = []
        for index in 0..<(2 * reviewsEach) {
            let critic = index % 2 == 0 ? "alice" : "bob"
            var review: [String] = []
            for _ in 0..<(8 + Int(random.next() % 8)) {
                review.append(random.next() % 2 == 0 ? core.randomElement(using: &random)! : habits[critic]!.randomElement(using: &random)!)
            }
            tokens.append(review)
            critics.append(critic)
        }
        return LabelledCorpus(tokens: tokens, critics: critics)
    }
}
