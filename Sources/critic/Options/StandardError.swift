import ArgumentParser
import CriticKit
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
    } catch let error as any Error & CustomStringConvertible {
        printError("critic: \(error.description)" + (flagHint(for: error).map { " — \($0)" } ?? ""))
        throw ExitCode(1)
    } catch {
        printError("critic: \(error.localizedDescription)")
        throw ExitCode(1)
    }
}

/// The flag that fixes `error`, for the errors whose fix is one: the library's messages say what
/// is wrong in its own terms ("the file may be in another encoding"), and the command line adds
/// how to say it here.
func flagHint(for error: any Error) -> String? {
    switch error {
    case let error as CorpusError:
        switch error {
        case .unknownLayout: return "name it with --format"
        case .emptyCorpus: return "check --format"
        case .invalidUTF8: return "try --encoding windows-1252"
        case .undecodable: return "check --encoding"
        case .malformedXML: return "pass --recover"
        default: return nil
        }
    case let error as LanguageModelError:
        if case .emptyTrainingData = error { return "check --format" }
        return nil
    case let error as RBMError:
        switch error {
        case .emptyData: return "check --format"
        case .tooLargeForExactEvaluation: return "drop --exact"
        default: return nil
        }
    case let error as AuthorshipError:
        switch error {
        case .noCritics: return "for XML, name the critic's element with --xml-critic"
        case .criticRequired: return "choose with --critic NAME"
        case .unknownCritic: return "give one of them to --critic"
        case .invalidFolds(let folds, _): return "change --folds \(folds)"
        default: return nil
        }
    case is ReviewEmbeddingError:
        return "relax --min-df / --max-df"
    default:
        return nil
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
