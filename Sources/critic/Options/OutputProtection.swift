import ArgumentParser
import CriticKit
import Foundation

/// `--force`, for every command that writes with `-o`: without it, `-o` writes a new path or
/// replaces only an output of the same kind that critic wrote, and never an input of the run.
struct OutputProtection: ParsableArguments {
    @Flag(help: "Replace whatever is at the output path, even something critic did not write or an input of this run.")
    var force = false

    /// What an output is, and how to recognise one that critic wrote.
    struct Kind: Sendable {
        var name: String
        var recognises: @Sendable (String) -> Bool

        static let binaryModel = Kind(name: "a binary language model") { NGramModel.isBinaryModelFile(at: $0) }
        static let arpaModel = Kind(name: "an ARPA model") { NGramModel.isARPAFile(at: $0) }
        static let bundle = Kind(name: "an authorship bundle") { ModelBundle.isWrittenBundle(at: $0) }
        static let rbmModel = Kind(name: "an RBM model") { BernoulliRBM.isModelFile(at: $0) }
        static let trainingHistory = Kind(name: "an RBM training history") {
            OutputTarget.file($0, startsWith: Data("[".utf8))
        }
        static let embeddings = Kind(name: "embeddings") { EmbeddingFile.isEmbeddingOutput(at: $0) }
        static let projectorMetadata = Kind(name: "embedding metadata") {
            OutputTarget.file($0, startsWith: Data("critic\tid\n".utf8))
        }
    }

    /// Throws unless `path` may receive an output of `kind` (see the type's documentation).
    func check(_ path: String, as kind: Kind, inputs: [String]) throws {
        do {
            try OutputTarget.check(path, kind: kind.name, recognises: kind.recognises, inputs: inputs, force: force)
        } catch {
            throw OutputRefused(underlying: error)
        }
    }

    /// The library's refusal, plus the flag that overrides it.
    struct OutputRefused: Error, CustomStringConvertible {
        var underlying: FileOutputError
        var description: String { "\(underlying.description); --force replaces it anyway" }
    }
}
