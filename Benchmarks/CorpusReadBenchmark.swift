// corpus-read: how fast the corpus readers stream reviews, as ratios to references timed in the
// same run: reading the same bytes raw (the I/O floor) and Python's xml.etree.iterparse (expat).
import CriticKit
import CriticSupport
import Foundation

func corpusReadBenchmark() throws {
    let folder = NSTemporaryDirectory() + "critic-bench-corpus-\(getpid())"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let (xmlPath, linesPath, reviews) = try writeSyntheticCorpus(in: folder, megabytes: 40, seed: 42)
    let megabytes = Double((try FileManager.default.attributesOfItem(atPath: xmlPath)[.size] as? Int) ?? 0) / 1e6

    let raw = bestOf(3) { _ = try rawRead(xmlPath) }
    let strict = bestOf(3) {
        let count = try CorpusReader(path: xmlPath).forEach { _ in }.read
        precondition(count == reviews, "read \(count) of \(reviews) reviews")
    }
    let recover = bestOf(3) {
        let count = try CorpusReader(path: xmlPath, options: CorpusReadOptions(recover: true)).forEach { _ in }.read
        precondition(count == reviews, "read \(count) of \(reviews) reviews")
    }
    let lines = bestOf(3) {
        let count = try CorpusReader(path: linesPath).forEach { _ in }.read
        precondition(count == reviews, "read \(count) of \(reviews) reviews")
    }
    let python = bestOf(3) { try pythonIterparse(xmlPath, expected: reviews) }

    print(String(format: "synthetic dump: %.1f MB of XML, %d reviews (seed 42)", megabytes, reviews))
    func row(_ name: String, _ seconds: Double?) {
        guard let seconds else { print("  \(name): not measured"); return }
        let padded = name.padding(toLength: 36, withPad: " ", startingAt: 0)
        print(padded + String(format: "%7.3f s  %7.1f MB/s  %5.2f× the raw read's time", seconds,
                              megabytes / seconds, seconds / raw!))
    }
    row("  raw read (reference)", raw)
    row("  python iterparse (reference)", python)
    row("  xml, streamed", strict)
    row("  xml, --recover (review by review)", recover)
    row("  lines (same reviews)", lines)
    if let python, let strict {
        print(String(format: "  xml streamed / python iterparse time: %.2f (below 1: faster than the reference)", strict / python))
    }
}

/// The fastest of `runs` timings, or nil when the body could not run (a missing reference).
private func bestOf(_ runs: Int, _ body: () throws -> Void) -> Double? {
    var best = Double.infinity
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        do { try body() } catch {
            FileHandle.standardError.write(Data("  (skipped: \(error))\n".utf8))
            return nil
        }
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return best
}

private func rawRead(_ path: String) throws -> Int {
    guard let handle = FileHandle(forReadingAtPath: path) else { throw CocoaError(.fileNoSuchFile) }
    defer { try? handle.close() }
    var newlines = 0
    while let block = try handle.read(upToCount: 1 << 20), !block.isEmpty {
        block.withUnsafeBytes { bytes in
            for byte in bytes where byte == 0x0A { newlines += 1 }
        }
    }
    return newlines
}

private func pythonIterparse(_ path: String, expected: Int) throws {
    let script = """
        import sys, xml.etree.ElementTree as ET
        n = 0
        for event, element in ET.iterparse(sys.argv[1]):
            if element.tag == 'review':
                n += 1
                element.clear()
        print(n)
        """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
    process.arguments = ["-c", script, path]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let count = Int(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    guard process.terminationStatus == 0, count == expected else {
        throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "python3 iterparse failed"])
    }
}

/// Seeded pseudo-English reviews (Zipf-like word choice from a fixed vocabulary) written as the
/// default XML schema and as one review per line.
private func writeSyntheticCorpus(in folder: String, megabytes: Int, seed: UInt64) throws
    -> (xml: String, lines: String, reviews: Int) {
    var generator = SeededGenerator(seed: seed)
    func next() -> UInt64 { generator.next() }
    let syllables = ["ka", "lo", "mi", "ne", "ru", "sa", "te", "vi", "do", "pa", "zu", "che", "an", "or", "el"]
    let vocabulary: [String] = (0..<5000).map { index in
        var word = ""
        var value = index + 1
        while value > 0 { word += syllables[value % syllables.count]; value /= syllables.count }
        return word
    }
    let critics = ["ada-sterling", "walter-crane", "jolene-ray", "rune-okafor"]
    var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<reviews>\n"
    var lines = ""
    var reviews = 0
    while xml.utf8.count < megabytes << 20 {
        var words: [String] = []
        for _ in 0..<(60 + Int(next() % 400)) {
            // Zipf-like: squaring a uniform draw favours small ranks.
            let uniform = Double(next() >> 11) / Double(1 << 53)
            words.append(vocabulary[Int(uniform * uniform * Double(vocabulary.count))])
            if next() % 12 == 0 { words.append(next() % 2 == 0 ? "," : ".") }
        }
        let text = words.joined(separator: " ")
        let critic = critics[Int(next() % UInt64(critics.count))]
        xml += "<review critic=\"\(critic)\" id=\"r\(reviews)\" rating=\"\(next() % 5 + 1)\"><title>Film \(reviews)</title><text>\(text) &amp; more</text></review>\n"
        lines += text + " & more\n"
        reviews += 1
    }
    xml += "</reviews>\n"
    let xmlPath = folder + "/synthetic.xml"
    let linesPath = folder + "/synthetic.txt"
    try Data(xml.utf8).write(to: URL(fileURLWithPath: xmlPath))
    try Data(lines.utf8).write(to: URL(fileURLWithPath: linesPath))
    return (xmlPath, linesPath, reviews)
}
