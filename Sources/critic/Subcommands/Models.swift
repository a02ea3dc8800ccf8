import ArgumentParser
import CriticKit

/// `critic models rebuild`: retrains the repository's default models.
struct Models: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "The default models in models/.",
        subcommands: [Rebuild.self])

    struct Rebuild: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rebuild",
            abstract: "Retrain the default authorship bundle and RBM from the sample corpus (same seed, same bytes).")

        @Option(help: "The labelled corpus to train from.")
        var corpus = DefaultModels.corpus

        @Option(name: .shortAndLong, help: "The folder to write authorship.bundle and rbm.model into.")
        var output = DefaultModels.folder

        func run() throws {
            try reportingFailures {
                try DefaultModels.train(corpus: corpus, into: output)
                print("wrote \(output)/\(DefaultModels.authorshipBundle) and \(output)/\(DefaultModels.rbm)")
            }
        }
    }
}
