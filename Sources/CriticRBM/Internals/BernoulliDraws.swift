import CriticSupport

extension SeededGenerator {
    /// Writes a 0/1 sample of Bernoulli(pᵢ) for each probability.
    @inline(__always)
    mutating func sampleBernoulli(_ probabilities: UnsafePointer<Float>, into states: UnsafeMutablePointer<Float>,
                                  count: Int) {
        for i in 0..<count { states[i] = nextUnitFloat() < probabilities[i] ? 1 : 0 }
    }
}
