import CriticCorpus
import CriticSupport
import Foundation

extension NGramModel {
    /// Reads an ARPA file (KenLM's lmplz, SRILM's ngram-count): orders 1 … 5, log10 values,
    /// fields separated by tabs or spaces. The vocabulary is the unigrams in file order after
    /// `<unk>`, `<s>`, `</s>`; a file without `<unk>` gets one with log10 probability −100 (as KenLM
    /// does). Every context of a stored n-gram must itself be stored (true of lmplz output and of
    /// unpruned SRILM models).
    public static func readARPA(from path: String) throws(LanguageModelError) -> NGramModel {
        switch InputFile.read(path) {
        case .success(let bytes): return try parseARPA(bytes, path: path)
        case .failure(let problem): throw .io(path: path, message: "\(problem) (give an ARPA file)")
        }
    }

    /// Parses ARPA text (see `readARPA(from:)`); `path` names the source in error messages.
    public static func parseARPA(_ bytes: [UInt8], path: String = "<arpa>") throws(LanguageModelError) -> NGramModel {
        var lines = ARPALines(bytes)
        func fail(_ message: String) -> LanguageModelError { .malformedARPA(path: path, line: lines.number, message: message) }

        // header
        var line = lines.nextNonEmpty()
        guard let header = line, header.elementsEqual("\\data\\".utf8) else { throw fail("expected \\data\\") }
        var declared: [Int] = []
        while let next = lines.next(), !next.isEmpty {
            let text = String(decoding: next, as: UTF8.self)
            guard text.hasPrefix("ngram "), let equals = text.firstIndex(of: "="),
                  let n = Int(text[text.index(text.startIndex, offsetBy: 6)..<equals].trimmingCharacters(in: .whitespaces)),
                  let count = Int(text[text.index(after: equals)...].trimmingCharacters(in: .whitespaces)) else {
                throw fail("expected 'ngram N=COUNT'")
            }
            guard n == declared.count + 1 else { throw fail("ngram \(n) declared out of order") }
            // Each n-gram takes a line of at least 2n + 2 bytes ("p w1 … wn\n"), so a count the
            // file cannot hold is a corrupt header, refused before anything is allocated for it.
            guard count >= 0 else { throw fail("ngram \(n)=\(count): a count cannot be negative") }
            guard count <= bytes.count / (2 * n + 2) else {
                throw fail("ngram \(n)=\(count) declares more \(n)-grams than a file of \(bytes.count) bytes can hold (the header is corrupt or the file truncated)")
            }
            declared.append(count)
        }
        let order = declared.count
        guard order >= 1 else { throw fail("the header declares no n-gram counts") }
        guard NGramCounts.supportedOrders.contains(order) else { throw .unsupportedOrder(order) }

        var vocabulary = Vocabulary()
        var unigrams: [(Float, Float)] = []
        var seenReserved = [false, false, false]
        var builder: NGramModelBuilder?
        var tables: [CountTable] = []  // (context position, word) → position, per order ≥ 2
        var fields: [ArraySlice<UInt8>] = []
        for n in 1...order {
            line = lines.nextNonEmpty()
            guard let sectionHeader = line, sectionHeader.elementsEqual("\\\(n)-grams:".utf8) else {
                throw fail("expected \\\(n)-grams:")
            }
            var entries: [NGramModelBuilder.Entry] = []
            entries.reserveCapacity(declared[n - 1])
            var table = CountTable(capacity: n > 1 ? declared[n - 1] : 16)
            for _ in 0..<declared[n - 1] {
                guard let text = lines.next(), !text.isEmpty else {
                    throw fail("expected \(declared[n - 1]) \(n)-grams as the header declares, found fewer")
                }
                ARPALines.split(text, into: &fields)
                let hasWeight = fields.count == n + 2
                guard fields.count == n + 1 || hasWeight, n < order || !hasWeight else {
                    throw fail("expected a log10 probability, \(n) word\(n == 1 ? "" : "s")\(n < order ? " and an optional backoff" : "")")
                }
                guard let probability = ARPALines.float(fields[0]) else { throw fail("'\(String(decoding: fields[0], as: UTF8.self))' is not a number") }
                // A log10 probability is finite and at most 0 (a probability in (0, 1]); nan,
                // ±inf or a positive value would score silently wrong, so it is refused here.
                guard probability.isFinite, probability <= 0 else {
                    throw fail("log10 probability \(String(decoding: fields[0], as: UTF8.self)) is \(probability.isFinite ? "positive (a probability above 1)" : "not a finite number"); ARPA log10 probabilities are finite and at most 0")
                }
                var weight: Float = 0
                if hasWeight {
                    guard let value = ARPALines.float(fields[n + 1]) else { throw fail("'\(String(decoding: fields[n + 1], as: UTF8.self))' is not a number") }
                    guard value.isFinite else {
                        throw fail("log10 backoff weight \(String(decoding: fields[n + 1], as: UTF8.self)) is not a finite number")
                    }
                    weight = value
                }
                if n == 1 {
                    let token = String(decoding: fields[1], as: UTF8.self)
                    let before = vocabulary.count
                    let id = vocabulary.add(token)
                    if Int(id) < Vocabulary.reservedCount {
                        guard !seenReserved[Int(id)] else { throw fail("\(token) appears twice") }
                        seenReserved[Int(id)] = true
                    } else if vocabulary.count == before {
                        throw fail("\(token) appears twice")
                    }
                    if Int(id) >= unigrams.count { unigrams.append(contentsOf: repeatElement((0, 0), count: Int(id) + 1 - unigrams.count)) }
                    unigrams[Int(id)] = (probability, weight)
                    continue
                }
                // context position: follow the words through the tables of lower orders
                var context = -1
                for k in 1..<n {
                    guard let id = vocabulary.lookup(String(decoding: fields[k], as: UTF8.self)) else {
                        throw fail("'\(String(decoding: fields[k], as: UTF8.self))' is not among the unigrams")
                    }
                    if k == 1 {
                        context = Int(id)
                    } else {
                        guard let found = tables[k - 2].find(Hashing.key(context: UInt32(context), word: id)) else {
                            throw fail("the context of this \(n)-gram is not among the \(k)-grams (a pruned model? every context must be listed)")
                        }
                        context = found
                    }
                }
                guard let word = vocabulary.lookup(String(decoding: fields[n], as: UTF8.self)) else {
                    throw fail("'\(String(decoding: fields[n], as: UTF8.self))' is not among the unigrams")
                }
                let position = table.add(Hashing.key(context: UInt32(context), word: word))
                guard position == entries.count else { throw fail("this \(n)-gram appears twice") }
                entries.append(.init(context: UInt32(context), word: word, log10Probability: probability, log10Weight: weight))
            }
            if n == 1 {
                // Every id has a row, even with no unigram listed (a header declaring 1=0).
                if unigrams.count < vocabulary.count {
                    unigrams.append(contentsOf: repeatElement((0, 0), count: vocabulary.count - unigrams.count))
                }
                if !seenReserved[0] { unigrams[0] = (-100, 0) }
                if !seenReserved[2] { unigrams[2] = (-100, 0) }
                builder = NGramModelBuilder(order: order, vocabulary: vocabulary, form: .backoff)
                builder!.unigrams = unigrams
            } else {
                builder!.higher[n - 2] = entries
                tables.append(table)
            }
        }
        guard let end = lines.nextNonEmpty(), end.elementsEqual("\\end\\".utf8) else {
            throw fail("expected \\end\\ after the \(order)-grams (is the file truncated, or does the header declare too few n-grams?)")
        }
        return NGramModel(builder!)
    }
}

/// Lines of a byte buffer, with their 1-based numbers.
struct ARPALines {
    let bytes: [UInt8]
    var position = 0
    private(set) var number = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func next() -> ArraySlice<UInt8>? {
        guard position < bytes.count else { return nil }
        number += 1
        let start = position
        var end = start
        while end < bytes.count && bytes[end] != 0x0A { end += 1 }
        position = end + 1
        var last = end
        while last > start && (bytes[last - 1] == 0x0D || bytes[last - 1] == 0x20 || bytes[last - 1] == 0x09) { last -= 1 }
        return bytes[start..<last]
    }

    mutating func nextNonEmpty() -> ArraySlice<UInt8>? {
        while let line = next() { if !line.isEmpty { return line } }
        return nil
    }

    static func split(_ line: ArraySlice<UInt8>, into fields: inout [ArraySlice<UInt8>]) {
        fields.removeAll(keepingCapacity: true)
        var index = line.startIndex
        while index < line.endIndex {
            while index < line.endIndex && (line[index] == 0x20 || line[index] == 0x09) { index += 1 }
            let start = index
            while index < line.endIndex && line[index] != 0x20 && line[index] != 0x09 { index += 1 }
            if index > start { fields.append(line[start..<index]) }
        }
    }

    static func float(_ field: ArraySlice<UInt8>) -> Float? {
        Float(String(decoding: field, as: UTF8.self))
    }
}
