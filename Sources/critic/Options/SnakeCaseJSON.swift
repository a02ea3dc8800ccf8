import Foundation

/// One JSON object on one line: `value` encoded with snake-case keys and sorted keys (stable
/// output for tests and diffs), newline-terminated. ±∞ and NaN, which JSON lacks, are null: a
/// report type encodes such fields as optionals.
func snakeCaseJSONLine<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.keyEncodingStrategy = .convertToSnakeCase
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
}

/// A finite number, or nil (JSON null) for ±∞ and NaN.
func finite(_ value: Double) -> Double? { value.isFinite ? value : nil }
