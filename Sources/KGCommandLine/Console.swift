import Foundation

/// Where the command line writes: standard output and standard error, replaceable in tests.
public final class Console: @unchecked Sendable {
    public var writeOut: (String) -> Void
    public var writeError: (String) -> Void
    /// True when standard output is a terminal (answers default to tables).
    public var outputIsTerminal: Bool
    /// True when standard error is a terminal (messages may be coloured).
    public var errorIsTerminal: Bool

    public init(writeOut: @escaping (String) -> Void, writeError: @escaping (String) -> Void, outputIsTerminal: Bool,
                errorIsTerminal: Bool = false) {
        self.writeOut = writeOut
        self.writeError = writeError
        self.outputIsTerminal = outputIsTerminal
        self.errorIsTerminal = errorIsTerminal
    }

    /// The process's own standard output and error.
    public static func standard() -> Console {
        Console(
            writeOut: { FileHandle.standardOutput.write(Data($0.utf8)) },
            writeError: { FileHandle.standardError.write(Data($0.utf8)) },
            outputIsTerminal: isatty(STDOUT_FILENO) == 1,
            errorIsTerminal: isatty(STDERR_FILENO) == 1)
    }

    public func out(_ text: String) { writeOut(text) }
    public func error(_ text: String) { writeError(text) }
}
