import ArgumentParser
import CriticKit
import CriticSupport
import Foundation


/// `critic eval`: how well per-critic language models tell critics apart.
struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Evaluate authorship classification: k-fold cross-validation or a train/test split.",
        discussion: """
        With --folds K, review i of each critic (its i-th review in corpus order) is tested in fold \
        i mod K, and the other folds train one model per critic over one shared vocabulary; the \
        vocabulary, background and priors come from the training folds only. With --test CORPUS, \
        the whole corpus trains and CORPUS tests. Prints accuracy (overall and mean over folds), \
        macro-F1, per-critic precision/recall/F1 and the confusion matrix (rows: true critic).
        """)

    @OptionGroup var corpus: CorpusOptions
    @OptionGroup var tokens: ModelTokenFlags

    @Option(help: "Number of cross-validation folds (ignored with --test).")
    var folds = 10

    @Option(help: ArgumentHelp("A labelled test corpus (same format options): train on CORPUS, test on this.", valueName: "path"))
    var test: String?

    @Option(name: [.short, .customLong("model")], help: ArgumentHelp("Evaluate this existing authorship bundle on --test instead of training one (give no CORPUS).", valueName: "path"))
    var bundlePath: String?

    @OptionGroup var model: ModelTrainingOptions

    @Flag(name: .customLong("no-prior"), help: "Uniform critic priors instead of review counts.")
    var noPrior = false

    @Flag(help: "Print the figures as one JSON object on stdout.")
    var json = false

    func validate() throws {
        if test == nil && folds < 2 { throw ValidationError("--folds must be at least 2 (or give --test CORPUS).") }
        try OptionLimits.require(folds, in: 2...1_000, "--folds")
        if bundlePath != nil {
            if test == nil { throw ValidationError("--model evaluates an existing bundle on a test corpus: give --test CORPUS.") }
            if !corpus.paths.isEmpty { throw ValidationError("--model evaluates an existing bundle: give no training CORPUS (or drop --model to train one).") }
        }
    }

    var pipeline: BundleTraining {
        BundleTraining(tokenization: tokens.tokenizer.tokenization, training: model.authorshipTraining(threads: tokens.threads),
                       threads: ThreadCount(tokens.threads))
    }

    func run() throws {
        try reportingFailures {
            if let bundlePath, let test { return try evaluateBundle(bundlePath, on: test) }
            let started = Date()
            let pipeline = self.pipeline
            var reviews: [Review] = []
            try corpus.forEachReview { reviews.append($0) }
            let labelled = try pipeline.labelledCorpus(reviews)
            var report: EvaluationReport
            var progress = ProgressLine()
            if let test {
                var testReviews: [Review] = []
                let reader = CorpusReader(paths: [test], options: try corpus.reader.options)
                _ = try reader.forEach { testReviews.append($0) }
                let testCorpus = try pipeline.labelledCorpus(testReviews)
                progress.update("training on \(labelled.count) reviews, testing on \(testCorpus.count)")
                report = try pipeline.training.evaluateSplit(training: labelled, test: testCorpus, usePrior: !noPrior)
            } else {
                progress.update("counting \(labelled.count) reviews")
                report = try pipeline.training.crossValidate(labelled, folds: folds, usePrior: !noPrior) { step in
                    progress.update("fold \(step.foldsDone)/\(step.folds): accuracy \(percent(step.lastAccuracy))")
                }
            }
            progress.clear()
            for warning in report.warnings { printError("critic: warning: \(warning)") }
            report.seconds = Date().timeIntervalSince(started)
            let output = BufferedOutput()
            output.write(json ? try ReportJSON.line(report) : EvaluationFormatting.text(report))
            output.flush()
        }
    }
}

extension Eval {
    /// `eval --model BUNDLE --test CORPUS`: the bundle's own tokenization reads the test corpus.
    func evaluateBundle(_ path: String, on test: String) throws {
        let started = Date()
        let (bundle, tokenization) = try withFlagHints { try ModelSource(path: path).bundle(requested: tokens.tokenizer.request) }
        var testReviews: [Review] = []
        let reader = CorpusReader(paths: [test], options: try corpus.reader.options)
        _ = try reader.forEach { testReviews.append($0) }
        let testCorpus = try BundleTraining(tokenization: tokenization, threads: ThreadCount(tokens.threads)).labelledCorpus(testReviews)
        guard bundle.model.critics.count >= 2 else { throw AuthorshipError.tooFewCritics(found: bundle.model.critics) }
        var report = try bundle.model.evaluate(testCorpus, usePrior: !noPrior, threads: ThreadCount(tokens.threads))
        report.seconds = Date().timeIntervalSince(started)
        let output = BufferedOutput()
        output.write(json ? try ReportJSON.line(report) : EvaluationFormatting.text(report))
        output.flush()
    }
}

func percent(_ fraction: Double) -> String { String(format: "%.2f %%", fraction * 100) }

/// The text layout of an evaluation report.
enum EvaluationFormatting {
    static func text(_ report: EvaluationReport) -> String {
        var lines: [String] = []
        let overall = report.overall
        let seconds = report.seconds ?? 0
        if let folds = report.crossValidationFolds {
            lines.append("\(folds)-fold cross-validation (fold = review index mod \(folds) within each critic), \(overall.total) reviews, \(String(format: "%.1f", seconds)) s")
            lines.append("fold  reviews  accuracy  macro-F1")
            for (index, fold) in report.folds.enumerated() {
                lines.append(pad(String(index), 4) + "  " + pad(String(fold.total), 7) + "  " + pad(percent(fold.accuracy), 8) + "  " + pad(percent(fold.macroF1), 8))
            }
            lines.append("mean over folds: accuracy \(percent(report.meanFoldAccuracy)), macro-F1 \(percent(report.meanFoldMacroF1))")
        } else {
            lines.append("train/test split, \(overall.total) test reviews, \(String(format: "%.1f", seconds)) s")
        }
        lines.append("overall: accuracy \(percent(overall.accuracy)) (\(overall.correct)/\(overall.total)), macro-F1 \(percent(overall.macroF1))")
        lines.append("")
        let width = Swift.max(6, overall.critics.map(\.count).max() ?? 0)
        lines.append(pad("critic", width, left: true) + "  precision     recall         F1  reviews")
        for figures in overall.perCritic {
            lines.append(pad(figures.critic, width, left: true) + "  " + pad(percent(figures.precision), 9) + "  " + pad(percent(figures.recall), 9)
                         + "  " + pad(percent(figures.f1), 9) + "  " + pad(String(figures.support), 7))
        }
        lines.append("")
        lines.append("confusion (rows: true critic, columns: predicted, in the order above)")
        let cell = Swift.max(5, String(overall.total).count + 1)
        for (row, critic) in overall.critics.enumerated() {
            lines.append(pad(critic, width, left: true) + overall.confusion[row].map { pad(String($0), cell) }.joined())
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
        let fill = String(repeating: " ", count: Swift.max(0, width - text.count))
        return left ? text + fill : fill + text
    }
}
