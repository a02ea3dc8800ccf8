import Foundation

/// A document-frequency threshold: an absolute number of documents, or a fraction of them
/// (scikit-learn's CountVectorizer convention: `min_df=5` vs `max_df=0.5`).
public enum DocumentFrequencyBound: Sendable, Hashable, CustomStringConvertible {
    case count(Int)
    case fraction(Double)

    /// The bound as a number of documents out of `documentCount`.
    /// Fractions round up for lower bounds and down for upper bounds, so that `0.5` of 3 documents
    /// means "at least 2" as a minimum and "at most 1" as a maximum.
    func documents(of documentCount: Int, roundingUp: Bool) -> Int {
        switch self {
        case .count(let count): return count
        case .fraction(let fraction):
            let exact = fraction * Double(documentCount)
            return Int(roundingUp ? exact.rounded(.up) : exact.rounded(.down))
        }
    }

    /// Parses `5` as a count and `0.5` (anything with a decimal point) as a fraction in [0, 1].
    public init?(parsing text: String) {
        if text.contains(".") || text.contains("e") {
            guard let value = Double(text), value >= 0, value <= 1 else { return nil }
            self = .fraction(value)
        } else {
            guard let value = Int(text), value >= 0 else { return nil }
            self = .count(value)
        }
    }

    public var description: String {
        switch self {
        case .count(let count): return String(count)
        case .fraction(let fraction): return String(fraction)
        }
    }
}

/// How `BagOfWords` chooses its terms.
public struct BagOfWordsOptions: Sendable, Hashable {
    /// Keep at most this many terms, those in the most documents (`nil`: all).
    public var maxFeatures: Int?
    /// Drop terms in fewer documents than this.
    public var minDocumentFrequency: DocumentFrequencyBound
    /// Drop terms in more documents than this (very common words carry little about a review).
    public var maxDocumentFrequency: DocumentFrequencyBound
    /// Terms never kept.
    public var stopWords: Set<String>

    public init(maxFeatures: Int? = nil, minDocumentFrequency: DocumentFrequencyBound = .count(1),
                maxDocumentFrequency: DocumentFrequencyBound = .fraction(1.0), stopWords: Set<String> = []) {
        self.maxFeatures = maxFeatures
        self.minDocumentFrequency = minDocumentFrequency
        self.maxDocumentFrequency = maxDocumentFrequency
        self.stopWords = stopWords
    }

    /// A short English function-word list (articles, pronouns, auxiliaries, prepositions,
    /// conjunctions), for `--stop-words english`.
    /// The stop words `name` stands for: "english" (``englishStopWords``), else the words of
    /// the UTF-8 file at that path, one per line (surrounding spaces and blank lines ignored).
    public static func stopWords(named name: String) throws(CorpusError) -> Set<String> {
        if name == "english" { return englishStopWords }
        guard let data = FileManager.default.contents(atPath: name) else { throw CorpusError.missingFile(path: name) }
        guard let text = String(data: data, encoding: .utf8) else { throw CorpusError.io(path: name, message: "the stop-word list is not UTF-8 text") }
        return Set(text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    }

    public static let englishStopWords: Set<String> = [
        "a", "an", "the", "and", "or", "but", "nor", "so", "yet", "if", "then", "than", "as", "of", "at", "by",
        "for", "with", "about", "against", "between", "into", "through", "during", "before", "after", "above",
        "below", "to", "from", "up", "down", "in", "out", "on", "off", "over", "under", "again", "further",
        "once", "here", "there", "when", "where", "why", "how", "all", "any", "both", "each", "few", "more",
        "most", "other", "some", "such", "no", "not", "only", "own", "same", "too", "very", "can", "will",
        "just", "should", "now", "i", "me", "my", "myself", "we", "our", "ours", "ourselves", "you", "your",
        "yours", "yourself", "yourselves", "he", "him", "his", "himself", "she", "her", "hers", "herself",
        "it", "its", "itself", "they", "them", "their", "theirs", "themselves", "what", "which", "who", "whom",
        "this", "that", "these", "those", "am", "is", "are", "was", "were", "be", "been", "being", "have",
        "has", "had", "having", "do", "does", "did", "doing", "would", "could", "while", "because", "until",
    ]
}

/// A bag-of-words vocabulary chosen by document frequency, and the binary presence vectors it
/// gives each document.
///
/// Terms are ordered by decreasing document frequency, ties broken by the term's first
/// appearance in the corpus, so the columns are a deterministic function of the corpus and the
/// options. Unlike `Vocabulary` there are no reserved ids: every column is a real term.
public struct BagOfWords: Sendable, Equatable {
    /// The term of each column.
    public private(set) var terms: [String]
    /// In how many of the fitted documents each term appears.
    public private(set) var documentFrequencies: [Int]
    /// How many documents the vocabulary was chosen from.
    public private(set) var documentCount: Int
    private var columns: [String: Int32]

    /// A bag of words over `terms` in the given order (e.g. a model's saved vocabulary).
    public init(terms: [String], documentFrequencies: [Int]? = nil, documentCount: Int = 0) {
        self.terms = terms
        self.documentFrequencies = documentFrequencies ?? Array(repeating: 0, count: terms.count)
        self.documentCount = documentCount
        var columns: [String: Int32] = [:]
        for (index, term) in terms.enumerated() where columns[term] == nil { columns[term] = Int32(index) }
        self.columns = columns
    }

    /// Chooses the terms of `documents` (token lists) by document frequency.
    ///
    /// - Complexity: O(total tokens + distinct terms · log distinct terms).
    public init(fitting documents: [[String]], options: BagOfWordsOptions = BagOfWordsOptions()) {
        var order: [String] = []
        var frequency: [String: Int] = [:]
        var seen = Set<String>()
        for document in documents {
            seen.removeAll(keepingCapacity: true)
            for token in document where seen.insert(token).inserted {
                if let count = frequency[token] {
                    frequency[token] = count + 1
                } else {
                    frequency[token] = 1
                    order.append(token)
                }
            }
        }
        let minimum = options.minDocumentFrequency.documents(of: documents.count, roundingUp: true)
        let maximum = options.maxDocumentFrequency.documents(of: documents.count, roundingUp: false)
        var kept = order.enumerated().filter { _, term in
            let df = frequency[term]!
            return df >= minimum && df <= maximum && !options.stopWords.contains(term)
        }
        // Stable order: decreasing document frequency, then first appearance.
        kept.sort { lhs, rhs in
            let (l, r) = (frequency[lhs.element]!, frequency[rhs.element]!)
            return l != r ? l > r : lhs.offset < rhs.offset
        }
        if let maxFeatures = options.maxFeatures, kept.count > maxFeatures { kept.removeLast(kept.count - maxFeatures) }
        self.init(terms: kept.map(\.element), documentFrequencies: kept.map { frequency[$0.element]! },
                  documentCount: documents.count)
    }

    /// Number of columns.
    public var count: Int { terms.count }

    /// The column of `term`, or `nil` when it is not in the vocabulary.
    public func column(of term: String) -> Int? { columns[term].map(Int.init) }

    /// The binary presence matrix of `documents`: row d has a 1 in column t when term t occurs in
    /// document d. Terms outside the vocabulary are ignored.
    ///
    /// - Complexity: O(total tokens + non-zeros · log non-zeros per row).
    public func matrix(_ documents: [[String]]) -> BinaryMatrix {
        var rowOffsets = [0]
        rowOffsets.reserveCapacity(documents.count + 1)
        var indices: [Int32] = []
        var row: [Int32] = []
        for document in documents {
            row.removeAll(keepingCapacity: true)
            for token in document { if let column = columns[token] { row.append(column) } }
            row.sort()
            var previous: Int32 = -1
            for column in row where column != previous {
                indices.append(column)
                previous = column
            }
            rowOffsets.append(indices.count)
        }
        return BinaryMatrix(rowOffsets: rowOffsets, columnIndices: indices, columnCount: terms.count)
    }

    public static func == (lhs: BagOfWords, rhs: BagOfWords) -> Bool {
        lhs.terms == rhs.terms && lhs.documentFrequencies == rhs.documentFrequencies
            && lhs.documentCount == rhs.documentCount
    }
}

/// A sparse 0/1 matrix in compressed sparse row form (scipy's CSR without the data array: every
/// stored entry is 1). Rows are documents, columns are terms.
///
/// Invariant: within a row, column indices are strictly increasing and in 0 ..< columnCount.
public struct BinaryMatrix: Sendable, Equatable {
    /// Row r holds `columnIndices[rowOffsets[r] ..< rowOffsets[r + 1]]`; `rowOffsets.count == rowCount + 1`.
    public private(set) var rowOffsets: [Int]
    /// Column of each stored 1, row after row.
    public private(set) var columnIndices: [Int32]
    public let columnCount: Int

    public init(rowOffsets: [Int], columnIndices: [Int32], columnCount: Int) {
        precondition(rowOffsets.first == 0 && rowOffsets.last == columnIndices.count,
                     "CSR row offsets must start at 0 and end at the number of stored entries")
        self.rowOffsets = rowOffsets
        self.columnIndices = columnIndices
        self.columnCount = columnCount
    }

    /// A matrix from lists of active columns, one per row (sorted and deduplicated here).
    public init(rows: [[Int]], columnCount: Int) {
        var offsets = [0]
        var indices: [Int32] = []
        for row in rows {
            var previous = -1
            for column in row.sorted() where column != previous {
                precondition(column >= 0 && column < columnCount, "column \(column) outside 0..<\(columnCount)")
                indices.append(Int32(column))
                previous = column
            }
            offsets.append(indices.count)
        }
        self.init(rowOffsets: offsets, columnIndices: indices, columnCount: columnCount)
    }

    public var rowCount: Int { rowOffsets.count - 1 }
    /// Number of stored ones.
    public var nonZeroCount: Int { columnIndices.count }
    /// Fraction of entries that are 1.
    public var density: Double {
        rowCount == 0 || columnCount == 0 ? 0 : Double(nonZeroCount) / (Double(rowCount) * Double(columnCount))
    }

    /// The active columns of row `r`.
    @inlinable
    public func row(_ r: Int) -> ArraySlice<Int32> { columnIndices[rowOffsets[r]..<rowOffsets[r + 1]] }

    /// The sub-matrix of the given rows, in the given order.
    public func rows<S: Sequence>(_ selection: S) -> BinaryMatrix where S.Element == Int {
        var offsets = [0]
        var indices: [Int32] = []
        for r in selection {
            indices.append(contentsOf: row(r))
            offsets.append(indices.count)
        }
        return BinaryMatrix(rowOffsets: offsets, columnIndices: indices, columnCount: columnCount)
    }

    /// How many rows have a 1 in each column.
    public func columnCounts() -> [Int] {
        var counts = Array(repeating: 0, count: columnCount)
        for column in columnIndices { counts[Int(column)] += 1 }
        return counts
    }

    /// Row `r` as a dense 0/1 vector.
    public func denseRow(_ r: Int) -> [Float] {
        var dense = Array(repeating: Float(0), count: columnCount)
        for column in row(r) { dense[Int(column)] = 1 }
        return dense
    }
}
