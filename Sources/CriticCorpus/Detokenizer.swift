/// Tokens back to readable text: the inverse of tokenization, as far as spacing goes.
///
/// A space separates tokens except where English typography has none:
/// - before closing punctuation and clitics: `, . ! ? ; : ) ] } % …` and `n't 's 're 've 'll 'd 'm`;
/// - after opening brackets and quotes: `( [ { “ ‘ «`;
/// - inside straight double quotes, which alternate: the first of a pair opens (no space after),
///   the second closes (no space before) — the scale dataset writes every quote as `"`.
/// `--` and `-` keep their spaces (a dash between words, as the corpora write it).
///
/// With `capitalizeSentences`, the first letter of the text and of every token after `. ! ?`
/// (past any opening quote or bracket) is upper-cased, and so is the pronoun `i` (`i`, `i'm`, `i've`):
/// corpora are often case-folded, readers are not. Tokens are otherwise left as they are.
public struct Detokenizer: Sendable {
    public var capitalizeSentences: Bool

    public init(capitalizeSentences: Bool = false) {
        self.capitalizeSentences = capitalizeSentences
    }

    static let closing: Set<String> = [",", ".", "!", "?", ";", ":", ")", "]", "}", "%", "…", "...", "”", "’", "»",
                                       "n't", "'s", "'re", "'ve", "'ll", "'d", "'m", "’s", "n’t"]
    static let opening: Set<String> = ["(", "[", "{", "“", "‘", "«", "$"]
    static let sentenceEnds: Set<String> = [".", "!", "?", "...", "…"]

    /// The tokens joined with readable spacing.
    ///
    /// - Complexity: O(total characters).
    public func detokenize<S: Sequence>(_ tokens: S) -> String where S.Element == String {
        var text = ""
        var spaceAllowed = false  // false at the start and after an opening token
        var insideDoubleQuote = false
        var startOfSentence = true
        for token in tokens where !token.isEmpty {
            var glued: Bool
            var opens = Self.opening.contains(token)
            if token == "\"" {
                glued = insideDoubleQuote  // a closing quote sticks to the word before it
                opens = !insideDoubleQuote
                insideDoubleQuote.toggle()
            } else {
                glued = Self.closing.contains(token)
            }
            if !spaceAllowed { glued = true }
            if !glued { text += " " }
            if capitalizeSentences && (startOfSentence || token == "i" || token.hasPrefix("i'")), let first = token.first, first.isLetter {
                text += first.uppercased() + token.dropFirst()
                startOfSentence = false
            } else {
                text += token
                if token.first.map({ $0.isLetter || $0.isNumber }) == true { startOfSentence = false }
            }
            if Self.sentenceEnds.contains(token) { startOfSentence = true }
            spaceAllowed = !opens
        }
        return text
    }
}
