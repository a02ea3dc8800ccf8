import CriticCorpus

/// Tokenized reviews and their critics, in corpus order: what authorship training and
/// evaluation read.
public struct LabelledCorpus: Sendable {
    public var tokens: [[String]]
    public var critics: [String]

    public init(tokens: [[String]], critics: [String]) {
        precondition(tokens.count == critics.count, "one critic per review")
        self.tokens = tokens
        self.critics = critics
    }

    /// Pairs `reviews` with their `tokens`; every review must carry a critic.
    public init(reviews: [Review], tokens: [[String]]) throws(AuthorshipError) {
        precondition(reviews.count == tokens.count, "one token list per review")
        guard reviews.contains(where: { $0.critic != nil }) else { throw .noCritics }
        if let unlabelled = reviews.first(where: { $0.critic == nil }) {
            throw .unlabelledReview(id: unlabelled.id, source: unlabelled.source?.description)
        }
        self.init(tokens: tokens, critics: reviews.map { $0.critic! })
    }

    /// Whether any review carries a critic (a corpus for an authorship bundle rather than for a
    /// single model).
    public static func isLabelled(_ reviews: [Review]) -> Bool { reviews.contains { $0.critic != nil } }

    /// Distinct critics, sorted.
    public var criticNames: [String] { Array(Set(critics)).sorted() }

    public var count: Int { tokens.count }

    /// Position of each review among its critic's reviews, in corpus order (0, 1, 2, … per critic):
    /// the fold of a review in k-fold cross-validation is this index mod k.
    public var indexWithinCritic: [Int] {
        var seen: [String: Int] = [:]
        return critics.map { critic in
            let index = seen[critic, default: 0]
            seen[critic] = index + 1
            return index
        }
    }
}
