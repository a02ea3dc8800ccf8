/// Everything that can go wrong in the linear algebra: input of the wrong shape or size.
public enum LinearAlgebraError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A matrix with no rows, where a fit needs at least one.
    case emptyData
    /// Input whose number of columns does not match what was fitted.
    case shapeMismatch(expected: Int, found: Int, what: String)

    public var description: String {
        switch self {
        case .emptyData:
            return "the matrix has no rows (a fit needs at least one)"
        case .shapeMismatch(let expected, let found, let what):
            return "\(what): expected \(expected) columns, found \(found) (transform data of the dimension that was fitted)"
        }
    }
}
