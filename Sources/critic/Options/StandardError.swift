import ArgumentParser
import Foundation

/// Runs a command's work; a toolkit error (corpus, language model, RBM) becomes one line,
/// `critic: <message>`, on stderr and exit code 1. Argument-parser errors pass through.
func reportingFailures(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as ExitCode {
        throw error
    } catch let error as ValidationError {
        throw error
    } catch let error as CleanExit {
        throw error
    } catch let error as CustomStringConvertible {
        printError("critic: \(error.description)")
        throw ExitCode(1)
    } catch {
        printError("critic: \(error.localizedDescription)")
        throw ExitCode(1)
    }
}

/// Writes one line to stderr.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Whether stderr is a terminal (progress is shown only then).
var standardErrorIsTerminal: Bool { isatty(2) == 1 }

/// A progress line on stderr, redrawn in place, shown only when stderr is a terminal.
struct ProgressLine {
    private let enabled = standardErrorIsTerminal
    private var shown = false

    mutating func update(_ text: @autoclosure () -> String) {
        guard enabled else { return }
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + text()).utf8))
        shown = true
    }

    mutating func clear() {
        guard enabled, shown else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        shown = false
    }
}
