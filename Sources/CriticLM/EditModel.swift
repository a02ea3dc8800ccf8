import Foundation

/// The channel of a noisy-channel corrector: how likely a typed string is, given the word meant,
/// ln P(typo | word) (Kernighan, Church & Gale, "A spelling correction program based on a noisy
/// channel model", COLING 1990; Brill & Moore, "An improved error model for noisy channel
/// spelling correction", ACL 2000).
///
/// Kernighan et al. estimate one probability per single edit and character pair from confusion
/// matrices; Brill & Moore generalise to substrings. Without such data this model keeps one
/// probability per edit type and none per character, and a string several edits away from the
/// word gets the product over the most likely alignment (a Viterbi approximation of the sum over
/// alignments):
///
///     ln P(typo | word) = ln(1 − ε)                               when typo = word
///                       = max over OSA alignments Σ_edits ln p(type of edit)   otherwise
///
/// with ε = P(a word is mistyped). The maximum is a weighted optimal string alignment distance
/// with cost −ln p(type) per edit. Types, read from the word to the typo: a deletion drops a
/// letter of the word, an insertion adds one, a substitution changes one, a transposition swaps
/// two adjacent ones.
///
/// Why fixed costs by default: they say only "one edit is rare, two edits rarer still", which
/// holds for any typist and any corpus; `learned(from:)` replaces them with rates counted on
/// (typo, word) pairs when such pairs exist.
public struct EditModel: Sendable, Equatable {
    /// The kinds of single edits, from the word meant to the string typed.
    public enum Edit: Int, Sendable, CaseIterable, Codable {
        case deletion, insertion, substitution, transposition
    }

    /// ln p of one edit of each type (indexed by `Edit.rawValue`), each < 0.
    public var editLogProbabilities: [Double]
    /// ln(1 − ε): the channel's log probability of a word typed as it is.
    public var unchangedLogProbability: Double

    public init(deletion: Double, insertion: Double, substitution: Double, transposition: Double,
                unchangedLogProbability: Double) {
        let values = [deletion, insertion, substitution, transposition]
        precondition(values.allSatisfy { $0 < 0 && $0.isFinite }, "an edit's log probability is negative and finite")
        precondition(unchangedLogProbability <= 0, "a log probability is at most 0")
        editLogProbabilities = values
        self.unchangedLogProbability = unchangedLogProbability
    }

    /// The default channel: Kernighan, Church & Gale's model with flat confusion matrices. Their
    /// P(t | w) for one edit is a per-character rate: del[x, y] / chars[xy], ins[x, y] / chars[x],
    /// sub[x, y] / chars[y], rev[x, y] / chars[xy]. With no matrices to count, every character is
    /// mistyped at one rate r per edit type, and a substituted or inserted letter is any of the 26
    /// (the Latin alphabet) alike, so one particular deletion or transposition has probability r
    /// and one particular substitution or insertion r / 26: dropping a letter has one way to
    /// happen, typing a wrong one has 26. r = e⁻⁶ (about 1 character in 400); ε = 0.01, one word
    /// in a hundred mistyped. Nothing here is fitted to a corpus.
    public static let standard = EditModel(deletion: -6, insertion: -6 - log(26), substitution: -6 - log(26), transposition: -6,
                                           unchangedLogProbability: log(0.99))

    /// ln p of one edit.
    public func logProbability(of edit: Edit) -> Double { editLogProbabilities[edit.rawValue] }

    /// ln P(typo | word): ln(1 − ε) when equal, else the most likely alignment's Σ ln p(edit).
    ///
    /// - Complexity: O(|typo| · |word|).
    public func logProbability(typo: String, word: String) -> Double {
        typo == word ? unchangedLogProbability : alignment(typo: scalars(of: typo), word: scalars(of: word)).logProbability
    }

    /// The most likely alignment of `word` to `typo`: its ln probability and its edits.
    public func alignment(typo: String, word: String) -> (logProbability: Double, edits: [Edit]) {
        alignment(typo: scalars(of: typo), word: scalars(of: word))
    }

    /// Weighted OSA: cost(i, j) of turning word[..<i] into typo[..<j], cost = −ln p per edit.
    func alignment(typo b: [UInt32], word a: [UInt32]) -> (logProbability: Double, edits: [Edit]) {
        let del = -logProbability(of: .deletion), ins = -logProbability(of: .insertion)
        let sub = -logProbability(of: .substitution), swap = -logProbability(of: .transposition)
        let rows = a.count + 1, columns = b.count + 1
        var cost = [Double](repeating: 0, count: rows * columns)
        var step = [Int8](repeating: -1, count: rows * columns)  // the edit into each cell; 4 = match
        for i in 0..<rows {
            for j in 0..<columns {
                let cell = i * columns + j
                if i == 0 && j == 0 { continue }
                var best = Double.infinity, move: Int8 = -1
                if i > 0, cost[cell - columns] + del < best { best = cost[cell - columns] + del; move = Int8(Edit.deletion.rawValue) }
                if j > 0, cost[cell - 1] + ins < best { best = cost[cell - 1] + ins; move = Int8(Edit.insertion.rawValue) }
                if i > 0, j > 0 {
                    let same = a[i - 1] == b[j - 1]
                    let value = cost[cell - columns - 1] + (same ? 0 : sub)
                    if value < best { best = value; move = same ? 4 : Int8(Edit.substitution.rawValue) }
                }
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1], a[i - 1] != a[i - 2],
                   cost[cell - 2 * columns - 2] + swap < best {
                    best = cost[cell - 2 * columns - 2] + swap
                    move = Int8(Edit.transposition.rawValue)
                }
                cost[cell] = best
                step[cell] = move
            }
        }
        var edits: [Edit] = []
        var i = a.count, j = b.count
        while i > 0 || j > 0 {
            let move = step[i * columns + j]
            switch move {
            case 4: i -= 1; j -= 1
            case Int8(Edit.deletion.rawValue): edits.append(.deletion); i -= 1
            case Int8(Edit.insertion.rawValue): edits.append(.insertion); j -= 1
            case Int8(Edit.substitution.rawValue): edits.append(.substitution); i -= 1; j -= 1
            default: edits.append(.transposition); i -= 2; j -= 2
            }
        }
        return (-cost[rows * columns - 1], edits.reversed())
    }

    /// A channel estimated from (typo, word) pairs, pairs with typo = word included (they count
    /// the words typed right):
    ///
    ///     ε = (pairs with typo ≠ word + 1) / (pairs + 2)
    ///     p(type) = ε · (n_type + 1) / (Σ_t n_t + 4) / L̄
    ///
    /// where n_type counts the edits of that type in the pairs' most likely alignments under the
    /// current model (one Viterbi re-estimation step from `self`, as Brill & Moore's alignments
    /// come from a plain edit distance), and L̄ is the mean length of the words meant, since an
    /// edit can fall on any of about L̄ letters. Add-one smoothing keeps every type possible.
    public func learned<S: Sequence>(from pairs: S) -> EditModel where S.Element == (typo: String, word: String) {
        var counts = [Double](repeating: 0, count: Edit.allCases.count)
        var total = 0.0, mistyped = 0.0, letters = 0.0
        for (typo, word) in pairs {
            total += 1
            letters += Double(word.unicodeScalars.count)
            guard typo != word else { continue }
            mistyped += 1
            for edit in alignment(typo: typo, word: word).edits { counts[edit.rawValue] += 1 }
        }
        let epsilon = (mistyped + 1) / (total + 2)
        let meanLength = Swift.max(1, letters / Swift.max(total, 1))
        let edits = counts.reduce(0, +) + Double(counts.count)
        let values = counts.map { log(epsilon * ($0 + 1) / edits / meanLength) }
        return EditModel(deletion: values[0], insertion: values[1], substitution: values[2], transposition: values[3],
                         unchangedLogProbability: log(1 - epsilon))
    }
}
