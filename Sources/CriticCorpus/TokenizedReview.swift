/// A review's tokens with who wrote it (`critic tokenize --json`, one JSON line per review).
public struct TokenizedReview: Sendable, Hashable, Codable {
    /// `null` in JSON for a review without a critic (the key is always there, so every line has
    /// the same fields).
    public var critic: String?
    public var id: String
    public var tokens: [String]

    public init(_ review: Review, tokens: [String]) {
        self.critic = review.critic
        self.id = review.id
        self.tokens = tokens
    }

    enum CodingKeys: String, CodingKey { case critic, id, tokens }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(critic, forKey: .critic)
        try container.encode(id, forKey: .id)
        try container.encode(tokens, forKey: .tokens)
    }
}
