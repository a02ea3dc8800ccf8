/// One review and who wrote it.
///
/// `critic` is `nil` for unlabelled text (a plain file with one review per line and no critic).
/// `source` records where the review came from, so that errors and reports can point at it.
public struct Review: Sendable, Hashable {
    /// The critic who wrote the review, or `nil` when the corpus carries no authorship.
    public var critic: String?
    /// A stable identifier: the corpus's own id when it has one, otherwise the position in the file.
    public var id: String
    /// The review's text, as UTF-8 Swift text (already transcoded from the input's encoding).
    public var text: String
    /// Optional metadata: `rating`, `title` and anything a field mapping adds.
    public var fields: [String: String]
    /// Where the review starts in its input.
    public var source: SourcePosition?

    public init(critic: String?, id: String, text: String, fields: [String: String] = [:],
                source: SourcePosition? = nil) {
        self.critic = critic
        self.id = id
        self.text = text
        self.fields = fields
        self.source = source
    }

    /// The rating, when the corpus gives one (`fields["rating"]`).
    public var rating: String? { fields["rating"] }
    /// The title, when the corpus gives one (`fields["title"]`).
    public var title: String? { fields["title"] }
}

/// A place in an input file: its path and 1-based line (and column when known).
public struct SourcePosition: Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int?

    public init(path: String, line: Int, column: Int? = nil) {
        self.path = path
        self.line = line
        self.column = column
    }

    /// `path:line` or `path:line:column`, the form compilers and editors understand.
    public var description: String {
        if let column { return "\(path):\(line):\(column)" }
        return "\(path):\(line)"
    }
}
