/// The seeded pseudo-random generator for every random process of the toolkit (generation,
/// shuffles, initial weights): same seed, same numbers, on every platform and Swift version.
///
/// xoshiro256** (Blackman & Vigna, "Scrambled linear pseudorandom number generators", ACM TOMS
/// 2021), its 256-bit state filled from the 64-bit seed by SplitMix64 (Steele, Lea & Flood, OOPSLA
/// 2014) as the authors recommend, so that nearby seeds give unrelated streams. Swift's
/// `SystemRandomNumberGenerator` cannot be seeded, hence our own.
///
/// The helpers below (`nextUnitDouble`, `nextInt(below:)`) are ours rather than the standard
/// library's `random(in:using:)`, whose algorithm may change between Swift releases: a seed must
/// keep giving the same reviews.
public struct SeededGenerator: RandomNumberGenerator, Sendable, Equatable {
    private var s0, s1, s2, s3: UInt64

    public init(seed: UInt64) {
        var state = seed
        func splitMix() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix(); s1 = splitMix(); s2 = splitMix(); s3 = splitMix()
    }

    @inline(__always)
    public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// Uniform in [0, 1), with 53 random bits (every Double of the form k · 2⁻⁵³).
    @inline(__always)
    public mutating func nextUnitDouble() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// Uniform in 0 ..< bound, without modulo bias (Lemire, "Fast random integer generation in an
    /// interval", ACM TOMS 2019).
    @inline(__always)
    public mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0, "the bound must be positive")
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold { product = next().multipliedFullWidth(by: range) }
        }
        return Int(product.high)
    }

    /// A generator for an independent stream (e.g. one per thread), derived from this one.
    public mutating func split() -> SeededGenerator { SeededGenerator(seed: next()) }
}
