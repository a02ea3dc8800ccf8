import CriticCorpus
import CriticSupport
import Foundation

// Block Gibbs sampling, "fantasy" reviews and the words each hidden unit responds to.

extension BernoulliRBM {
    /// A binary sample h ~ P(h|v) for each row of `data` (N×H, values 0 or 1).
    public func sampleHidden(_ data: BinaryMatrix, generator: inout SeededGenerator) -> [Float] {
        var probabilities = hiddenProbabilities(data)
        probabilities.withUnsafeMutableBufferPointer { p in
            generator.sampleBernoulli(p.baseAddress!, into: p.baseAddress!, count: p.count)
        }
        return probabilities
    }

    /// Runs `chains` block-Gibbs chains v → h → v for `steps` sweeps from `start` (dense
    /// chains×V 0/1 rows; `nil` starts from v ~ σ(b), the visible biases alone) and returns the
    /// final binary visible states and P(v=1|h) of the last sweep (both chains×V).
    ///
    /// - Complexity: O(steps · chains · V · H).
    public func gibbs(chains: Int, steps: Int, start: [Float]? = nil, generator: inout SeededGenerator)
        -> (states: [Float], probabilities: [Float]) {
        let (v, h) = (visibleCount, hiddenCount)
        var visible = start ?? []
        if visible.isEmpty {
            visible = [Float](repeating: 0, count: chains * v)
            for r in 0..<chains { for i in 0..<v { visible[r * v + i] = generator.nextUnitFloat() < sigmoid(visibleBias[i]) ? 1 : 0 } }
        }
        precondition(visible.count == chains * v, "start states must be chains×V")
        var hidden = [Float](repeating: 0, count: chains * h)
        var probabilities = [Float](repeating: 0, count: chains * v)
        visible.withUnsafeMutableBufferPointer { vis in
            hidden.withUnsafeMutableBufferPointer { hid in
                probabilities.withUnsafeMutableBufferPointer { prob in
                    for _ in 0..<steps {
                        hiddenPreActivations(visible: vis.baseAddress!, count: chains, into: hid.baseAddress!)
                        applySigmoid(hid.baseAddress!, count: chains * h)
                        generator.sampleBernoulli(hid.baseAddress!, into: hid.baseAddress!, count: chains * h)
                        visiblePreActivations(hidden: hid.baseAddress!, count: chains, into: prob.baseAddress!)
                        applySigmoid(prob.baseAddress!, count: chains * v)
                        generator.sampleBernoulli(prob.baseAddress!, into: vis.baseAddress!, count: chains * v)
                    }
                }
            }
        }
        return (visible, probabilities)
    }

    /// "Fantasy" reviews: after `steps` Gibbs sweeps, each chain's `wordCount` most probable words
    /// under P(v=1|h), with their probabilities.
    public func fantasies(count: Int, steps: Int = 1000, wordCount: Int = 15, generator: inout SeededGenerator)
        -> [[(term: String, probability: Float)]] {
        let (_, probabilities) = gibbs(chains: count, steps: steps, generator: &generator)
        let v = visibleCount
        return (0..<count).map { r in
            let row = Array(probabilities[(r * v)..<((r + 1) * v)])
            return topIndices(row, count: wordCount).map { (term(at: $0), row[$0]) }
        }
    }

    /// The `count` terms with the largest weights to hidden unit `unit`, with the weights.
    public func topTerms(ofHiddenUnit unit: Int, count: Int = 10) -> [(term: String, weight: Float)] {
        precondition(unit >= 0 && unit < hiddenCount, "hidden unit \(unit) outside 0..<\(hiddenCount)")
        let column = (0..<visibleCount).map { weights[$0 * hiddenCount + unit] }
        return topIndices(column, count: count).map { (term(at: $0), column[$0]) }
    }

    /// The name of visible unit `index`: its term, or `#index` for a model without terms.
    public func term(at index: Int) -> String { terms.isEmpty ? "#\(index)" : terms[index] }
}

/// Indices of the `count` largest values, largest first (ties: lower index first).
func topIndices(_ values: [Float], count: Int) -> [Int] {
    Array(values.indices.sorted { values[$0] != values[$1] ? values[$0] > values[$1] : $0 < $1 }.prefix(count))
}
