import Foundation

/// The one JSON form of every report the toolkit prints (`critic … --json`).
///
/// - Keys are the reports' Swift property names in snake_case (`.convertToSnakeCase`:
///   `log10ProbabilityExcludingOOV` → `log10_probability_excluding_oov`), so a field is named
///   the same in the library, the JSON and the README.
///   A key with an acronym is spelt `…Oov` in its `CodingKeys`, so that ``decoder()`` reads it back.
/// - A non-finite figure is `null` (``NullIfNonFinite``); the float strategy stays `.throw` so
///   that a report which forgets the rule fails instead of writing invalid JSON.
/// - A field with no value is `null` when it belongs to the report (a review without a critic);
///   a section the command was not asked for (`--per-token`, `--explain`) is left out.
/// - Keys in sorted order: Foundation's encoder otherwise writes them in hash order, which
///   changes from run to run; sorted, the same report is the same bytes (diffable, pinnable).
/// - One object per line: single reports are one line, streamed reports (one per review) are JSON
///   Lines. Slashes are not escaped (`"a/b"`, as every other JSON writer prints paths).
public enum ReportJSON {
    /// A fresh encoder with the configuration above (`JSONEncoder` is not `Sendable`, so no
    /// shared instance).
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// The decoder that reads what ``encoder()`` writes (non-finite figures come back as NaN).
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }

    /// `report` as one line of JSON, newline included. Commands streaming one report per review
    /// pass one ``encoder()`` for the whole stream.
    public static func line<Report: Encodable>(_ report: Report, using encoder: JSONEncoder = encoder()) throws -> String {
        String(decoding: try encoder.encode(report), as: UTF8.self) + "\n"
    }
}
