import ArgumentParser
import CriticKit
import Foundation

/// The reviews `critic rbm` and `critic embed` read, until the shared corpus options land:
/// each path is a UTF-8 file holding one review per line; the critic of a review is the name
/// of the folder holding its file (`scaledata/<Critic>/subj.<Critic>`), its id `file:line`.
struct ReviewLinesInput: ParsableArguments {
    @Argument(help: "Files with one review per line; a review's critic is the name of its file's folder.")
    var corpus: [String]

    func validate() throws {
        if corpus.isEmpty { throw ValidationError("Name at least one corpus file (one review per line).") }
    }

    func load() throws -> [Review] {
        var reviews: [Review] = []
        for path in corpus {
            guard let data = FileManager.default.contents(atPath: path) else { throw CorpusError.missingFile(path: path) }
            let critic = URL(fileURLWithPath: path).deletingLastPathComponent().lastPathComponent
            var lineStart = 0
            var lineNumber = 0
            let bytes = [UInt8](data)
            while lineStart < bytes.count {
                lineNumber += 1
                let lineEnd = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
                var slice = bytes[lineStart..<lineEnd]
                if slice.last == UInt8(ascii: "\r") { slice = slice.dropLast() }
                guard let text = String(validating: slice, as: UTF8.self) else {
                    // The first byte that does not decode, counted from the start of the file.
                    var iterator = slice.makeIterator()
                    var parser = Unicode.UTF8.ForwardParser()
                    var offset = lineStart
                    decoding: while true {
                        switch parser.parseScalar(from: &iterator) {
                        case .valid(let scalar): offset += scalar.count
                        case .emptyInput, .error: break decoding
                        }
                    }
                    throw CorpusError.invalidUTF8(path: path, line: lineNumber, byteOffset: offset)
                }
                if !text.allSatisfy(\.isWhitespace) {
                    reviews.append(Review(critic: critic, id: "\(URL(fileURLWithPath: path).lastPathComponent):\(lineNumber)",
                                          text: text, source: SourcePosition(path: path, line: lineNumber)))
                }
                lineStart = lineEnd + 1
            }
        }
        if reviews.isEmpty { throw CorpusError.emptyCorpus(path: corpus.joined(separator: ", ")) }
        return reviews
    }
}

/// Writes a line to standard error (progress and warnings; stdout is for results and --json).
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Whether progress should be drawn: only when a person is watching standard error.
var stderrIsTerminal: Bool { isatty(2) != 0 }

/// A JSON document on standard output.
func printJSON(_ object: Any) throws {
    let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
    FileHandle.standardOutput.write(data + Data("\n".utf8))
}
