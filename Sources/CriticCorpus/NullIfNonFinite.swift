/// A figure of a report that JSON writes as `null` when it is not finite.
///
/// JSON has no ∞ or NaN, and the toolkit's reports hold both legitimately: the perplexity of an
/// empty corpus, ln 0 for a word an unsmoothed model never saw, an AIS lower bound whose interval
/// reaches 0. The rule is the same for every report: a non-finite `Double` is written as `null`
/// and read back as NaN (which of ±∞ or NaN it was is not kept — readers see "no finite value").
/// Reports mark such fields with this wrapper (or call ``init(wrappedValue:)`` in a hand-written
/// `encode(to:)`); the report encoder (`ReportJSON` in CriticKit) leaves
/// `nonConformingFloatEncodingStrategy` at `.throw`, so a figure that skips the rule fails
/// loudly instead of writing a string or invalid JSON.
///
/// It lives in CriticCorpus because that is, for now, the module every report's module imports.
@propertyWrapper
public struct NullIfNonFinite: Codable, Sendable, Hashable {
    public var wrappedValue: Double

    public init(wrappedValue: Double) { self.wrappedValue = wrappedValue }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if wrappedValue.isFinite { try container.encode(wrappedValue) } else { try container.encodeNil() }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        wrappedValue = container.decodeNil() ? .nan : try container.decode(Double.self)
    }
}
