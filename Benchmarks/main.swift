// critic-bench: release-mode benchmarks. Each reports figures as ratios to a reference measured in
// the same run. Usage: critic-bench [NAME ...]   (no name: all of them)
import Foundation

/// Every benchmark: name → run. Each lives in its own file.
let benchmarks: [(name: String, run: () throws -> Void)] = [
    ("corpus-read", corpusReadBenchmark),
    ("tokenizer", TokenizerBenchmark.run),
    ("lm", languageModelBenchmark),
    ("rbm", runRBMTimingBenchmark),
    ("rbm-quality", runRBMQualityBenchmark),
    ("rbm-seeds", runRBMSeedsBenchmark),
    ("authorship", authorshipBenchmark),
    ("generation", GenerationBenchmark.run),
    ("correction", CorrectionBenchmark.run),
]

let requested = Set(CommandLine.arguments.dropFirst())
let unknown = requested.subtracting(benchmarks.map(\.name))
if !unknown.isEmpty {
    FileHandle.standardError.write("unknown benchmark(s): \(unknown.sorted().joined(separator: ", ")); known: \(benchmarks.map(\.name).joined(separator: ", "))\n".data(using: .utf8)!)
    exit(2)
}
for benchmark in benchmarks where requested.isEmpty || requested.contains(benchmark.name) {
    print("== \(benchmark.name)")
    try benchmark.run()
}
