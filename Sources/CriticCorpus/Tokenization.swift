import CriticSupport

/// How review text became a model's tokens: recorded in every model file (binary language
/// models, authorship bundles, RBM files) so that whatever reads the model later tokenizes new
/// text the same way.
///
/// Two methods: `whitespace` splits on spaces and tabs only, as KenLM's lmplz reads text that is
/// already tokenized; `icu` runs the `Tokenizer` (NFKC, case folding, UAX #29 word breaks) with
/// the recorded options. This is the one place where "spaces or ICU" is decided.
///
/// JSON form (with snake_case key conversion, as every file of the toolkit is written; stable
/// across versions):
///
///     {"method": "whitespace"}
///     {"method": "icu", "keep_punctuation": true, "case_folding": true, "nfkc": true,
///      "number_class_token": null, "locale": ""}
public enum Tokenization: Sendable, Hashable {
    /// Tokens separated by spaces, tabs or carriage returns; nothing else is changed.
    case whitespace
    /// ICU4C word breaks with these options.
    case icu(TokenizerOptions)

    /// ICU with the default options: what `critic` uses unless told otherwise.
    public static let `default` = Tokenization.icu(.default)

    /// The tokens of `text`.
    ///
    /// For many texts prefer `tokenize(_:threads:)` or `makeTokenizer()`: each call here compiles
    /// a new ICU break iterator.
    public func tokenize(_ text: String) throws(CorpusError) -> [String] {
        switch self {
        case .whitespace: return Self.splitOnWhitespace(text)
        case .icu(let options): return try Tokenizer(options: options).tokenize(text)
        }
    }

    /// The tokens of each text, in order, on up to `threads` workers.
    public func tokenize(_ texts: [String], threads: ThreadCount = .all) throws(CorpusError) -> [[String]] {
        switch self {
        case .whitespace: return texts.map(Self.splitOnWhitespace)
        case .icu(let options): return try Tokenizer.tokenize(texts, options: options, threads: threads)
        }
    }

    /// A reusable tokenizer for one thread (the ICU iterator is built once).
    public func makeTokenizer() throws(CorpusError) -> TextTokenizer {
        try TextTokenizer(self)
    }

    /// Pre-tokenized text, as KenLM reads it: tokens separated by spaces, tabs or `\r`.
    public static func splitOnWhitespace(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
    }

    /// One line per setting, for reports and `inspect` output ("icu, punctuation kept, …").
    public var summary: String {
        switch self {
        case .whitespace:
            return "whitespace (pre-tokenized text split on spaces)"
        case .icu(let options):
            var parts = ["icu"]
            parts.append(options.keepPunctuation ? "punctuation kept" : "punctuation dropped")
            parts.append(options.caseFolding ? "case folded" : "case kept")
            parts.append(options.nfkc ? "NFKC" : "no NFKC")
            switch options.numbers {
            case .keep: parts.append("numbers kept")
            case .classToken(let token): parts.append("numbers → \(token)")
            }
            parts.append(options.locale.isEmpty ? "root locale" : "locale \(options.locale)")
            return parts.joined(separator: ", ")
        }
    }
}

/// A tokenizer for one thread, whichever the method: built once, used for many texts.
public final class TextTokenizer {
    public let tokenization: Tokenization
    private let icu: Tokenizer?

    init(_ tokenization: Tokenization) throws(CorpusError) {
        self.tokenization = tokenization
        switch tokenization {
        case .whitespace: icu = nil
        case .icu(let options): icu = try Tokenizer(options: options)
        }
    }

    /// The tokens of `text`.
    public func tokenize(_ text: String) throws(CorpusError) -> [String] {
        guard let icu else { return Tokenization.splitOnWhitespace(text) }
        return try icu.tokenize(text)
    }
}

// MARK: - Codable

extension TokenizerOptions: Codable {
    // camelCase names: the toolkit's one JSON configuration (`convertToSnakeCase` /
    // `convertFromSnakeCase`) turns them into the snake_case keys of the files.
    private enum CodingKeys: String, CodingKey {
        case keepPunctuation, caseFolding, nfkc, numberClassToken, locale
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = TokenizerOptions.default
        let numberClass = try container.decodeIfPresent(String.self, forKey: .numberClassToken)
        self.init(keepPunctuation: try container.decodeIfPresent(Bool.self, forKey: .keepPunctuation) ?? defaults.keepPunctuation,
                  caseFolding: try container.decodeIfPresent(Bool.self, forKey: .caseFolding) ?? defaults.caseFolding,
                  nfkc: try container.decodeIfPresent(Bool.self, forKey: .nfkc) ?? defaults.nfkc,
                  numbers: numberClass.map { .classToken($0) } ?? .keep,
                  locale: try container.decodeIfPresent(String.self, forKey: .locale) ?? defaults.locale)
        if case .classToken(let token) = numbers, token.isEmpty || token.contains(where: \.isWhitespace) {
            throw DecodingError.dataCorruptedError(forKey: .numberClassToken, in: container,
                                                   debugDescription: "the number class token must be non-empty and hold no white space")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(keepPunctuation, forKey: .keepPunctuation)
        try container.encode(caseFolding, forKey: .caseFolding)
        try container.encode(nfkc, forKey: .nfkc)
        switch numbers {
        case .keep: try container.encodeNil(forKey: .numberClassToken)
        case .classToken(let token): try container.encode(token, forKey: .numberClassToken)
        }
        try container.encode(locale, forKey: .locale)
    }
}

extension Tokenization: Codable {
    private enum CodingKeys: String, CodingKey { case method }
    private enum Method: String, Codable { case whitespace, icu }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(Method.self, forKey: .method) {
        case .whitespace: self = .whitespace
        case .icu: self = .icu(try TokenizerOptions(from: decoder))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .whitespace:
            try container.encode(Method.whitespace, forKey: .method)
        case .icu(let options):
            try container.encode(Method.icu, forKey: .method)
            try options.encode(to: encoder)
        }
    }
}
