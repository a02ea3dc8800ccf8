import Foundation
import Testing
@testable import CriticCorpus

/// The full scale-dataset reviews (Pang & Lee), next to the package: ../shared/data.
enum ScaleWholeReviews {
    /// The package root is three levels above this file (Tests/CriticCorpusTests/…); the shared
    /// data sits beside it.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/data/scaledata/scale_whole_review")
    static var isPresent: Bool { FileManager.default.fileExists(atPath: root.path) }

    /// (critic, review text) for every file, in path order; Windows-1252 decoded.
    static func load() throws -> [(critic: String, text: String)] {
        let files = (FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL } ?? [])
            .filter { $0.pathExtension == "txt" }
            .sorted { $0.path < $1.path }
        return try files.map { file in
            let data = try Data(contentsOf: file)
            let text = String(data: data, encoding: .windowsCP1252) ?? String(decoding: data, as: UTF8.self)
            return (file.deletingLastPathComponent().deletingLastPathComponent().lastPathComponent, text)
        }
    }
}

@Suite struct TokenizerScaledataTests {
    // Needs ../shared/data next to the package (the project's shared corpora); skipped without it.
    @Test(.enabled(if: ScaleWholeReviews.isPresent,
                   "\(ScaleWholeReviews.root.path) is absent: the real-corpus tokenizer test needs the shared data"))
    func tokenizesEveryFullReviewInParallelAsSerially() throws {
        let reviews = try ScaleWholeReviews.load()
        #expect(reviews.count == 5_006)
        let texts = reviews.map(\.text)
        let parallel = try Tokenizer.tokenize(texts, threads: 2)
        let serial = try Tokenizer.tokenize(texts, threads: 1)
        #expect(parallel == serial)
        #expect(parallel.allSatisfy { !$0.isEmpty })
        #expect(parallel.joined().allSatisfy { token in
            !token.isEmpty && !token.unicodeScalars.allSatisfy(\.properties.isWhitespace)
        })
        // "© ALL RIGHTS RESERVED DENNIS SCHWARTZ" signs 994 of his 1,027 files (counted on the raw
        // bytes, case-insensitively, white space collapsed: `grep -la $'\xa9 ALL RIGHTS RESERVED
        // DENNIS SCHWARTZ'`; the data's README says 998, looser). The tokens must find exactly
        // those: © (byte 0xA9 in Windows-1252) survives as a token and the rest folds.
        let signature = ["©", "all", "rights", "reserved", "dennis", "schwartz"]
        let signed = zip(reviews, parallel).filter { review, tokens in
            review.critic == "Dennis+Schwartz" && tokens.indices.contains { start in
                tokens[start...].starts(with: signature)
            }
        }
        #expect(signed.count == 994)
    }
}
