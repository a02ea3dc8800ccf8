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

        var wall = Array(repeating: [Double](), count: variants.count)
        var cpu = Array(repeating: [Double](), count: variants.count)
        var tokens = Array(repeating: 0, count: variants.count)
        let trace = ProcessInfo.processInfo.environment["CRITIC_BENCH_TRACE"] != nil
        for _ in 0..<rounds {
            for (index, variant) in variants.enumerated() {
                if trace { FileHandle.standardError.write("start \(variant.label)\n".data(using: .utf8)!) }
                let start = DispatchTime.now().uptimeNanoseconds
                let startCPU = processCPUSeconds()
                tokens[index] = try variant.run()
                wall[index].append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
                cpu[index].append(processCPUSeconds() - startCPU)
            }
        }
        let median = { (values: [Double]) in values.sorted()[values.count / 2] }
        let seconds = wall.map(median)
        let cpuSeconds = cpu.map(median)
        print("MB/s and tokens/s per wall-clock second; CPU s = CPU time of all threads (median of \(rounds) rounds)")
        for (index, variant) in variants.enumerated() {
            print(String(format: "%@  %6.1f MB/s  %5.2f M tokens/s  wall %6.3f s  CPU %6.3f s  (%d tokens)",
                         variant.label.padding(toLength: 40, withPad: " ", startingAt: 0),
                         Double(bytes) / 1e6 / seconds[index], Double(tokens[index]) / 1e6 / seconds[index],
                         seconds[index], cpuSeconds[index], tokens[index]))
        }
        // On a machine shared with other jobs, wall time also measures their load; CPU time of a
        // one-thread run measures only our work, so both ratios are printed.
        print(String(format: "overhead of (b) over (a):  %+6.1f%% wall, %+6.1f%% CPU",
                     100 * (seconds[1] / seconds[0] - 1), 100 * (cpuSeconds[1] / cpuSeconds[0] - 1)))
        print(String(format: "overhead of (b′) over (a): %+6.1f%% wall, %+6.1f%% CPU",
                     100 * (seconds[2] / seconds[0] - 1), 100 * (cpuSeconds[2] / cpuSeconds[0] - 1)))
        // Busy cores = CPU s / wall s. With other jobs on the machine a process gets only its share
        // of the cores, so (c) against (b) is the figure that shows whether the parallel run used
        // two cores' worth of the time it was given.
        print(String(format: "speed-up of (c) over (b):  %.2f× wall; cores busy: (c) %.2f, (b) %.2f → (c) used %.2f× the CPU of (b) per second",
                     seconds[1] / seconds[3], cpuSeconds[3] / seconds[3], cpuSeconds[1] / seconds[1],
                     (cpuSeconds[3] / seconds[3]) / (cpuSeconds[1] / seconds[1])))
    }

    /// CPU time of the whole process (all threads): divided by wall time, how many cores worked.
    /// On a machine shared with other jobs the speed-up can hide a parallel run that did use both
    /// cores; this figure shows it.
    static func processCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
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
