import ArgumentParser
import CriticKit
import CriticSupport

extension EstimatorKind: ExpressibleByArgument {}

/// How reviews become the tokens a language model sees, and the worker threads; shared by train,
/// eval, score and perplexity.
struct ModelTokenFlags: ParsableArguments {
    @OptionGroup var tokenizer: TokenizerFlags

    @Option(help: "Worker threads (default: every processor).")
    var threads: Int?

    func validate() throws {
        try OptionLimits.requireThreads(threads)
    }

    /// Reads every review of the corpus and tokenizes it as `tokenization` says (a model's, or
    /// the flags' own when training).
    func reviewsAndTokens(_ corpus: CorpusOptions, tokenization: Tokenization) throws -> (reviews: [Review], tokens: [[String]]) {
        var reviews: [Review] = []
        try corpus.forEachReview { reviews.append($0) }
        return (reviews, try tokenization.tokenize(reviews.map(\.text), threads: ThreadCount(threads)))
    }
}

/// `--model PATH [--critic NAME]`: the model a command reads, resolved by `ModelSource` with the
/// tokenization its text must go through. One definition for every command.
struct ModelPathOption: ParsableArguments {
    @Option(name: [.short, .customLong("model")], help: ArgumentHelp("An authorship bundle (choose the critic with --critic), a model file written by `critic train` (binary), or any ARPA file (KenLM, SRILM).", valueName: "path"))
    var model: String = ModelBundle.defaultPath

    @Option(help: ArgumentHelp("In an authorship bundle, the critic whose model to use.", valueName: "name"))
    var critic: String?

    var source: ModelSource { ModelSource(path: model, critic: critic) }

    /// The language model and the tokenization of its text; flag names added to the errors.
    func languageModel(_ tokenizer: TokenizerFlags) throws -> ModelSource.LanguageModelSelection {
        try withFlagHints { try source.languageModel(requested: tokenizer.request) }
    }
}

/// Runs `body`, turning model-resolution errors into messages that name the flag to change.
func withFlagHints<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as ModelSourceError {
        switch error {
        case .tokenizationConflict(let path, let conflict):
            throw CommandFailure("\(path): \(conflict.mismatch); drop \(TokenizerFlags.flag(for: conflict.setting)) (the model's own tokenization is used without it)")
        case .criticOfSingleModel(let path):
            throw CommandFailure("--critic selects a model inside an authorship bundle, and \(path) is a single model file; drop --critic or give a bundle.")
        case .missing, .unreadable, .folderIsNotABundle, .wrongKind:
            throw CommandFailure("\(error.description) (--model)")
        }
    }
}

/// A failure found while running (not while parsing): printed as `critic: <message>`, exit 1.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// The command line as a model records it: the arguments after `critic`, less what cannot change
/// the model — where the output was written (`-o`/`--output`), `--threads` and `--force` — so that
/// the same command writes the same bytes wherever it writes and on any core count.
func recordedCommand(_ arguments: [String] = CommandLine.arguments) -> [String] {
    var kept: [String] = []
    var skipNext = false
    for argument in arguments.dropFirst() {
        if skipNext { skipNext = false; continue }
        if argument == "-o" || argument == "--output" || argument == "--threads" { skipNext = true; continue }
        if argument.hasPrefix("--output=") || argument.hasPrefix("--threads=") || argument == "--force" { continue }
        kept.append(argument)
    }
    return kept
}
