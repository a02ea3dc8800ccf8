import CriticCorpus
import CriticSupport
import Foundation
import CriticLM

enum Fixtures {
    /// The folder holding Package.swift.
    static var packageRoot: URL {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" && !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url.deleteLastPathComponent()
        }
        return url
    }

    /// ../shared next to the package root (absent outside the team's machines and CI).
    static var shared: URL { packageRoot.deletingLastPathComponent().appendingPathComponent("shared") }

    static var hasScaledata: Bool {
        FileManager.default.fileExists(atPath: shared.appendingPathComponent("data/scaledata/scaledata").path)
    }

    static var hasKenLMReference: Bool {
        FileManager.default.fileExists(atPath: shared.appendingPathComponent("bench/kenlm-scaledata/train.arpa.xz").path)
            && FileManager.default.isExecutableFile(atPath: "/usr/bin/xz") && hasScaledata
    }

    /// Random sequences over a Zipf-like vocabulary of `size` words, as word ids ≥ 3.
    static func randomCorpus(sequences: Int, size: Int, maxLength: Int, seed: UInt64) -> (Vocabulary, [[WordID]]) {
        var generator = SeededGenerator(seed: seed)
        let vocabulary = Vocabulary(tokens: (0..<size).map { "w\($0)" })
        let corpus = (0..<sequences).map { _ in
            (0..<Int.random(in: 0...maxLength, using: &generator)).map { _ in
                // skewed: small ids are frequent, so counts-of-counts look like text
                let u = Double.random(in: 0..<1, using: &generator)
                return WordID(3 + Int(Double(size) * u * u * u))
            }
        }
        return (vocabulary, corpus)
    }

    /// scaledata's four subj files in glob order, split as ../shared/bench/kenlm-scaledata/README.md
    /// says: every 10th line (1-based) is test, the others train; tokens split on spaces.
    static func scaledataSplit() throws -> (train: [[String]], test: [[String]]) {
        let root = shared.appendingPathComponent("data/scaledata/scaledata")
        let critics = try FileManager.default.contentsOfDirectory(atPath: root.path).sorted()
        var train: [[String]] = [], test: [[String]] = []
        var number = 0
        for critic in critics {
            let text = try String(contentsOf: root.appendingPathComponent("\(critic)/subj.\(critic)"), encoding: .utf8)
            for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast(text.hasSuffix("\n") ? 1 : 0) {
                number += 1
                let tokens = line.split(separator: " ").map(String.init)
                if number % 10 == 0 { test.append(tokens) } else { train.append(tokens) }
            }
        }
        return (train, test)
    }

    /// Decompresses the KenLM reference ARPA into a temporary file.
    static func kenlmARPA() throws -> String {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("critickit-kenlm-\(getpid()).arpa")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/xz")
        process.arguments = ["-dc", shared.appendingPathComponent("bench/kenlm-scaledata/train.arpa.xz").path]
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: output)
        try process.run()
        process.waitUntilExit()
        return output.path
    }
}
