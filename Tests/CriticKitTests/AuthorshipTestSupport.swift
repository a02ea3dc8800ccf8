import Foundation
@testable import CriticKit

/// A small seeded generator for the authorship tests (SplitMix64).
struct AuthorshipRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

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
        var random = AuthorshipRandom(seed: seed)
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
