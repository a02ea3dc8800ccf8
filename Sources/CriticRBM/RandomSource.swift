import Foundation

/// The seeded pseudo-random generator behind every random choice of the module (initial weights,
/// mini-batch order, Gibbs sampling, AIS): same seed, same bytes.
///
/// xoshiro256** (Blackman & Vigna 2018), its state filled from the seed by SplitMix64 as the
/// authors recommend. Swift's `SystemRandomNumberGenerator` cannot be seeded.
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable {
    private var s0, s1, s2, s3: UInt64

    public init(seed: UInt64) {
        var splitMix = seed
        func next() -> UInt64 {
            splitMix &+= 0x9E37_79B9_7F4A_7C15
            var z = splitMix
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = next(); s1 = next(); s2 = next(); s3 = next()
    }

    @inline(__always)
    public mutating func next() -> UInt64 {
        let scaled = s1 &* 5
        let result = ((scaled << 7) | (scaled >> 57)) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = (s3 << 45) | (s3 >> 19)
        return result
    }

    /// Uniform in [0, 1) with 24 random bits (every Float step in the interval).
    @inline(__always)
    public mutating func nextUnitFloat() -> Float { Float(next() >> 40) * 0x1p-24 }

    /// Uniform in [0, 1) with 53 random bits.
    @inline(__always)
    public mutating func nextUnitDouble() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// A standard normal draw (Box–Muller; one of the pair is discarded to keep the state simple).
    public mutating func nextGaussian() -> Double {
        let u1 = 1 - nextUnitDouble()  // (0, 1]: log never sees 0
        let u2 = nextUnitDouble()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// A new generator for an independent stream (e.g. one per AIS base), derived from this one.
    public mutating func split() -> Xoshiro256StarStar { Xoshiro256StarStar(seed: next()) }
}


extension Xoshiro256StarStar {
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
