import CriticKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Buffered standard output: large writes instead of one system call per line.
final class BufferedOutput {
    private var buffer: [UInt8] = []
    private let capacity: Int

    init(capacity: Int = 1 << 16) {
        self.capacity = capacity
        buffer.reserveCapacity(capacity + 4096)
    }

    deinit { flush() }

    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= capacity { flush() }
    }

    func write(_ byte: UInt8) {
        buffer.append(byte)
    }

    func flush() {
        var offset = 0
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes { raw in
                systemWrite(1, raw.baseAddress! + offset, raw.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                break  // stdout closed (e.g. `| head`): nothing more can be shown
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

#if canImport(Glibc)
private let systemWrite = Glibc.write
#else
private let systemWrite = Darwin.write
#endif

/// JSON Lines on buffered stdout, one encoded report per line, for the commands that print while
/// they read (`tokenize`, `corpus` streams): the reader's callback can only throw corpus errors,
/// so an encoding failure is kept, nothing more is written, and ``finish()`` throws it.
struct JSONLinesWriter {
    let output: BufferedOutput
    private let encoder = ReportJSON.encoder()
    private(set) var failure: (any Error)?

    init(_ output: BufferedOutput) { self.output = output }

    mutating func write<Report: Encodable>(_ report: Report) {
        guard failure == nil else { return }
        do { output.write(try ReportJSON.line(report, using: encoder)) } catch { failure = error }
    }

    func finish() throws {
        if let failure { throw failure }
    }
}
