import CriticCorpus

/// The optimal string alignment distance (restricted Damerau–Levenshtein): the fewest deletions,
/// insertions, substitutions and transpositions of two adjacent characters that turn `a` into `b`,
/// no substring edited twice (Damerau 1964; the form spell checkers such as SymSpell use).
///
///     d(i, j) = min( d(i−1, j) + 1, d(i, j−1) + 1, d(i−1, j−1) + [aᵢ ≠ bⱼ],
///                    d(i−2, j−2) + 1  when aᵢ = bⱼ₋₁ and aᵢ₋₁ = bⱼ )
///
/// Characters are Unicode scalars. Returns nil as soon as the distance must exceed `bound`.
///
/// - Complexity: O(|a| · |b|) time, O(|b|) memory.
public func optimalStringAlignmentDistance(_ a: [UInt32], _ b: [UInt32], bound: Int = .max) -> Int? {
    if abs(a.count - b.count) > bound { return nil }
    if a.isEmpty { return b.count <= bound ? b.count : nil }
    if b.isEmpty { return a.count <= bound ? a.count : nil }
    let width = b.count + 1
    // Three rows: i−2, i−1 and i.
    var before = [Int](repeating: 0, count: width)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: width)
    for i in 1...a.count {
        current[0] = i
        var rowMinimum = i
        for j in 1...b.count {
            var value = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1], a[i - 1] != a[i - 2] {
                value = Swift.min(value, before[j - 2] + 1)
            }
            current[j] = value
            rowMinimum = Swift.min(rowMinimum, value)
        }
        // Every later cell descends from a cell of this row or the one before, none below its row
        // minimum (a transposition reaches back two rows, so both rows must exceed the bound).
        if rowMinimum > bound, previous.min()! > bound { return nil }
        (before, previous, current) = (previous, current, before)
    }
    let distance = previous[b.count]
    return distance <= bound ? distance : nil
}

/// The Unicode scalars of a word, as the distance functions take them.
@inline(__always)
func scalars(of word: String) -> [UInt32] { word.unicodeScalars.map(\.value) }

/// The vocabulary words within optimal-string-alignment distance d of a word, found without
/// comparing the word to every vocabulary word: the symmetric-delete idea of Wolf Garbe's SymSpell.
///
/// Two strings within distance d share a string that both reach by deleting at most d characters
/// (a substitution or a transposition is one deletion on each side, an insertion or a deletion one
/// on one side). So the index stores, for every vocabulary word, every string its deletions of up
/// to `maxDistance` characters give; a query generates its own deletions, looks each up, and keeps
/// the words whose true distance, computed once per word met, is at most d. Deletions only: a
/// word of length n has Σ_{k≤d} C(n, k) of them, against the (2·26·n)^d strings edits would make.
///
/// Deletion strings are stored as 64-bit hashes (FNV-1a over the scalars), never as strings: a
/// collision only adds a word to verify, since every candidate's distance is checked exactly.
/// The keys are one sorted array searched by bisection (no per-string allocation).
public struct SymmetricDeleteIndex: Sendable {
    /// A vocabulary word near the query.
    public struct Match: Sendable, Hashable {
        public var word: WordID
        /// Optimal string alignment distance to the query.
        public var distance: Int
    }

    /// The largest distance a query may ask for.
    public let maxDistance: Int
    /// Every indexed word's scalars, concatenated; word `slot` is `scalarStarts[slot] ..< scalarStarts[slot + 1]`.
    private let wordScalars: [UInt32]
    private let scalarStarts: [Int32]
    private let slotWords: [WordID]
    /// Sorted hashes of deletion strings, and for each the slot of the word it came from.
    private let keys: [UInt64]
    private let postings: [UInt32]

    /// Indexes the words of `vocabulary` (never `<unk>`, `<s>`, `</s>`) for which `include` holds.
    ///
    /// - Complexity: O(Σ_w C(|w|, ≤ maxDistance) · |w|) hashing and a sort of as many keys.
    public init(vocabulary: Vocabulary, maxDistance: Int = 2, include: (String) -> Bool = { _ in true }) {
        let words = (Vocabulary.reservedCount..<vocabulary.count).compactMap { id -> (WordID, String)? in
            let token = vocabulary[WordID(id)]
            return include(token) ? (WordID(id), token) : nil
        }
        self.init(words: words, maxDistance: maxDistance)
    }

    /// Indexes the given (id, spelling) pairs.
    public init(words: [(WordID, String)], maxDistance: Int = 2) {
        precondition(maxDistance >= 0, "a distance is not negative")
        self.maxDistance = maxDistance
        var wordScalars: [UInt32] = []
        var scalarStarts: [Int32] = [0]
        var slotWords: [WordID] = []
        var entries: [(key: UInt64, slot: UInt32)] = []
        for (id, spelling) in words {
            let characters = scalars(of: spelling)
            let slot = UInt32(slotWords.count)
            slotWords.append(id)
            wordScalars += characters
            scalarStarts.append(Int32(wordScalars.count))
            Self.forEachDeletion(of: characters, upTo: maxDistance) { entries.append((key: $0, slot: slot)) }
        }
        // Sort by key, then slot, and drop the repeats that repeated letters make ("ll" → "l" twice).
        entries.sort { $0.key != $1.key ? $0.key < $1.key : $0.slot < $1.slot }
        var keys: [UInt64] = [], postings: [UInt32] = []
        keys.reserveCapacity(entries.count)
        postings.reserveCapacity(entries.count)
        for entry in entries where keys.last != entry.key || postings.last != entry.slot {
            keys.append(entry.key)
            postings.append(entry.slot)
        }
        self.wordScalars = wordScalars
        self.scalarStarts = scalarStarts
        self.slotWords = slotWords
        self.keys = keys
        self.postings = postings
    }

    /// How many words are indexed.
    public var wordCount: Int { slotWords.count }
    /// How many (deletion, word) entries the index holds.
    public var entryCount: Int { keys.count }

    /// The indexed words within distance `maxDistance` (at most the index's) of `word`, nearest
    /// first, then by word id. The word itself is among them (distance 0) when indexed.
    ///
    /// - Complexity: O(C(|word|, ≤ d)) bisections, plus one bounded distance per word met.
    public func lookup(_ word: String, maxDistance: Int? = nil) -> [Match] {
        lookup(scalars: scalars(of: word), maxDistance: maxDistance ?? self.maxDistance)
    }

    /// `lookup` on the word's Unicode scalars.
    public func lookup(scalars query: [UInt32], maxDistance distance: Int) -> [Match] {
        precondition(distance >= 0 && distance <= maxDistance, "the index was built for distances up to \(maxDistance)")
        var seen = Set<UInt32>()
        var matches: [Match] = []
        Self.forEachDeletion(of: query, upTo: distance) { key in
            var position = lowerBound(key)
            while position < keys.count, keys[position] == key {
                let slot = postings[position]
                position += 1
                guard seen.insert(slot).inserted else { continue }
                let start = Int(scalarStarts[Int(slot)]), end = Int(scalarStarts[Int(slot) + 1])
                guard abs((end - start) - query.count) <= distance else { continue }
                if let found = optimalStringAlignmentDistance(query, Array(wordScalars[start..<end]), bound: distance) {
                    matches.append(Match(word: slotWords[Int(slot)], distance: found))
                }
            }
        }
        matches.sort { ($0.distance, $0.word) < ($1.distance, $1.word) }
        return matches
    }

    /// The first position whose key is not below `key`.
    private func lowerBound(_ key: UInt64) -> Int {
        var low = 0, high = keys.count
        while low < high {
            let middle = (low + high) / 2
            if keys[middle] < key { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Calls `body` with the hash of every string made by deleting at most `distance` characters
    /// of `characters` (the string itself included), enumerating the deleted positions as
    /// increasing combinations; repeats (from repeated letters) are not filtered out.
    static func forEachDeletion(of characters: [UInt32], upTo distance: Int, _ body: (UInt64) -> Void) {
        let limit = Swift.min(distance, characters.count)
        var deleted: [Int] = []
        deleted.reserveCapacity(limit)
        func visit(from start: Int) {
            body(hash(characters, skipping: deleted))
            guard deleted.count < limit else { return }
            for position in start..<characters.count {
                deleted.append(position)
                visit(from: position + 1)
                deleted.removeLast()
            }
        }
        visit(from: 0)
    }

    /// FNV-1a (64-bit) over the scalars not at the `skipping` positions (increasing), and the length.
    @inline(__always)
    static func hash(_ characters: [UInt32], skipping: [Int]) -> UInt64 {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        var next = 0
        var length: UInt64 = 0
        for (position, character) in characters.enumerated() {
            if next < skipping.count, skipping[next] == position {
                next += 1
                continue
            }
            // Four bytes per scalar, so that no two scalar strings share their byte stream.
            var c = character
            for _ in 0..<4 {
                value = (value ^ UInt64(c & 0xff)) &* 0x0000_0100_0000_01b3
                c >>= 8
            }
            length += 1
        }
        return (value ^ length) &* 0x0000_0100_0000_01b3
    }
}
