/// Everything that can go wrong writing an output file or folder.
public enum FileOutputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file system refused (a read-only folder, a full disk): what it said.
    case io(path: String, message: String)
    /// Something other than an output of the expected kind is at the path.
    case foreign(path: String, expected: String)
    /// The output path is an input of the same run, or a folder holding one.
    case isInput(path: String, input: String)
    /// The new output failed its check, so it replaced nothing.
    case invalid(path: String, reason: String)

    /// The path the error is about.
    public var path: String {
        switch self {
        case .io(let path, _), .foreign(let path, _), .isInput(let path, _), .invalid(let path, _): path
        }
    }

    /// The message without the path, for a module that wraps the error in its own.
    public var reason: String {
        switch self {
        case .io(_, let message):
            return message
        case .foreign(_, let expected):
            return "it exists and is not \(expected) written by critic, so it was left untouched (write to a new path, or remove it first)"
        case .isInput(let path, let input):
            let what = input == path ? "it is an input of this run" : "it holds \(input), an input of this run"
            return "\(what), so it was left untouched (write the output to another path)"
        case .invalid(_, let reason):
            return "the new output was not written: \(reason); anything already at the path is unchanged"
        }
    }

    public var description: String { "\(path): \(reason)" }
}
