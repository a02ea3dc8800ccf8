import Foundation

/// Logistic function in a form that never overflows: exp is only taken of non-positive numbers.
@inline(__always)
func sigmoid(_ x: Float) -> Float {
    if x >= 0 { return 1 / (1 + expf(-x)) }
    let e = expf(x)
    return e / (1 + e)
}

/// log(1 + eˣ) without overflow for large x or loss of precision for very negative x.
@inline(__always)
func softplus(_ x: Double) -> Double {
    x > 0 ? x + log1p(exp(-x)) : log1p(exp(x))
}

/// log σ(x) = −softplus(−x).
@inline(__always)
func logSigmoid(_ x: Double) -> Double { -softplus(-x) }

/// log Σ exp(values), computed around the maximum.
func logSumExp<C: Collection>(_ values: C) -> Double where C.Element == Double {
    guard let maximum = values.max(), maximum.isFinite else { return values.max() ?? -.infinity }
    var sum = 0.0
    for value in values { sum += exp(value - maximum) }
    return maximum + log(sum)
}

/// σ applied in place to `count` floats.
func applySigmoid(_ values: UnsafeMutablePointer<Float>, count: Int) {
    for i in 0..<count { values[i] = sigmoid(values[i]) }
}
