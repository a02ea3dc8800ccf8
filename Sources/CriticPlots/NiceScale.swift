import Foundation

/// A linear axis whose ticks fall on "nice" numbers: steps of 1, 2 or 5 times a power of ten, with
/// the axis widened to whole steps so that the first and last ticks are its ends
/// (Heckbert, "Nice numbers for graph labels", Graphics Gems, 1990, with 1-2-5 steps).
public struct NiceScale: Sendable, Equatable {
    /// The axis ends: multiples of `step` with `lower ≤ data minimum`, `upper ≥ data maximum`.
    public let lower: Double
    public let upper: Double
    /// 1, 2 or 5 × 10ᵏ.
    public let step: Double
    /// lower, lower + step, …, upper (each computed as an integer times `step`, never accumulated).
    public let ticks: [Double]
    /// Decimals that show every tick exactly (0 for steps ≥ 1).
    public let decimals: Int

    /// The nicest axis covering `minimum ... maximum` with at most `maxTicks` ticks (at least 2;
    /// a range across zero always gets 3: −step, 0, step).
    ///
    /// A degenerate range (one value) is widened by 10% of its magnitude (or by 1 around zero);
    /// non-finite bounds give the axis 0 ... 1. `integerSteps` keeps steps ≥ 1 (epochs, counts).
    public init(minimum: Double, maximum: Double, maxTicks: Int = 6, integerSteps: Bool = false) {
        precondition(maxTicks >= 2, "an axis needs at least two ticks")
        var low = min(minimum, maximum), high = max(minimum, maximum)
        if !low.isFinite || !high.isFinite { (low, high) = (0, 1) }
        if high - low <= abs(high) * 1e-12 {
            let pad = low == 0 ? 1 : abs(low) * 0.1
            (low, high) = (low - pad, high + pad)
        }
        var step = NiceScale.niceStep(atLeast: (high - low) / Double(maxTicks - 1))
        if integerSteps { step = max(step, 1) }
        var first = 0.0, last = 0.0
        while true {
            // The tolerance keeps 0.3/0.1 = 2.9999… from adding a tick below the data.
            first = (low / step + 1e-9).rounded(.down)
            last = (high / step - 1e-9).rounded(.up)
            // Once a step spans the data there are at most 3 ticks; a range across zero cannot
            // do with 2, whatever the step.
            if last - first + 1 <= Double(maxTicks) || step >= high - low { break }
            step = NiceScale.niceStep(atLeast: step * 1.000001)
        }
        self.step = step
        self.lower = first * step
        self.upper = last * step
        self.ticks = (0...Int(last - first)).map { (first + Double($0)) * step }
        self.decimals = max(0, min(12, -Int((log10(step) + 1e-9).rounded(.down))))
    }

    /// The smallest 1, 2 or 5 × 10ᵏ that is ≥ `rough` (rough > 0).
    public static func niceStep(atLeast rough: Double) -> Double {
        precondition(rough > 0 && rough.isFinite, "a step must be positive and finite")
        let magnitude = pow(10, (log10(rough)).rounded(.down))
        for multiple in [1.0, 2, 5, 10] where multiple * magnitude >= rough * (1 - 1e-12) {
            return multiple * magnitude
        }
        return 10 * magnitude
    }

    /// The tick label of `value`: `decimals` decimals, a true minus sign (U+2212), thousands
    /// separators from 10,000 up ("2,000,000" is easier to read than "2000000").
    public func label(_ value: Double) -> String {
        if decimals == 0 && abs(value) >= 10_000 && abs(value) < 9e15 {
            return SVGFormat.grouped(Int(value.rounded()))
        }
        let text = SVGFormat.number(value, decimals: decimals)
        let padded: String
        if decimals > 0, let dot = text.firstIndex(of: ".") {
            let shown = text.distance(from: dot, to: text.endIndex) - 1
            padded = text + String(repeating: "0", count: decimals - shown)
        } else if decimals > 0 {
            padded = text + "." + String(repeating: "0", count: decimals)
        } else {
            padded = text
        }
        return padded.hasPrefix("-") ? "\u{2212}" + padded.dropFirst() : padded
    }

    /// Maps `value` linearly from `lower ... upper` to `start ... end` (pixels; `end < start` for a
    /// y axis growing upwards).
    public func position(_ value: Double, from start: Double, to end: Double) -> Double {
        start + (value - lower) / (upper - lower) * (end - start)
    }
}
