import ArgumentParser
import CriticKit
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
            let (rbm, metadata) = try BernoulliRBM.load(from: model)
            if !exact {
                // AIS keeps runs × (2H + V) floats of chains per base (--ais-runs 100000000 aborted
                // in the allocation).
                try OptionLimits.requireMemoryAtRun(4 * Double(aisRuns) * Double(2 * rbm.hiddenCount + rbm.visibleCount),
                                               for: "--ais-runs \(aisRuns) on a model of V = \(rbm.visibleCount), H = \(rbm.hiddenCount)",
                                               fix: "lower --ais-runs (100 is the usual)")
            }
            let features = try ReviewFeatures(model: rbm, metadata: metadata, path: model)
            let reviews = try corpus.loadReviews()
            let data = try features.matrix(reviews.map(\.text), threads: threads)
            var result: [String: Any] = ["model": model, "reviews": data.rowCount, "visible": rbm.visibleCount,
                                         "hidden": rbm.hiddenCount]
            let freeEnergy = rbm.freeEnergies(data).reduce(0, +) / Double(data.rowCount)
            var generator = SeededGenerator(seed: seed)
            let pseudo = rbm.stochasticPseudoLogLikelihood(data, generator: &generator)
            result["mean_free_energy"] = freeEnergy
            result["pseudo_log_likelihood"] = pseudo.reduce(0, +) / Double(pseudo.count)
            result["reconstruction_error"] = rbm.reconstructionError(data)
            let activity = rbm.hiddenUnitActivity(data)
            result["dead_fraction"] = activity.dead
            result["saturated_fraction"] = activity.saturated
            let logZ: Double
            if exact {
                logZ = try rbm.exactLogPartition()
                result["logZ_exact"] = logZ
            } else {
                if standardErrorIsTerminal { printError("AIS: \(aisRuns) runs × \(aisTemperatures) temperatures from two bases…") }
                let report = rbm.estimateLogPartition(data: data, runs: aisRuns, temperatures: aisTemperatures, seed: seed)
                logZ = report.logPartition
                result["ais"] = ["baseRate": Self.json(report.baseRate), "uniform": Self.json(report.uniform),
                                 "logPartition": report.logPartition, "disagreement": report.disagreement,
                                 "disagrees": report.disagrees]
                result["logZ_ais"] = logZ
                if report.disagrees {
                    printError(String(format: "warning: AIS from the base-rate model (log Z = %.2f) and from the uniform model (%.2f) disagree by %.2f nats; reporting the larger. Try more --ais-temperatures.",
                                      report.baseRate.logPartition, report.uniform.logPartition, report.disagreement))
                }
            }
            result["avg_log_likelihood"] = -freeEnergy - logZ
            if json {
                try printJSON(result)
                return
            }
            print("\(data.rowCount) reviews, V = \(rbm.visibleCount), H = \(rbm.hiddenCount)")
            if let ais = result["ais"] as? [String: Any], let baseRate = ais["baseRate"] as? [String: Any],
               let uniform = ais["uniform"] as? [String: Any] {
                for (name, estimate) in [("base-rate", baseRate), ("uniform", uniform)] {
                    print(String(format: "AIS from the %@ base: log Z = %.3f, ±3 s.e. [%.3f, %.3f], effective sample size %.1f of %ld", name,
                                 estimate["logPartition"] as! Double, estimate["lower"] as? Double ?? -.infinity,
                                 estimate["upper"] as! Double, estimate["effectiveSampleSize"] as! Double,
                                 estimate["runs"] as! Int))
                }
            }
            print(String(format: "log Z = %.3f (%@)", logZ, exact ? "exact" : "AIS, larger of two bases"))
            print(String(format: "average log-likelihood per review: %.3f nats", -freeEnergy - logZ))
            print(String(format: "mean free energy %.3f; pseudo-log-likelihood %.3f; reconstruction MSE %.5f",
                         freeEnergy, result["pseudo_log_likelihood"] as! Double, result["reconstruction_error"] as! Double))
            print(String(format: "hidden units: %.1f %% dead, %.1f %% saturated", 100 * activity.dead, 100 * activity.saturated))
        }
    }

    /// An AIS estimate as JSON; a lower bound of −∞ (the ±3 s.e. interval reaches 0) becomes null.
    static func json(_ estimate: AISEstimate) -> [String: Any] {
        ["logPartition": estimate.logPartition, "upper": estimate.upper,
         "lower": estimate.lower.isFinite ? estimate.lower : NSNull(),
         "baseLogPartition": estimate.baseLogPartition, "effectiveSampleSize": estimate.effectiveSampleSize,
         "runs": estimate.runs, "temperatures": estimate.temperatures, "seconds": estimate.seconds]
    }
}
