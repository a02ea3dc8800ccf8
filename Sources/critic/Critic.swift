import ArgumentParser
import CriticKit

/// `critic`: the table of contents. Each subcommand lives in Subcommands/.
@main
struct Critic: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "critic",
        abstract: "Study how critics write: corpora, trigram language models, authorship, RBM embeddings.",
        version: criticKitVersion,
        subcommands: [
            Demo.self,
            Models.self,
            Tokenize.self,
            CorpusCommand.self,
            Train.self,
            Score.self,
            Perplexity.self,
            Generate.self,
            Complete.self,
            Fill.self,
            Correct.self,
            RBM.self,
            Embed.self,
            Classify.self,
            Eval.self,
        ])
}
