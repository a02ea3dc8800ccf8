import Foundation
import Testing
@testable import CriticCorpus

/// Unicode's own UAX #29 word-break test file, run through the shim's raw boundaries.
///
/// Debian's `unicode-data` installs it; ICU 72 implements Unicode 15, the file's version. ICU's own
/// test suite (rbbitst) runs the same file, so any disagreement means our shim loses something.
enum WordBreakTestFile {
    static let path = "/usr/share/unicode/auxiliary/WordBreakTest.txt"
    static var isPresent: Bool { FileManager.default.isReadableFile(atPath: path) }

    /// One line of the file: the code points, and after which of them a boundary falls.
    struct Case {
        var line: Int
        var scalars: [Unicode.Scalar]
        /// Boundaries as code-point indices (0 … scalars.count).
        var boundaries: [Int]
        var source: String

        var text: String { String(String.UnicodeScalarView(scalars)) }

        /// The expected boundaries as UTF-8 byte offsets, which is what ICU reports on a UTF-8 UText.
        var utf8Boundaries: [Int] {
            var offsets = [0]
            for scalar in scalars { offsets.append(offsets.last! + UTF8.width(scalar)) }
            return boundaries.map { offsets[$0] }
        }
    }

    enum ParseError: Error, CustomStringConvertible {
        case malformed(line: Int, token: String)
        var description: String {
            switch self {
            case .malformed(let line, let token):
                "\(WordBreakTestFile.path):\(line): unexpected '\(token)' (expected ÷, × or a hex code point)"
            }
        }
    }

    /// Parses lines of the form `÷ 0041 × 0308 ÷ 0020 ÷ # comment`.
    static func parse(_ contents: String) throws -> [Case] {
        var cases: [Case] = []
        for (index, rawLine) in contents.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let body = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let tokens = body.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if tokens.isEmpty { continue }
            var scalars: [Unicode.Scalar] = []
            var boundaries: [Int] = []
            for token in tokens {
                switch token {
                case "÷": boundaries.append(scalars.count)
                case "×": break
                default:
                    guard let value = UInt32(token, radix: 16), let scalar = Unicode.Scalar(value) else {
                        throw ParseError.malformed(line: index + 1, token: String(token))
                    }
                    scalars.append(scalar)
                }
            }
            cases.append(Case(line: index + 1, scalars: scalars, boundaries: boundaries, source: String(rawLine)))
        }
        return cases
    }
}

@Suite struct WordBreakConformanceTests {
    @Test func parserReadsMarksAndCodePoints() throws {
        let cases = try WordBreakTestFile.parse("""
            # a comment line
            ÷ 0041 × 0308 ÷ 0020 ÷\t#  ÷ [0.2] LATIN CAPITAL LETTER A (ALetter) …

            ÷ 1F1E6 × 1F1E7 ÷ 0061 ÷
            """)
        #expect(cases.count == 2)
        #expect(cases[0].line == 2)
        #expect(cases[0].scalars.map(\.value) == [0x41, 0x308, 0x20])
        #expect(cases[0].boundaries == [0, 2, 3])
        // A (1 byte), U+0308 (2 bytes), space (1 byte).
        #expect(cases[0].utf8Boundaries == [0, 3, 4])
        // Two regional indicators (4 bytes each), then "a".
        #expect(cases[1].utf8Boundaries == [0, 8, 9])
        #expect(throws: WordBreakTestFile.ParseError.self) { try WordBreakTestFile.parse("÷ 00ZZ ÷") }
    }

    /// Runs every case through `rawBoundaries` with `locale`; returns the cases whose boundaries
    /// differ from `expected(case)`.
    private func mismatches(locale: String, _ cases: [WordBreakTestFile.Case],
                            expected: (WordBreakTestFile.Case) -> [Int]) throws -> [String] {
        let tokenizer = try Tokenizer(options: TokenizerOptions(locale: locale))
        var failures: [String] = []
        for testCase in cases {
            let actual = try tokenizer.rawBoundaries(testCase.text)
            let wanted = expected(testCase)
            if actual != wanted {
                failures.append("line \(testCase.line): expected \(wanted), got \(actual): \(testCase.source)")
            }
        }
        return failures
    }

    private func loadCases() throws -> [WordBreakTestFile.Case] {
        let cases = try WordBreakTestFile.parse(try String(contentsOfFile: WordBreakTestFile.path, encoding: .utf8))
        // Unicode 15.0's file holds 1,823 cases; fewer would mean the parser skipped some.
        #expect(cases.count >= 1_800)
        return cases
    }

    // Needs Debian's unicode-data package (`apt-get install unicode-data`); skipped without it.
    /// Swedish and Finnish keep UAX #29's default treatment of ":" (MidLetter), so with those
    /// locales ICU must reproduce the file exactly: this is the check that the shim (UTF-8 UText,
    /// byte offsets, iteration to the end) loses nothing.
    @Test(.enabled(if: WordBreakTestFile.isPresent,
                   "\(WordBreakTestFile.path) is absent: install Debian's unicode-data to run UAX #29 conformance"),
          arguments: ["sv", "fi"])
    func everyCasePassesWithTheUntailoredColon(locale: String) throws {
        let cases = try loadCases()
        let failures = try mismatches(locale: locale, cases) { $0.utf8Boundaries }
        print("WordBreakTest.txt, locale \(locale) (ICU \(ICU.versions.icu), Unicode \(ICU.versions.unicode)): \(cases.count - failures.count) of \(cases.count) cases pass")
        #expect(failures.isEmpty, "\(failures.count) of \(cases.count) cases fail:\n\(failures.prefix(20).joined(separator: "\n"))")
    }

    /// The root locale (the tokenizer's default) follows CLDR's tailoring adopted in ICU 72
    /// (ICU-22112): ":" is not MidLetter, so "a:b" breaks around the colon. ICU's own test of this
    /// file skips the affected cases (ICU-22127, cases starting "a:" or "A:"); we keep them and
    /// check them against the tailored expectation instead: a boundary before each colon and after
    /// it (past any Extend/Format characters attached to it by WB4).
    @Test(.enabled(if: WordBreakTestFile.isPresent,
                   "\(WordBreakTestFile.path) is absent: install Debian's unicode-data to run UAX #29 conformance"))
    func everyCasePassesWithTheRootLocale() throws {
        let cases = try loadCases()
        let tailored = cases.filter { Self.rootExpectation($0) != $0.utf8Boundaries }
        let failures = try mismatches(locale: "", cases) { Self.rootExpectation($0) }
        print("WordBreakTest.txt, root locale (ICU \(ICU.versions.icu), Unicode \(ICU.versions.unicode)): \(cases.count - failures.count) of \(cases.count) cases pass, \(tailored.count) of them with the colon tailoring")
        #expect(failures.isEmpty, "\(failures.count) of \(cases.count) cases fail:\n\(failures.prefix(20).joined(separator: "\n"))")
        // Unicode 15.0's file has exactly 15 cases where the colon joins letters.
        #expect(tailored.count == 15)
        #expect(tailored.allSatisfy { $0.scalars.starts(with: ["a", ":"]) || $0.scalars.starts(with: ["A", ":"]) })
    }

    /// UAX #29's expected boundaries with ICU 72's root tailoring of U+003A COLON applied.
    static func rootExpectation(_ testCase: WordBreakTestFile.Case) -> [Int] {
        var boundaries = Set(testCase.boundaries)
        let scalars = testCase.scalars
        for (index, scalar) in scalars.enumerated() where scalar == ":" {
            boundaries.insert(index)
            var end = index + 1
            while end < scalars.count, Self.attachesByWB4(scalars[end]) { end += 1 }
            boundaries.insert(end)
        }
        var offsets = [0]
        for scalar in scalars { offsets.append(offsets.last! + UTF8.width(scalar)) }
        return boundaries.sorted().map { offsets[$0] }
    }

    /// Word_Break Extend, Format or ZWJ (approximated by general category, enough for this file).
    private static func attachesByWB4(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .format: true
        default: false
        }
    }
}
