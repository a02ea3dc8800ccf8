// Tokenizer throughput against ICU's word breaker alone, over the full scale-dataset reviews.
//
// Reference, measured in the same run: (a) raw ICU — the shim's breaker only (set text, iterate
// boundaries, count non-space segments), one thread. Then (b) the Tokenizer pipeline with one
// thread (NFKC + case folding, segmentation, token Strings), (b′) the same pipeline yielding token
// bytes without building Strings, and (c) the pipeline with 2 threads. Reported: MB/s of UTF-8
// input, tokens/s, the overhead of (b) and (b′) over (a), and the speed-up of (c) over (b).
//
// Data: $CRITIC_SHARED_DATA (the folder holding scaledata/), else ../shared/data or shared/data
// relative to the current directory.
import CriticCorpus
import Dispatch
import Foundation

enum TokenizerBenchmark {
    /// Input size the reviews are repeated up to.
    static let targetBytes = (Int(ProcessInfo.processInfo.environment["CRITIC_BENCH_MB"] ?? "") ?? 50) << 20
    /// Timed rounds; rounds interleave the variants so that load from other processes on a shared
    /// machine hits them alike, and the median round is reported.
    static let rounds = Int(ProcessInfo.processInfo.environment["CRITIC_BENCH_ROUNDS"] ?? "") ?? 5

    static func run() throws {
        let reviews = try loadReviews()
        let bytes = reviews.reduce(0) { $0 + $1.utf8.count }
        let nonASCII = reviews.filter { $0.utf8.contains { $0 >= 0x80 } }.count
        print(String(format: "input: %d reviews (%.1f MB UTF-8, %.0f%% of reviews hold non-ASCII), %d processors",
                     reviews.count, Double(bytes) / 1e6, 100 * Double(nonASCII) / Double(reviews.count),
                     ProcessInfo.processInfo.activeProcessorCount))

        let tokenizer = try Tokenizer()
        let variants: [(label: String, run: () throws -> Int)] = [
            ("(a)  raw ICU breaker, 1 thread", {
                var segments = 0
                for var review in reviews {
                    segments += try review.withUTF8 { (utf8) throws(CorpusError) -> Int in
                        try tokenizer.rawSegmentCount(utf8)
                    }
                }
                return segments
            }),
            ("(b)  tokenize → [[String]], 1 thread", {
                try Tokenizer.tokenize(reviews, threads: 1).reduce(0) { $0 + $1.count }
            }),
            ("(b′) forEachTokenBytes, 1 thread", {
                var tokens = 0
                for review in reviews {
                    try tokenizer.forEachTokenBytes(in: review) { _ in tokens += 1 }
                }
                return tokens
            }),
            ("(c)  tokenize → [[String]], 2 threads", {
                try Tokenizer.tokenize(reviews, threads: 2).reduce(0) { $0 + $1.count }
            }),
        ]

        var seconds = Array(repeating: [Double](), count: variants.count)
        var tokens = Array(repeating: 0, count: variants.count)
        for _ in 0..<rounds {
            for (index, variant) in variants.enumerated() {
                let start = DispatchTime.now().uptimeNanoseconds
                tokens[index] = try variant.run()
                seconds[index].append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            }
        }
        let median = seconds.map { $0.sorted()[$0.count / 2] }
        for (index, variant) in variants.enumerated() {
            print(String(format: "%@  %7.1f MB/s  %6.2f M tokens/s  (%d tokens, median of %d: %.3f s)",
                         variant.label.padding(toLength: 40, withPad: " ", startingAt: 0),
                         Double(bytes) / 1e6 / median[index], Double(tokens[index]) / 1e6 / median[index],
                         tokens[index], rounds, median[index]))
        }
        print(String(format: "overhead of (b) over (a):  %+.1f%%", 100 * (median[1] / median[0] - 1)))
        print(String(format: "overhead of (b′) over (a): %+.1f%%", 100 * (median[2] / median[0] - 1)))
        print(String(format: "speed-up of (c) over (b):  %.2f×", median[1] / median[3]))
    }

    /// Every review of scale_whole_review (one file each, Windows-1252), repeated to ~50 MB.
    static func loadReviews() throws -> [String] {
        let root = try dataFolder().appendingPathComponent("scaledata/scale_whole_review")
        let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }
            .filter { $0.pathExtension == "txt" }
            .sorted { $0.path < $1.path } ?? []
        guard !files.isEmpty else {
            throw Failure("\(root.path) holds no .txt reviews (is the shared data complete?)")
        }
        let originals = try files.map { file -> String in
            let data = try Data(contentsOf: file)
            // Windows-1252 leaves five bytes undefined; Latin-1 decodes every byte.
            guard let text = String(data: data, encoding: .windowsCP1252) ?? String(data: data, encoding: .isoLatin1) else {
                throw Failure("\(file.path): cannot be decoded as Windows-1252")
            }
            return text
        }
        var reviews: [String] = []
        var bytes = 0
        while bytes < targetBytes {
            let review = originals[reviews.count % originals.count]
            reviews.append(review)
            bytes += review.utf8.count
        }
        return reviews
    }

    static func dataFolder() throws -> URL {
        let environment = ProcessInfo.processInfo.environment["CRITIC_SHARED_DATA"]
        let candidates = [environment, "../shared/data", "shared/data"].compactMap { $0 }
        for candidate in candidates {
            var isFolder: ObjCBool = false
            let path = candidate + "/scaledata/scale_whole_review"
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
                return URL(fileURLWithPath: candidate)
            }
        }
        throw Failure("scaledata not found in \(candidates.joined(separator: ", ")) "
            + "(run from the package root next to shared/, or set CRITIC_SHARED_DATA to the folder holding scaledata/)")
    }
}

extension TokenizerBenchmark {
    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
