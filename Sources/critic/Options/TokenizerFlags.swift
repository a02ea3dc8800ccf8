import ArgumentParser
import CriticKit

/// How text becomes tokens; shared by every command that tokenizes. (Named `TokenizerFlags` so as
/// not to clash with CriticCorpus's `TokenizerOptions`, which it builds.)
struct TokenizerFlags: ParsableArguments {
    enum NumberHandling: String, ExpressibleByArgument, CaseIterable {
        case keep, `class`
    }

    @Flag(name: .customLong("no-punctuation"), help: "Drop punctuation tokens (kept by default: punctuation is style).")
    var noPunctuation = false

    @Flag(name: .customLong("no-case-folding"), help: "Keep letter case (folded by default).")
    var noCaseFolding = false

    @Flag(name: .customLong("no-nfkc"), help: "Skip NFKC normalization.")
    var noNFKC = false

    @Option(help: "Keep each number as its own token, or map every number to <num>.")
    var numbers: NumberHandling = .keep

    var tokenizerOptions: TokenizerOptions {
        TokenizerOptions(keepPunctuation: !noPunctuation, caseFolding: !noCaseFolding, nfkc: !noNFKC,
                         numbers: numbers == .keep ? .keep : .classToken("<num>"))
    }
}
