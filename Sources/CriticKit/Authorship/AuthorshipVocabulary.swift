import CriticCorpus

/// The statistics that decide the shared vocabulary, per word id of an indexing vocabulary:
/// how often each word occurs, and in how many reviews of each critic. Additive, like the
/// n-gram counts, so that cross-validation can subtract a held-out fold.
///
/// The rule (`AuthorshipTraining.minCount`, `.minReviews`): a word enters the shared vocabulary
/// when it occurs at least `minCount` times in all and some critic used it in at least
/// `minReviews` of their reviews. Every other word is `<unk>` for every critic alike.
struct WordStatistics: Sendable {
    var counts: [UInt64]
    /// `reviews[c][w]`: reviews of critic c using word w.
    var reviews: [[UInt32]]

    init(critics: Int, words: Int) {
        counts = [UInt64](repeating: 0, count: words)
        reviews = Array(repeating: [UInt32](repeating: 0, count: words), count: critics)
    }

    /// Adds one review of critic `critic`; `seen` is scratch space of `words` entries, all false.
    mutating func add(_ review: [WordID], critic: Int, seen: inout [Bool]) {
        for word in review {
            counts[Int(word)] += 1
            if !seen[Int(word)] {
                seen[Int(word)] = true
                reviews[critic][Int(word)] += 1
            }
        }
        for word in review { seen[Int(word)] = false }
    }

    mutating func subtract(_ other: WordStatistics) {
        for index in counts.indices { counts[index] -= other.counts[index] }
        for critic in reviews.indices {
            for index in counts.indices { reviews[critic][index] -= other.reviews[critic][index] }
        }
    }

    mutating func merge(_ other: WordStatistics) {
        for index in counts.indices { counts[index] += other.counts[index] }
        for critic in reviews.indices {
            for index in counts.indices { reviews[critic][index] += other.reviews[critic][index] }
        }
    }

    /// Maps each id of `indexing` to its id in the shared vocabulary (or `<unk>`), and that
    /// vocabulary (its words in indexing order, with their counts).
    func sharedVocabulary(_ indexing: Vocabulary, minCount: Int, minReviews: Int) -> (vocabulary: Vocabulary, map: [WordID]) {
        var map = [WordID](repeating: Vocabulary.unknownID, count: indexing.count)
        for id in 0..<Vocabulary.reservedCount { map[id] = WordID(id) }
        var words: [String] = []
        var wordCounts: [UInt64] = []
        let needed = UInt32(Swift.max(1, minReviews))
        for id in Vocabulary.reservedCount..<indexing.count where Vocabulary.keeps(count: counts[id], minCount: minCount) {
            guard reviews.contains(where: { $0[id] >= needed }) else { continue }
            map[id] = WordID(Vocabulary.reservedCount + words.count)
            words.append(indexing[WordID(id)])
            wordCounts.append(counts[id])
        }
        return (Vocabulary(tokens: words, counts: wordCounts), map)
    }
}
