import ArgumentParser
import CriticKit

/// `critic rbm`: bag-of-words restricted Boltzmann machines (train, evaluate, inspect).
struct RBM: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rbm",
        abstract: "Train, evaluate and inspect Bernoulli RBMs over reviews' bags of words.",
        subcommands: [RBMTrain.self, RBMEval.self, RBMInspect.self])
}
