import Foundation

// Draws from distributions other than the uniform one, for every module that needs them (the
// RBM's initial weights and batch order, the language models' shuffles). They live beside the
// generator so that no module depends on another for its randomness.

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

    /// A random permutation of 0 ..< n (Fisher–Yates).
    ///
    /// - Complexity: O(n).
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
