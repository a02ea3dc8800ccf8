import ArgumentParser
import CriticKit
import CriticSupport
import Foundation

/// `critic rbm eval`: how well a trained RBM models a corpus.
struct RBMEval: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Average log-likelihood per review (exact or annealed importance sampling) and monitors.",
        discussion: """
            log p(v) = −F(v) − log Z. With --exact, log Z is computed by enumerating the smaller layer \
            (at most 24 units). Otherwise it is estimated by AIS (Salakhutdinov & Murray 2008) from two \
            base models, the corpus's base rates and the uniform model, keeping the larger estimate and \
            warning when they disagree by more than 1 nat.
            """)

    @Option(name: .shortAndLong, help: "A model written by `critic rbm train` (default: the RBM in models/).") var model = DefaultModels.rbmPath
    @OptionGroup var corpus: CorpusOptions
    @OptionGroup var tokenizer: TokenizerFlags
    @Flag(help: "Exact log Z by enumeration (small models only).") var exact = false
    @Option(help: "AIS chains per base.") var aisRuns = 100
    @Option(help: "AIS inverse temperatures (Salakhutdinov & Murray used 14,500).") var aisTemperatures = 14_500
    @Option(help: "Seed of AIS and of the pseudo-likelihood's random bits.") var seed: UInt64 = 0
    @Option(help: "OpenBLAS threads (default: all processors).") var threads: Int?
    @Flag(help: "Print the results as JSON on standard output.") var json = false

    func validate() throws {
        if aisRuns < 2 { throw ValidationError("--ais-runs must be at least 2 (the spread needs two runs).") }
        if aisTemperatures < 10 { throw ValidationError("--ais-temperatures must be at least 10.") }
        try OptionLimits.requireThreads(threads)
        try OptionLimits.require(aisTemperatures, in: 10...100_000_000, "--ais-temperatures")
    }

    func run() throws {
        try reportingFailures {
            if let threads { BLASControl.setThreads(threads) }
            let (rbm, features, _) = try withFlagHints { try ModelSource(path: model).rbm(requested: tokenizer.request) }
            if !exact {
                // AIS keeps runs × (2H + V) floats of chains per base (--ais-runs 100000000 aborted
                // in the allocation).
                try OptionLimits.requireMemoryAtRun(4 * Double(aisRuns) * Double(2 * rbm.hiddenCount + rbm.visibleCount),
                                               for: "--ais-runs \(aisRuns) on a model of V = \(rbm.visibleCount), H = \(rbm.hiddenCount)",
                                               fix: "lower --ais-runs (100 is the usual)")
            }
            let reviews = try corpus.loadReviews()
            let data = try features.matrix(reviews.map(\.text), threads: ThreadCount(threads))
            if !exact && standardErrorIsTerminal { printError("AIS: \(aisRuns) runs × \(aisTemperatures) temperatures from two bases…") }
            let report = try rbm.evaluate(data, model: model, exact: exact, aisRuns: aisRuns,
                                          aisTemperatures: aisTemperatures, seed: seed)
            if let ais = report.ais, ais.disagrees {
                printError(String(format: "warning: AIS from the base-rate model (log Z = %.2f) and from the uniform model (%.2f) disagree by %.2f nats; reporting the larger. Try more --ais-temperatures.",
                                  ais.baseRate.logPartition, ais.uniform.logPartition, ais.disagreement))
            }
            if json {
                print(try ReportJSON.line(report), terminator: "")
                return
            }
            print("\(report.reviews) reviews, V = \(report.visible), H = \(report.hidden)")
            if let ais = report.ais {
                for (name, estimate) in [("base-rate", ais.baseRate), ("uniform", ais.uniform)] {
                    print(String(format: "AIS from the %@ base: log Z = %.3f, ±3 s.e. [%.3f, %.3f], effective sample size %.1f of %ld", name,
                                 estimate.logPartition, estimate.lower, estimate.upper, estimate.effectiveSampleSize, estimate.runs))
                }
            }
            print(String(format: "log Z = %.3f (%@)", report.logPartition, report.exact ? "exact" : "AIS, larger of two bases"))
            print(String(format: "average log-likelihood per review: %.3f nats", report.averageLogLikelihood))
            print(String(format: "mean free energy %.3f; pseudo-log-likelihood %.3f; reconstruction MSE %.5f",
                         report.meanFreeEnergy, report.pseudoLogLikelihood, report.reconstructionError))
            print(String(format: "hidden units: %.1f %% dead, %.1f %% saturated", 100 * report.deadFraction, 100 * report.saturatedFraction))
        }
    }
}
