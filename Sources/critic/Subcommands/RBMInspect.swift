import ArgumentParser
import CriticKit
import CriticSupport

/// `critic rbm inspect`: what the hidden units respond to, and what the model dreams.
struct RBMInspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show each hidden unit's strongest words and Gibbs \"fantasy\" reviews.")

    @Argument(help: "A model written by `critic rbm train` (default: the RBM in models/).") var model = DefaultModels.rbmPath
    @Option(help: "Hidden units to show (the first N).") var units = 20
    @Option(help: "Words per hidden unit and per fantasy.") var words = 10
    @Option(help: "Fantasy reviews to sample.") var fantasies = 5
    @Option(help: "Gibbs sweeps before a fantasy is read.") var gibbsSteps = 1000
    @Option(help: "Seed of the Gibbs chains.") var seed: UInt64 = 0

    func validate() throws {
        if units < 0 || words < 1 || fantasies < 0 || gibbsSteps < 1 {
            throw ValidationError("--units and --fantasies cannot be negative; --words and --gibbs-steps must be at least 1.")
        }
        try OptionLimits.require(words, in: 1...100_000, "--words")
        try OptionLimits.require(fantasies, in: 0...100_000, "--fantasies")
        try OptionLimits.require(gibbsSteps, in: 1...10_000_000, "--gibbs-steps")
    }

    func run() throws {
        try reportingFailures {
            let (rbm, features, metadata) = try withFlagHints { try ModelSource(path: model).rbm() }
            print("V = \(rbm.visibleCount) words, H = \(rbm.hiddenCount) hidden units\(metadata["training"].map { "; trained with \($0)" } ?? "")")
            print("tokenization: \(features.tokenization.summary)")
            for unit in 0..<min(units, rbm.hiddenCount) {
                let top = rbm.topTerms(ofHiddenUnit: unit, count: words)
                print("h\(unit): " + top.map { "\($0.term) (\(String(format: "%.2f", $0.weight)))" }.joined(separator: " "))
            }
            guard fantasies > 0 else { return }
            var generator = SeededGenerator(seed: seed)
            print("fantasies after \(gibbsSteps) Gibbs sweeps (most probable words):")
            for (index, fantasy) in rbm.fantasies(count: fantasies, steps: gibbsSteps, wordCount: words,
                                                  generator: &generator).enumerated() {
                print("\(index + 1): " + fantasy.map { "\($0.term) (\(String(format: "%.2f", $0.probability)))" }.joined(separator: " "))
            }
        }
    }
}
