/// The process exit status: 0 ok, 1 an error in the program or data, 2 a usage error.
public struct ExitCode: Equatable, Sendable {
    public let rawValue: Int32
    public static let success = ExitCode(rawValue: 0)
    public static let failure = ExitCode(rawValue: 1)
    public static let usage = ExitCode(rawValue: 2)
}

/// A mistake on the command line (exit status 2).
public struct UsageError: Error, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
}
