/// What each column of a TSV corpus holds: `critic<TAB>text` and `critic<TAB>id<TAB>text` are the
/// documented layouts (chosen by a header line, or per line by its column count); any other is
/// given by the user as `--tsv-columns`.
///
/// A mapping lists the columns in order — `critic,id,text`, `id,_,text,critic` (`_` or `-` for a
/// column to ignore) — or places each field by its 1-based column number: `text=3,critic=1` (the
/// line then has as many columns as the highest number). Every line must have exactly the mapped
/// number of columns: a tab inside a text is an error with its line number (skipped with
/// `--recover`), never silently folded into the text.
public struct TSVColumns: Sendable, Hashable, CustomStringConvertible {
    public enum Field: String, Sendable, Hashable, CaseIterable { case critic, id, text }

    /// The field of each column, nil for an ignored one.
    public let columns: [Field?]

    public static let criticText = TSVColumns(checked: [.critic, .text])
    public static let criticIDText = TSVColumns(checked: [.critic, .id, .text])

    /// A line of more columns than this is refused outright, before it is split.
    public static let maximumColumns = 1024

    private init(checked columns: [Field?]) { self.columns = columns }

    /// Parses a mapping, or says in one phrase why it is not one.
    public static func parse(_ text: String) -> Result<TSVColumns, MappingError> {
        let items = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingWhiteSpace().lowercased() }
        var columns: [Field?] = []
        if items.contains(where: { $0.contains("=") }) {
            var placed: [Int: Field] = [:]
            for item in items {
                let parts = item.split(separator: "=", omittingEmptySubsequences: false)
                guard parts.count == 2, let field = Field(rawValue: String(parts[0])),
                      let number = Int(parts[1]), (1...maximumColumns).contains(number) else {
                    return .failure(MappingError("'\(item)' is not FIELD=COLUMN (a field of critic, id, text and a column number from 1 to \(maximumColumns))"))
                }
                guard placed[number] == nil else { return .failure(MappingError("column \(number) is mapped twice")) }
                placed[number] = field
            }
            columns = (1...(placed.keys.max() ?? 1)).map { placed[$0] }
        } else {
            for item in items {
                if item == "_" || item == "-" { columns.append(nil); continue }
                guard let field = Field(rawValue: item) else {
                    return .failure(MappingError("'\(item)' is not a column name (use critic, id, text, or _ for a column to ignore)"))
                }
                columns.append(field)
            }
        }
        guard columns.count <= maximumColumns else { return .failure(MappingError("more than \(maximumColumns) columns")) }
        for field in Field.allCases {
            let count = columns.filter { $0 == field }.count
            if count > 1 { return .failure(MappingError("\(field.rawValue) is mapped \(count) times")) }
            if field == .text && count == 0 { return .failure(MappingError("no column holds the text")) }
        }
        return .success(TSVColumns(checked: columns))
    }

    public struct MappingError: Error, Sendable, Equatable, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }

    public func column(of field: Field) -> Int? { columns.firstIndex(of: field) }

    /// Whether a header line names these columns (`critic<TAB>id<TAB>text`, `_` for ignored ones).
    func isHeader(_ names: [String]) -> Bool {
        names.count == columns.count && zip(names, columns).allSatisfy { name, field in
            field.map { $0.rawValue == name } ?? true
        } && columns.contains(where: { $0 != nil })
    }

    public var description: String { columns.map { $0?.rawValue ?? "_" }.joined(separator: ",") }
}
