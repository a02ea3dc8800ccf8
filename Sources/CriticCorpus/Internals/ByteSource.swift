#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Raw bytes of one input (a file, or standard input for the path "-"), read in blocks with
/// POSIX `read` so that memory stays independent of the input's size.
///
/// Bytes can be peeked (for format detection) and are then replayed by `read`. When
/// `validatesUTF8` is set, every byte handed out is checked and the first invalid sequence
/// throws `CorpusError.invalidUTF8` with its line and 0-based byte offset.
final class ByteSource {
    /// The path as the user wrote it ("-" for standard input).
    let path: String
    /// The name used in messages ("<stdin>" for standard input).
    let displayPath: String
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    private var peeked: [UInt8] = []
    private var peekedStart = 0
    private var validator = UTF8Validator()
    var validatesUTF8 = false
    /// Reused for every block read, so that reading allocates nothing per block.
    private let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)

    init(path: String) throws(CorpusError) {
        self.path = path
        if path == "-" {
            descriptor = 0
            ownsDescriptor = false
            displayPath = "<stdin>"
        } else {
            var status = stat()
            guard stat(path, &status) == 0 else { throw CorpusError.missingFile(path: path) }
            if (status.st_mode & S_IFMT) == S_IFDIR {
                throw CorpusError.io(path: path, message: "is a folder, not a file")
            }
            let fd = open(path, O_RDONLY)
            guard fd >= 0 else {
                throw CorpusError.io(path: path, message: "cannot open: \(String(cString: strerror(errno)))")
            }
            descriptor = fd
            ownsDescriptor = true
            displayPath = path
        }
    }

    deinit {
        if ownsDescriptor { close(descriptor) }
        scratch.deallocate()
    }

    /// Up to `count` bytes from the start of what has not been read yet, without consuming them.
    func peek(_ count: Int) throws(CorpusError) -> [UInt8] {
        while peeked.count - peekedStart < count {
            let wanted = min(scratch.count, count - (peeked.count - peekedStart))
            let got = try rawRead(UnsafeMutableRawBufferPointer(rebasing: scratch[0..<wanted]))
            if got == 0 { break }
            peeked.append(contentsOf: scratch[0..<got])
        }
        return Array(peeked[peekedStart..<min(peeked.count, peekedStart + count)])
    }

    /// Reads up to `buffer.count` bytes; 0 means the end of the input.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(CorpusError) -> Int {
        guard buffer.count > 0 else { return 0 }
        var got: Int
        if peekedStart < peeked.count {
            got = min(buffer.count, peeked.count - peekedStart)
            peeked.withUnsafeBytes { source in
                buffer.baseAddress!.copyMemory(from: source.baseAddress! + peekedStart, byteCount: got)
            }
            peekedStart += got
            if peekedStart == peeked.count { peeked = []; peekedStart = 0 }
        } else {
            got = try rawRead(buffer)
        }
        if validatesUTF8 {
            let bytes = UnsafeRawBufferPointer(rebasing: buffer[0..<got]).bindMemory(to: UInt8.self)
            if let failure = validator.feed(bytes, isLast: got == 0) {
                throw CorpusError.invalidUTF8(path: displayPath, line: failure.line, byteOffset: failure.byteOffset)
            }
        }
        return got
    }

    /// Reads up to `maximum` bytes (at most 1 MB) and appends them to `bytes`; 0 means the end.
    func read(appendingTo bytes: inout [UInt8], maximum: Int = 1 << 16) throws(CorpusError) -> Int {
        let got = try read(into: UnsafeMutableRawBufferPointer(rebasing: scratch[0..<min(maximum, scratch.count)]))
        bytes.append(contentsOf: scratch[0..<got])
        return got
    }

    private func rawRead(_ buffer: UnsafeMutableRawBufferPointer) throws(CorpusError) -> Int {
        while true {
            let got = systemRead(descriptor, buffer.baseAddress, buffer.count)
            if got >= 0 { return got }
            if errno == EINTR { continue }
            throw CorpusError.io(path: displayPath, message: "cannot read: \(String(cString: strerror(errno)))")
        }
    }
}

#if canImport(Glibc)
private let systemRead = Glibc.read
#else
private let systemRead = Darwin.read
#endif

/// Checks UTF-8 incrementally (sequences may straddle blocks), counting lines so that the first
/// invalid sequence can be reported as line and 0-based byte offset of its lead byte.
///
/// Follows the Unicode Standard's table of well-formed byte sequences (Table 3-7): no overlong
/// forms, no surrogates (ED A0–BF), nothing above U+10FFFF.
struct UTF8Validator {
    struct Failure: Equatable { var line: Int; var byteOffset: Int }

    private(set) var offset = 0
    private(set) var line = 1
    private var pending = 0
    private var lower: UInt8 = 0x80
    private var upper: UInt8 = 0xBF
    private var leadOffset = 0
    private var leadLine = 1

    /// Validates the next block; `isLast` reports a sequence cut off by the end of the input.
    mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>, isLast: Bool = false) -> Failure? {
        guard let base = bytes.baseAddress else {
            return isLast && pending > 0 ? Failure(line: leadLine, byteOffset: leadOffset) : nil
        }
        var index = 0
        let count = bytes.count
        while index < count {
            // ASCII fast path, eight bytes at a time: no high bit set; line feeds are counted as
            // the zero bytes of (word XOR 0x0A…0A), exactly (no borrow between bytes).
            if pending == 0 && index + 8 <= count {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 == 0 {
                    let x = word ^ 0x0A0A_0A0A_0A0A_0A0A
                    let high = ~(((x & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | x | 0x7F7F_7F7F_7F7F_7F7F)
                    line += high.nonzeroBitCount
                    offset += 8
                    index += 8
                    continue
                }
            }
            let byte = base[index]
            index += 1
            if pending == 0 {
                if byte < 0x80 {
                    if byte == 0x0A { line += 1 }
                    offset += 1
                    continue
                }
                leadOffset = offset
                leadLine = line
                lower = 0x80
                upper = 0xBF
                switch byte {
                case 0xC2...0xDF: pending = 1
                case 0xE0: pending = 2; lower = 0xA0
                case 0xE1...0xEC, 0xEE...0xEF: pending = 2
                case 0xED: pending = 2; upper = 0x9F
                case 0xF0: pending = 3; lower = 0x90
                case 0xF1...0xF3: pending = 3
                case 0xF4: pending = 3; upper = 0x8F
                default: return Failure(line: line, byteOffset: offset)
                }
            } else {
                guard byte >= lower && byte <= upper else { return Failure(line: leadLine, byteOffset: leadOffset) }
                lower = 0x80
                upper = 0xBF
                pending -= 1
            }
            offset += 1
        }
        if isLast && pending > 0 { return Failure(line: leadLine, byteOffset: leadOffset) }
        return nil
    }

    /// The offset of the first invalid sequence in a whole buffer, if any.
    static func firstFailure(in bytes: UnsafeBufferPointer<UInt8>) -> Failure? {
        var validator = UTF8Validator()
        return validator.feed(bytes, isLast: true)
    }
}
