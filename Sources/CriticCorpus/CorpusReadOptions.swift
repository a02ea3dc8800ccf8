/// How to read a corpus: its format (or detection), its encoding, whether to recover from
/// malformed XML, and where an XML schema keeps each field.
public struct CorpusReadOptions: Sendable, Hashable {
    /// The format, or nil to detect it from each path (`CorpusFormat.detect(path:)`).
    public var format: CorpusFormat?
    /// An ICU converter name ("windows-1252", "ISO-8859-1", "Shift_JIS"); nil means UTF-8,
    /// validated. For XML the name is handed to libxml2, which transcodes.
    public var encoding: String?
    /// Keep every review that libxml2's recovery can save (and, in TSV, skip malformed lines)
    /// instead of stopping at the first error. Skipped reviews are listed in the report.
    public var recover: Bool
    /// Where critic, id, text, title and rating live in XML.
    public var xml: XMLFieldMapping
    /// The columns of TSV input, or nil for the documented layouts (a header line, or per line
    /// `critic<TAB>text` / `critic<TAB>id<TAB>text`).
    public var tsvColumns: TSVColumns?

    public init(format: CorpusFormat? = nil, encoding: String? = nil, recover: Bool = false,
                xml: XMLFieldMapping = .default, tsvColumns: TSVColumns? = nil) {
        self.format = format
        self.encoding = encoding
        self.recover = recover
        self.xml = xml
        self.tsvColumns = tsvColumns
    }
}

/// Where a review's fields live in an XML dump.
///
/// The default schema:
///
/// ```xml
/// <reviews>
///   <review critic="Dennis Schwartz" id="29420" rating="0.3">
///     <title>…</title>
///     <text>…</text>
///   </review>
/// </reviews>
/// ```
///
/// Review elements are found at any depth (so a missing root element, as in dumps that are
/// a bare sequence of reviews, changes nothing under `--recover`). Fields are child elements of
/// the review (their text, descendants included, trimmed of surrounding white space) or
/// attributes of the review element. The Amazon multi-domain dump maps as
/// `XMLFieldMapping(critic: .child("reviewer"), id: .child("unique_id"), text: .child("review_text"),
/// title: .child("title"), rating: .child("rating"))`.
public struct XMLFieldMapping: Sendable, Hashable {
    /// Where one field is: a child element of the review, or an attribute of the review element.
    public enum Location: Sendable, Hashable, CustomStringConvertible {
        case child(String)
        case attribute(String)

        /// Parses `name` (a child element) or `@name` (an attribute).
        public init?(_ text: String) {
            if text.hasPrefix("@") {
                let name = String(text.dropFirst())
                guard Self.isName(name) else { return nil }
                self = .attribute(name)
            } else {
                guard Self.isName(text) else { return nil }
                self = .child(text)
            }
        }

        public var description: String {
            switch self {
            case .child(let name): return name
            case .attribute(let name): return "@" + name
            }
        }

        static func isName(_ text: String) -> Bool {
            guard let first = text.first, !first.isNumber, first != "-", first != "." else { return false }
            let forbidden: Set<Character> = [" ", "<", ">", "&", "\"", "'", "/", "=", "@", "\t", "\n"]
            return !text.contains(where: { forbidden.contains($0) })
        }
    }

    /// The name of the element that holds one review.
    public var reviewElement: String
    public var critic: Location?
    public var id: Location?
    public var text: Location
    public var title: Location?
    public var rating: Location?

    public init(reviewElement: String = "review", critic: Location? = .attribute("critic"),
                id: Location? = .attribute("id"), text: Location = .child("text"),
                title: Location? = .child("title"), rating: Location? = .attribute("rating")) {
        self.reviewElement = reviewElement
        self.critic = critic
        self.id = id
        self.text = text
        self.title = title
        self.rating = rating
    }

    public static let `default` = XMLFieldMapping()
}
