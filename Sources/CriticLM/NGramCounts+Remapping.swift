import CriticCorpus

extension NGramCounts {
    /// The same counts with every word id `w` replaced by `map[w]`, for moving counts made over
    /// one vocabulary onto another (e.g. the vocabulary of the training folds of a
    /// cross-validation, where words never seen in training, or seen fewer than `minCount` times,
    /// become `<unk>`). Several ids may map to one: their n-grams' counts add up. The reserved ids
    /// must map to themselves.
    ///
    /// - Complexity: O(distinct n-grams · order) expected.
    public func remapped(_ map: [WordID]) -> NGramCounts {
        precondition(map.count >= Vocabulary.reservedCount
                     && (0..<WordID(Vocabulary.reservedCount)).allSatisfy { map[Int($0)] == $0 },
                     "a remapping keeps <unk>, <s> and </s>")
        var result = try! NGramCounts(order: order)
        var mapped = [WordID](repeating: 0, count: order)
        for n in 1...order {
            forEachNGram(order: n) { words, count in
                for (position, word) in words.enumerated() {
                    precondition(Int(word) < map.count, "word id \(word) is outside the remapping of \(map.count) ids")
                    mapped[position] = map[Int(word)]
                }
                result.add(Array(mapped[0..<n]), count: count)
            }
        }
        result.sequenceCount = sequenceCount
        return result
    }
}
