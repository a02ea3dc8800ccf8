/// The tokenization settings a user asked for, each one optional: nil means "not said".
///
/// A command that reads a model resolves the request against the model's record: settings left
/// unsaid take the record's value, settings said and agreeing are fine, and a setting said and
/// contradicting the record is an error (`TokenizationConflict`) — text tokenized differently from
/// the training reviews would be scored by the wrong model, silently.
public struct TokenizationRequest: Sendable, Hashable {
    /// Split on white space only (the text is already tokenized).
    public var whitespace: Bool?
    public var keepPunctuation: Bool?
    public var caseFolding: Bool?
    public var nfkc: Bool?
    public var numbers: TokenizerOptions.Numbers?
    public var locale: String?

    public init(whitespace: Bool? = nil, keepPunctuation: Bool? = nil, caseFolding: Bool? = nil, nfkc: Bool? = nil,
                numbers: TokenizerOptions.Numbers? = nil, locale: String? = nil) {
        self.whitespace = whitespace
        self.keepPunctuation = keepPunctuation
        self.caseFolding = caseFolding
        self.nfkc = nfkc
        self.numbers = numbers
        self.locale = locale
    }

    /// The tokenization asked for, with the defaults for what was not said: what a command that
    /// trains a model, or reads one that records nothing (an ARPA file), uses.
    public var tokenization: Tokenization {
        if whitespace == true { return .whitespace }
        let defaults = TokenizerOptions.default
        return .icu(TokenizerOptions(keepPunctuation: keepPunctuation ?? defaults.keepPunctuation,
                                     caseFolding: caseFolding ?? defaults.caseFolding,
                                     nfkc: nfkc ?? defaults.nfkc,
                                     numbers: numbers ?? defaults.numbers,
                                     locale: locale ?? defaults.locale))
    }

    /// Whether any ICU-only setting was said.
    var saysICUSettings: Bool {
        keepPunctuation != nil || caseFolding != nil || nfkc != nil || numbers != nil || locale != nil
    }

    /// The tokenization to use with a model that recorded `recorded` (nil: the model records
    /// none, so the request decides).
    ///
    /// - Throws: `TokenizationConflict` naming the first setting that contradicts the record.
    public func resolve(against recorded: Tokenization?) throws(TokenizationConflict) -> Tokenization {
        guard let recorded else { return tokenization }
        switch recorded {
        case .whitespace:
            if whitespace == false || saysICUSettings {
                throw TokenizationConflict(setting: whitespace == false ? .method : firstICUSetting,
                                           recorded: recorded.summary, requested: "ICU tokenization")
            }
        case .icu(let options):
            if whitespace == true {
                throw TokenizationConflict(setting: .method, recorded: recorded.summary, requested: "whitespace splitting")
            }
            func check<T: Equatable>(_ said: T?, _ actual: T, _ setting: TokenizationConflict.Setting,
                                     _ describe: (T) -> String) throws(TokenizationConflict) {
                if let said, said != actual {
                    throw TokenizationConflict(setting: setting, recorded: describe(actual), requested: describe(said))
                }
            }
            try check(keepPunctuation, options.keepPunctuation, .punctuation) { $0 ? "punctuation kept" : "punctuation dropped" }
            try check(caseFolding, options.caseFolding, .caseFolding) { $0 ? "case folded" : "case kept" }
            try check(nfkc, options.nfkc, .nfkc) { $0 ? "NFKC applied" : "no NFKC" }
            try check(numbers, options.numbers, .numbers) {
                switch $0 {
                case .keep: return "numbers kept"
                case .classToken(let token): return "numbers mapped to \(token)"
                }
            }
            try check(locale, options.locale, .locale) { $0.isEmpty ? "the root locale" : "locale '\($0)'" }
        }
        return recorded
    }

    private var firstICUSetting: TokenizationConflict.Setting {
        if keepPunctuation != nil { return .punctuation }
        if caseFolding != nil { return .caseFolding }
        if nfkc != nil { return .nfkc }
        if numbers != nil { return .numbers }
        return .locale
    }
}

/// A tokenization setting asked for that contradicts a model's record.
public struct TokenizationConflict: Error, Sendable, Equatable, CustomStringConvertible {
    /// Which setting (the CLI maps it to its flag).
    public enum Setting: String, Sendable, CaseIterable {
        case method, punctuation, caseFolding = "case_folding", nfkc, numbers, locale
    }

    public var setting: Setting
    /// The model's value and the requested one, in words.
    public var recorded: String
    public var requested: String

    public init(setting: Setting, recorded: String, requested: String) {
        self.setting = setting
        self.recorded = recorded
        self.requested = requested
    }

    /// What differs, without the advice.
    public var mismatch: String {
        "the model was trained on text tokenized with \(recorded), but \(requested) was asked for"
    }

    public var description: String {
        mismatch + ": text must be tokenized as the training reviews were (leave the setting out to use the model's)"
    }
}
