import ArgumentParser
import CriticKit
import CriticSupport

extension AuthorshipTraining.Background: ExpressibleByArgument {}

/// How models are estimated; shared by `critic train` and `critic eval` so that an evaluation
/// measures exactly what training builds.
struct ModelTrainingOptions: ParsableArguments {
    @Option(help: "Highest n-gram order, 1 to 5.")
    var order = 3

    @Option(help: "Estimator: mkn (interpolated modified Kneser–Ney, as KenLM lmplz), addk, or mle.")
    var estimator: EstimatorKind = .mkn

    @Option(help: "k of add-k smoothing (1 = Laplace).")
    var k = 1.0

    @Option(help: "Words seen fewer times than this in the training reviews become <unk>.")
    var minCount = 1

    @Option(help: "Bundles: a word enters the shared vocabulary only if some critic used it in at least this many training reviews (1: every word; 2: words that recur, not one review's topic).")
    var minReviews = 2

    @Option(help: "Bundles: where each critic's unigrams back off (mkn): pooled (all critics' unigrams) or uniform.")
    var background: AuthorshipTraining.Background = .pooled

    @Option(help: "Bundles: λ of the mixture (1 − λ)·critic model + λ·pooled model of all critics; 0 disables.")
    var backgroundWeight = 0.5

    func validate() throws {
        if !(1...5).contains(order) { throw ValidationError("--order must be 1 to 5 (3 is the default).") }
        // nan passed `k <= 0` and trapped in the estimator; inf gave perplexity -nan.
        if !(k > 0 && k.isFinite) { throw ValidationError("--k must be a positive finite number, such as 0.5 or 1; use --estimator mle for no smoothing.") }
        try OptionLimits.require(k, in: Double.leastNormalMagnitude...1e6, "--k", "larger k only flattens the model towards uniform")
        if minCount < 1 { throw ValidationError("--min-count must be at least 1.") }
        if minReviews < 1 { throw ValidationError("--min-reviews must be at least 1.") }
        if !(0..<1).contains(backgroundWeight) { throw ValidationError("--background-weight must be in [0, 1).") }
    }

    /// One model over all reviews.
    func languageModelTraining(threads: Int?) -> LanguageModelTraining {
        LanguageModelTraining(order: order, estimator: estimator, k: k, minCount: minCount, threads: ThreadCount(threads))
    }

    /// One model per critic over one vocabulary.
    func authorshipTraining(threads: Int?) -> AuthorshipTraining {
        AuthorshipTraining(order: order, estimator: estimator, k: k, minCount: minCount, minReviews: minReviews,
                           background: background, backgroundWeight: backgroundWeight, threads: ThreadCount(threads))
    }
}
