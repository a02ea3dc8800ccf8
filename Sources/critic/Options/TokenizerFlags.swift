import ArgumentParser
import CriticKit

/// How text becomes tokens; the same flags, with the same meaning, on every command that
/// tokenizes. They build a `TokenizationRequest`: a command that trains records the resulting
/// `Tokenization`; a command that reads a model takes the model's record and refuses a flag that
/// contradicts it (see `ModelSource`).
struct TokenizerFlags: ParsableArguments {
    enum NumberHandling: String, ExpressibleByArgument, CaseIterable {
        case keep, `class`
    }

    @Flag(help: "The text is already tokenized: split on spaces only, skipping ICU (to compare with KenLM on identical tokens).")
    var pretokenized = false

    @Flag(name: .customLong("no-punctuation"), help: "Drop punctuation tokens (kept by default: punctuation is style).")
    var noPunctuation = false

    @Flag(name: .customLong("no-case-folding"), help: "Keep letter case (folded by default).")
    var noCaseFolding = false

    @Flag(name: .customLong("no-nfkc"), help: "Skip NFKC normalization.")
    var noNFKC = false

    @Option(help: "Keep each number as its own token (default), or map every number to the --number-token.")
    var numbers: NumberHandling?

    @Option(help: ArgumentHelp("The token every number becomes with --numbers class (default <num>).", valueName: "token"))
    var numberToken: String?

    @Option(help: ArgumentHelp("ICU locale of the word-break rules, e.g. th, ja, sv (default: the root locale, which has the CJK and Thai dictionaries).", valueName: "id"))
    var locale: String?

    func validate() throws {
        if let numberToken {
            if numberToken.isEmpty || numberToken.contains(where: \.isWhitespace) {
                throw ValidationError("--number-token must be one token: non-empty, without spaces.")
            }
            if numbers != .class { throw ValidationError("--number-token needs --numbers class.") }
        }
        if pretokenized && (noPunctuation || noCaseFolding || noNFKC || numbers != nil || locale != nil) {
            throw ValidationError("--pretokenized splits on spaces only; drop the ICU options (--no-punctuation, --no-case-folding, --no-nfkc, --numbers, --locale) or --pretokenized.")
        }
    }

    /// What the flags say; nil for each setting not given.
    var request: TokenizationRequest {
        var request = TokenizationRequest()
        if pretokenized { request.whitespace = true }
        if noPunctuation { request.keepPunctuation = false }
        if noCaseFolding { request.caseFolding = false }
        if noNFKC { request.nfkc = false }
        switch numbers {
        case .keep: request.numbers = .keep
        case .class: request.numbers = .classToken(numberToken ?? "<num>")
        case nil: break
        }
        request.locale = locale
        return request
    }

    /// The tokenization a command that trains (or reads raw text without a model) uses.
    var tokenization: Tokenization { request.tokenization }

    /// The flag that sets a tokenization setting, for messages.
    static func flag(for setting: TokenizationConflict.Setting) -> String {
        switch setting {
        case .method: return "--pretokenized"
        case .punctuation: return "--no-punctuation"
        case .caseFolding: return "--no-case-folding"
        case .nfkc: return "--no-nfkc"
        case .numbers: return "--numbers/--number-token"
        case .locale: return "--locale"
        }
    }
}
