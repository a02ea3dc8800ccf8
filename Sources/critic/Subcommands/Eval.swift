import ArgumentParser
import CriticKit
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

    @OptionGroup var model: ModelTrainingOptions

    @Flag(name: .customLong("no-prior"), help: "Uniform critic priors instead of review counts.")
    var noPrior = false

    @Flag(help: "Print the figures as one JSON object on stdout.")
    var json = false

    func validate() throws {
        if test == nil && folds < 2 { throw ValidationError("--folds must be at least 2 (or give --test CORPUS).") }
        try OptionLimits.require(folds, in: 2...1_000, "--folds")
    }

    var training: AuthorshipTraining { model.authorshipTraining(threads: tokens.threads) }

    func run() throws {
        try reportingFailures {
            let started = Date()
            let (reviews, sequences) = try tokens.reviewsAndTokens(corpus)
            let labelled = try LabelledCorpus(reviews: reviews, tokens: sequences)
            let report: EvaluationReport
            var progress = ProgressLine()
            if let test {
                var testReviews: [Review] = []
                let reader = CorpusReader(paths: [test], options: try corpus.reader.options)
                _ = try reader.forEach { testReviews.append($0) }
                let testTokens = try tokenizeReviews(testReviews, pretokenized: tokens.pretokenized,
                                                     options: tokens.tokenizer.tokenizerOptions, threads: tokens.threads)
                let testCorpus = try LabelledCorpus(reviews: testReviews, tokens: testTokens)
                progress.update("training on \(labelled.count) reviews")
                let trained = try training.train(tokens: labelled.tokens, critics: labelled.critics)
                guard trained.model.critics.count >= 2 else { throw AuthorshipError.tooFewCritics(found: trained.model.critics) }
                progress.update("testing on \(testCorpus.count) reviews")
                var result = try trained.model.evaluate(testCorpus, usePrior: !noPrior, threads: tokens.threads ?? 0)
                result.warnings = trained.warnings
                report = result
            } else {
                progress.update("counting \(labelled.count) reviews")
                report = try training.crossValidate(labelled, folds: folds, usePrior: !noPrior) { step in
                    progress.update("fold \(step.foldsDone)/\(step.folds): accuracy \(percent(step.lastAccuracy))")
                }
            }
            progress.clear()
            for warning in report.warnings { printError("critic: warning: \(warning)") }
            let seconds = Date().timeIntervalSince(started)
            let output = BufferedOutput()
            output.write(json ? EvaluationFormatting.json(report, folds: test == nil ? folds : nil, seconds: seconds)
                              : EvaluationFormatting.text(report, folds: test == nil ? folds : nil, seconds: seconds))
            output.flush()
        }
    }
}

func percent(_ fraction: Double) -> String { String(format: "%.2f %%", fraction * 100) }

/// The text and JSON layouts of an evaluation report.
enum EvaluationFormatting {
    static func text(_ report: EvaluationReport, folds: Int?, seconds: Double) -> String {
        var lines: [String] = []
        let overall = report.overall
        if let folds {
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

    static func json(_ report: EvaluationReport, folds: Int?, seconds: Double) -> String {
        func number(_ x: Double) -> String { x.isFinite ? String(format: "%.6f", x) : "null" }
        func matrix(_ m: [[Int]]) -> String { "[" + m.map { "[" + $0.map(String.init).joined(separator: ",") + "]" }.joined(separator: ",") + "]" }
        let overall = report.overall
        var fields: [String] = []
        fields.append("\"mode\":" + (folds == nil ? "\"split\"" : "\"cross-validation\""))
        if let folds { fields.append("\"k\":\(folds)") }
        fields.append("\"reviews\":\(overall.total)")
        fields.append("\"accuracy\":" + number(overall.accuracy))
        fields.append("\"macro_f1\":" + number(overall.macroF1))
        fields.append("\"mean_fold_accuracy\":" + number(report.meanFoldAccuracy))
        fields.append("\"mean_fold_macro_f1\":" + number(report.meanFoldMacroF1))
        fields.append("\"critics\":[" + overall.critics.map(jsonString).joined(separator: ",") + "]")
        fields.append("\"confusion\":" + matrix(overall.confusion))
        fields.append("\"per_critic\":[" + overall.perCritic.map {
            "{\"critic\":\(jsonString($0.critic)),\"precision\":\(number($0.precision)),\"recall\":\(number($0.recall)),\"f1\":\(number($0.f1)),\"support\":\($0.support)}"
        }.joined(separator: ",") + "]")
        fields.append("\"folds\":[" + report.folds.enumerated().map { index, fold in
            "{\"fold\":\(index),\"reviews\":\(fold.total),\"accuracy\":\(number(fold.accuracy)),\"macro_f1\":\(number(fold.macroF1)),\"confusion\":\(matrix(fold.confusion))}"
        }.joined(separator: ",") + "]")
        fields.append("\"warnings\":[" + report.warnings.map(jsonString).joined(separator: ",") + "]")
        fields.append("\"seconds\":" + number(seconds))
        return "{" + fields.joined(separator: ",") + "}\n"
    }

    static func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
        let fill = String(repeating: " ", count: Swift.max(0, width - text.count))
        return left ? text + fill : fill + text
    }
}
