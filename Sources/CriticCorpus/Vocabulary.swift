import CriticSupport
import Foundation

/// A word's index in a `Vocabulary`. Ids are dense: 0 ..< vocabulary.count.
public typealias WordID = UInt32

/// The mapping between tokens and dense ids, with each token's training count.
///
/// Ids 0, 1, 2 are reserved for `<unk>`, `<s>` and `</s>` (KenLM's order), so that every model
/// built over one vocabulary agrees on them. Other tokens get ids in order of first appearance,
/// which makes a vocabulary a deterministic function of its corpus.
public struct Vocabulary: Sendable, Equatable {
    public static let unknownToken = "<unk>"
    public static let beginToken = "<s>"
    public static let endToken = "</s>"
    public static let unknownID: WordID = 0
    public static let beginID: WordID = 1
    public static let endID: WordID = 2
    /// Ids below this are the reserved `<unk>`, `<s>`, `</s>`.
    public static let reservedCount = 3
    /// The id of the first ordinary word: ids from here on are the corpus's words.
    public static let firstWordID = WordID(reservedCount)

    /// The vocabulary's rule for rare words: a word seen `count` times is kept when
    /// `count ≥ max(1, minCount)`, else it becomes `<unk>`. Every vocabulary the toolkit builds
    /// (single models, pretokenized text, the authorship bundle's shared vocabulary) asks here.
    public static func keeps(count: UInt64, minCount: Int) -> Bool { count >= UInt64(max(1, minCount)) }

    /// Whether `minCount` keeps every word seen at least once (no word becomes `<unk>`).
    public static func keepsEveryWord(minCount: Int) -> Bool { minCount <= 1 }

    /// Token of each id.
    public private(set) var tokens: [String]
    /// Training count of each id (for `<unk>`, the total count of the tokens cut off by `minCount`).
    public private(set) var counts: [UInt64]
    private var ids: [String: WordID]

    /// A vocabulary holding only the three reserved tokens.
    public init() {
        tokens = [Self.unknownToken, Self.beginToken, Self.endToken]
        counts = [0, 0, 0]
        ids = [Self.unknownToken: Self.unknownID, Self.beginToken: Self.beginID, Self.endToken: Self.endID]
    }

    /// A vocabulary over `tokens` in the given order, after the reserved tokens (a token that is
    /// already reserved, or repeated, keeps its first id).
    public init<S: Sequence>(tokens: S, counts: [UInt64]? = nil) where S.Element == String {
        self.init()
        for (index, token) in tokens.enumerated() {
            let id = add(token)
            if let counts { self.counts[Int(id)] = counts[index] }
        }
    }

    /// Counts the tokens of `sequences` and keeps those seen at least `minCount` times; the others
    /// map to `<unk>` and their counts go to `<unk>`'s count.
    ///
    /// - Complexity: O(total tokens).
    public init<S: Sequence>(counting sequences: S, minCount: Int = 1) where S.Element == [String] {
        var order: [String] = []
        var tally: [String: UInt64] = [:]
        for sequence in sequences {
            for token in sequence {
                if let count = tally[token] {
                    tally[token] = count + 1
                } else {
                    tally[token] = 1
                    order.append(token)
                }
            }
        }
        self.init(order: order, tally: tally, minCount: minCount)
    }

    /// Builds a vocabulary from tallies already made, in the given order of first appearance.
    public init(order: [String], tally: [String: UInt64], minCount: Int) {
        self.init()
        var unknown: UInt64 = 0
        for token in order {
            let count = tally[token, default: 0]
            if Self.keeps(count: count, minCount: minCount) || ids[token] != nil {
                let id = add(token)
                counts[Int(id)] += count
            } else {
                unknown += count
            }
        }
        counts[Int(Self.unknownID)] += unknown
    }

    /// Number of ids, reserved ones included.
    public var count: Int { tokens.count }

    /// Adds `token` if absent and returns its id.
    @discardableResult
    public mutating func add(_ token: String) -> WordID {
        if let id = ids[token] { return id }
        let id = WordID(tokens.count)
        tokens.append(token)
        counts.append(0)
        ids[token] = id
        return id
    }

    /// Adds `amount` to the count of `id`.
    public mutating func addCount(_ amount: UInt64, to id: WordID) {
        counts[Int(id)] += amount
    }

    /// The id of `token`, or `<unk>`'s id when the vocabulary does not hold it.
    @inlinable
    public func id(of token: String) -> WordID { lookup(token) ?? Self.unknownID }

    /// The id of `token`, or `nil` when the vocabulary does not hold it.
    public func lookup(_ token: String) -> WordID? { ids[token] }

    public func contains(_ token: String) -> Bool { ids[token] != nil }

    /// The token of `id`.
    public subscript(id: WordID) -> String {
        precondition(Int(id) < tokens.count, "word id \(id) is outside a vocabulary of \(tokens.count) words")
        return tokens[Int(id)]
    }

    /// The ids of `tokens`, unknown tokens mapped to `<unk>`.
    public func encode(_ tokens: [String]) -> [WordID] { tokens.map { id(of: $0) } }

    /// The tokens of `ids`.
    public func decode(_ ids: [WordID]) -> [String] { ids.map { self[$0] } }

    public static func == (lhs: Vocabulary, rhs: Vocabulary) -> Bool {
        lhs.tokens == rhs.tokens && lhs.counts == rhs.counts
    }
}

// MARK: - Files

extension Vocabulary {
    static let fileHeader = "#critickit-vocabulary 1"

    /// Text form: a header line, then `token<TAB>count` per id in id order. Tabs, newlines and
    /// backslashes inside tokens are escaped (`\t`, `\n`, `\\`), so any token survives a round trip.
    public func serialized() -> String {
        var text = Self.fileHeader + "\n"
        for (token, count) in zip(tokens, counts) {
            text += Self.escape(token) + "\t" + String(count) + "\n"
        }
        return text
    }

    /// Parses the text form written by `serialized()`.
    public init(serialized text: String, path: String = "<vocabulary>") throws(CorpusError) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        guard lines.first.map(String.init) == Self.fileHeader else {
            throw CorpusError.corruptVocabulary(path: path, reason: "missing header '\(Self.fileHeader)'")
        }
        var tokens: [String] = []
        var counts: [UInt64] = []
        for (index, line) in lines.dropFirst().enumerated() {
            guard let tab = line.lastIndex(of: "\t"), let count = UInt64(line[line.index(after: tab)...]) else {
                throw CorpusError.corruptVocabulary(path: path, reason: "line \(index + 2) is not token<TAB>count")
            }
            tokens.append(Self.unescape(line[..<tab]))
            counts.append(count)
        }
        guard tokens.count >= Self.reservedCount, tokens[0] == Self.unknownToken, tokens[1] == Self.beginToken,
              tokens[2] == Self.endToken else {
            throw CorpusError.corruptVocabulary(path: path, reason: "the first three tokens must be <unk>, <s>, </s>")
        }
        self.init()
        for (token, count) in zip(tokens, counts) {
            let id = add(token)
            guard Int(id) == self.tokens.count - 1 || id < Self.firstWordID else {
                throw CorpusError.corruptVocabulary(path: path, reason: "token '\(token)' appears twice")
            }
            self.counts[Int(id)] = count
        }
    }

    /// Writes the vocabulary with `AtomicFile`.
    public func save(to path: String) throws(CorpusError) {
        do {
            try AtomicFile.write(Data(serialized().utf8), to: path)
        } catch {
            throw CorpusError.io(path: path, message: "cannot write the vocabulary: \(error.reason)")
        }
    }

    /// Loads a vocabulary written by `save(to:)`.
    public static func load(from path: String) throws(CorpusError) -> Vocabulary {
        guard let data = FileManager.default.contents(atPath: path) else { throw CorpusError.missingFile(path: path) }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CorpusError.corruptVocabulary(path: path, reason: "not UTF-8 text")
        }
        return try Vocabulary(serialized: text, path: path)
    }

    static func escape(_ token: String) -> String {
        guard token.contains(where: { $0 == "\t" || $0 == "\n" || $0 == "\\" || $0 == "\r" }) else { return token }
        var result = ""
        for character in token {
            switch character {
            case "\\": result += "\\\\"
            case "\t": result += "\\t"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            default: result.append(character)
            }
        }
        return result
    }

    static func unescape(_ text: Substring) -> String {
        guard text.contains("\\") else { return String(text) }
        var result = ""
        var escaping = false
        for character in text {
            if escaping {
                switch character {
                case "t": result.append("\t")
                case "n": result.append("\n")
                case "r": result.append("\r")
                default: result.append(character)
                }
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                result.append(character)
            }
        }
        return result
    }
}
