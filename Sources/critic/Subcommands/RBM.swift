import ArgumentParser
import CriticKit
import Foundation

/// `critic rbm`: bag-of-words restricted Boltzmann machines (train, evaluate, inspect).
struct RBM: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rbm",
        abstract: "Train, evaluate and inspect Bernoulli RBMs over reviews' bags of words.",
        subcommands: [RBMTrain.self, RBMEval.self, RBMInspect.self])
}

extension CorpusOptions {
    /// Every review, in corpus order (the RBM needs the whole matrix).
    func loadReviews() throws -> [Review] {
        var reviews: [Review] = []
        try forEachReview { review throws(CorpusError) in reviews.append(review) }
        guard !reviews.isEmpty else { throw CorpusError.emptyCorpus(path: paths.isEmpty ? "-" : paths.joined(separator: ", ")) }
        return reviews
    }
}
