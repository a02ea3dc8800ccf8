/// What a read produced besides the reviews: how many were read, which were skipped and why,
/// and what was recovered.
public struct CorpusReadReport: Sendable, Hashable {
    /// A review (or line) that could not be kept.
    public struct Skip: Sendable, Hashable, CustomStringConvertible {
        public var position: SourcePosition
        public var reason: String
        public var description: String { "\(position): \(reason)" }
    }

    /// Reviews handed to the caller.
    public var read = 0
    /// Reviews or lines left out, in input order.
    public var skipped: [Skip] = []
    /// XML errors libxml2 recovered from without losing the review (`--recover`), each as
    /// `file:line:column: message`.
    public var recovered: [String] = []
    /// Other things worth knowing that cost no review: reviews without a critic, ignored files.
    public var warnings: [String] = []
    /// Each input path with the format it was read as and the reviews it gave, in order.
    public var inputs: [Input] = []

    public struct Input: Sendable, Hashable {
        public var path: String
        public var format: CorpusFormat
        public var read: Int
    }

    public init() {}

    /// "read 1,000 reviews, skipped 2 (…:12: reason; …)" — one paragraph for stderr.
    public func summary(maximumListed: Int = 10) -> String {
        var text = "read \(read) review\(read == 1 ? "" : "s")"
        if !skipped.isEmpty {
            text += ", skipped \(skipped.count)"
            let listed = skipped.prefix(maximumListed).map(\.description)
            text += ":\n  " + listed.joined(separator: "\n  ")
            if skipped.count > maximumListed { text += "\n  … and \(skipped.count - maximumListed) more" }
        } else {
            text += ", skipped 0"
        }
        if !recovered.isEmpty {
            text += "\nrecovered from \(recovered.count) XML error\(recovered.count == 1 ? "" : "s"):\n  "
            text += recovered.prefix(maximumListed).joined(separator: "\n  ")
            if recovered.count > maximumListed { text += "\n  … and \(recovered.count - maximumListed) more" }
        }
        if !warnings.isEmpty {
            text += "\n\(warnings.count) warning\(warnings.count == 1 ? "" : "s"):\n  "
            text += warnings.prefix(maximumListed).joined(separator: "\n  ")
            if warnings.count > maximumListed { text += "\n  … and \(warnings.count - maximumListed) more" }
        }
        return text
    }
}
