import ArgumentParser
import CriticKit
import CriticSupport

/// `critic train`: a corpus in, one n-gram model out.
struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train an n-gram language model on a corpus, or an authorship bundle (one model per critic) on a labelled corpus.",
        discussion: """
        Each review is one sequence <s> w1 … wn </s>. The vocabulary is the corpus's words (those \
        seen at least --min-count times; the others become <unk>). The output format follows the \
        extension of --output: .arpa writes ARPA text (log10, loadable by KenLM and SRILM; Kneser–Ney \
        only), anything else the binary model file. Warnings (e.g. discounts replaced by the \
        fallback on tiny data) go to stderr.

        When the reviews carry critics (a folder of <critic>.txt files, the scale dataset, a folder \
        per critic, TSV or XML with a critic field), the output is an authorship bundle folder \
        (e.g. models/authorship.bundle) for `critic classify` and `critic eval`: one model per \
        critic over one shared vocabulary, critic priors from review counts, a pooled background \
        model (--background, --background-weight); --single-model trains one model over all \
        reviews instead.
        """)

    @OptionGroup var corpus: CorpusOptions
    @OptionGroup var tokens: ModelTokenFlags

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Where to write the model (.arpa: ARPA text; otherwise binary).", valueName: "path"))
    var output: String

    @OptionGroup var protection: OutputProtection

    @OptionGroup var model: ModelTrainingOptions

    @Flag(help: "On a labelled corpus, train one model over all reviews instead of an authorship bundle.")
    var singleModel = false

    func validate() throws {
        if output.lowercased().hasSuffix(".arpa") && model.estimator != .mkn {
            throw ValidationError("ARPA output needs --estimator mkn (MLE and add-k models do not back off); write a binary model instead.")
        }
    }

    func run() throws {
        try reportingFailures {
            // Read once: standard input cannot be read twice.
            var reviews: [Review] = []
            try corpus.forEachReview { reviews.append($0) }
            if !singleModel && LabelledCorpus.isLabelled(reviews) { return try trainBundle(reviews) }
            try protection.check(output, as: output.lowercased().hasSuffix(".arpa") ? .arpaModel : .binaryModel,
                                 inputs: corpus.paths)
            let training = model.languageModelTraining(threads: tokens.threads)
            let estimate = try training.train(reviews.map(\.text), tokenization: tokens.tokenizer.tokenization,
                                              provenance: provenance)
            for warning in estimate.warnings { printError("critic: warning: \(warning)") }
            try saveLanguageModel(estimate.model, to: output)
            let counts = estimate.model.ngramCounts.enumerated().map { "\($0.offset + 1)-grams \($0.element)" }.joined(separator: ", ")
            printError("critic: wrote \(output): \(reviews.count) reviews, vocabulary \(estimate.model.vocabulary.count), \(counts)")
        }
    }

    /// What the model records about this run: the corpus and the command line.
    var provenance: Provenance {
        Provenance(corpus: corpus.paths.isEmpty ? ["-"] : corpus.paths, command: recordedCommand())
    }

    /// The labelled-corpus path: an authorship bundle.
    func trainBundle(_ reviews: [Review]) throws {
        if output.lowercased().hasSuffix(".arpa") {
            throw ValidationError("The corpus names its critics, so train writes an authorship bundle folder (e.g. -o models/authorship.bundle); for one ARPA model over all reviews add --single-model.")
        }
        try protection.check(output, as: .bundle, inputs: corpus.paths)
        let pipeline = BundleTraining(tokenization: tokens.tokenizer.tokenization,
                                      training: model.authorshipTraining(threads: tokens.threads), threads: ThreadCount(tokens.threads))
        let (bundle, warnings) = try pipeline.train(reviews, provenance: provenance)
        for warning in warnings { printError("critic: warning: \(warning)") }
        let model = bundle.model
        if model.critics.count < 2 {
            printError("critic: warning: the corpus has one critic only ('\(model.critics[0])'): classification needs two or more")
        }
        try bundle.save(to: output)
        let sizes = zip(model.critics, model.reviewCounts).map { "\($0) \($1)" }.joined(separator: ", ")
        printError("critic: wrote \(output): \(model.critics.count) critics (reviews: \(sizes)), shared vocabulary \(model.vocabulary.count)")
    }
}
