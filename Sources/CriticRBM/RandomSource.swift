import CriticCorpus
import Foundation

// The module's random draws come from CriticCorpus's `SeededGenerator` (xoshiro256**, seeded by
// SplitMix64): one source of randomness for the whole toolkit, same seed, same bytes.

extension SeededGenerator {
    /// Uniform in [0, 1) with 24 random bits (every Float step in the interval).
    @inline(__always)
    public mutating func nextUnitFloat() -> Float { Float(next() >> 40) * 0x1p-24 }

    /// A standard normal draw (Box–Muller; one of the pair is discarded to keep the state simple).
    public mutating func nextGaussian() -> Double {
        let u1 = 1 - nextUnitDouble()  // (0, 1]: log never sees 0
        let u2 = nextUnitDouble()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}

extension SeededGenerator {
    /// Writes a 0/1 sample of Bernoulli(pᵢ) for each probability.
    @inline(__always)
    mutating func sampleBernoulli(_ probabilities: UnsafePointer<Float>, into states: UnsafeMutablePointer<Float>,
                                  count: Int) {
        for i in 0..<count { states[i] = nextUnitFloat() < probabilities[i] ? 1 : 0 }
    }

    /// A random permutation of 0 ..< n (Fisher–Yates).
    public mutating func permutation(_ n: Int) -> [Int] {
        var order = Array(0..<n)
        if n < 2 { return order }
        for i in stride(from: n - 1, to: 0, by: -1) {
            let j = Int(next() % UInt64(i + 1))
            order.swapAt(i, j)
        }
        return order
    }
}
