import CriticCorpus
import CriticSupport
import Foundation

/// ARPA text export (the format of SRILM and KenLM): log10 probabilities and backoff weights,
/// unigrams in id order, then each order grouped by context.
extension NGramModel {
    /// The model as ARPA text. Only backoff-form models (Kneser–Ney, imported ARPA) have an ARPA
    /// form: MLE and add-k never back off.
    ///
    /// - Complexity: O(stored n-grams · order).
    public func arpaText() throws(LanguageModelError) -> [UInt8] {
        guard form == .backoff else {
            throw .unsupported("only Kneser–Ney (backoff) models can be written as ARPA; MLE and add-k models do not back off (save them with the binary format instead)")
        }
        var out: [UInt8] = []
        out.reserveCapacity(ngramCounts.reduce(0, +) * 40)
        func append(_ text: String) { out.append(contentsOf: text.utf8) }
        append("\\data\\\n")
        for (index, count) in ngramCounts.enumerated() { append("ngram \(index + 1)=\(count)\n") }
        // text of each entry of the previous order, to prefix its successors
        var previousText: [[UInt8]] = []
        for n in 1...order {
            append("\n\\\(n)-grams:\n")
            let count = ngramCounts[n - 1]
            let keepText = n < order
            var texts: [[UInt8]] = []
            if keepText { texts.reserveCapacity(count) }
            func line(_ index: Int, text: [UInt8]) {
                out.append(contentsOf: ARPANumber.format(log10Probability(order: n, index)).utf8)
                out.append(0x09)
                out.append(contentsOf: text)
                if n < order {
                    out.append(0x09)
                    out.append(contentsOf: ARPANumber.format(inner[n - 1][index].log10Weight).utf8)
                }
                out.append(0x0A)
                if keepText { texts.append(text) }
            }
            if n == 1 {
                for id in 0..<count { line(id, text: Array(vocabulary[WordID(id)].utf8)) }
            } else {
                for context in 0..<previousText.count {
                    for index in successorRange(order: n - 1, context) {
                        line(index, text: previousText[context] + [0x20] + Array(vocabulary[word(order: n, index)].utf8))
                    }
                }
            }
            previousText = texts
        }
        append("\n\\end\\\n")
        return out
    }

    /// Writes the ARPA text with `AtomicFile`.
    public func writeARPA(to path: String) throws(LanguageModelError) {
        let text = try arpaText()
        do {
            try AtomicFile.write(Data(text), to: path)
        } catch {
            throw .io(path: path, message: "cannot write the ARPA file: \(error.reason)")
        }
    }

    /// Whether the file at `path` is ARPA text: its first line that is not blank is `\data\`.
    /// Any ARPA file counts, not only ours: the format has no place for a signature that every
    /// reader skips.
    public static func isARPAFile(at path: String) -> Bool {
        guard let head = OutputTarget.head(of: path, count: 4096) else { return false }
        let text = String(decoding: head, as: UTF8.self)
        return text.split(whereSeparator: \.isNewline).first { !$0.allSatisfy(\.isWhitespace) } == "\\data\\"
    }
}

/// Numbers as KenLM writes them: the shortest decimal that reads back as the same `Float`, in
/// positional notation for exponents from −6 on, without a trailing ".0".
enum ARPANumber {
    static func format(_ value: Float) -> String {
        if value == 0 { return "0" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        var text = value.description  // shortest round-trip digits
        if text.hasSuffix(".0") { text.removeLast(2) }
        guard let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) else { return text }
        let exponent = Int(text[text.index(after: e)...])!
        guard exponent >= -6 && exponent < 21 else { return text }
        var mantissa = String(text[..<e])
        let negative = mantissa.hasPrefix("-")
        if negative { mantissa.removeFirst() }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        let digits = String(parts[0]) + (parts.count > 1 ? String(parts[1]) : "")
        let point = parts[0].count + exponent  // position of the decimal point in `digits`
        var result: String
        if point <= 0 {
            result = "0." + String(repeating: "0", count: -point) + digits
        } else if point >= digits.count {
            result = digits + String(repeating: "0", count: point - digits.count)
        } else {
            result = String(digits.prefix(point)) + "." + String(digits.dropFirst(point))
        }
        return (negative ? "-" : "") + result
    }
}
