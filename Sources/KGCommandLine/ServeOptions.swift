/// The options of `kg serve` (beside the common ones: --data, --seeds, --docs, --timeout, --max-facts).
public struct ServeOptions: Sendable {
    public var port = 8080
    public var host = "127.0.0.1"
    /// Worker threads; nil: as many as the machine has cores (at least 2, at most 8).
    public var workers: Int?
    public var maxConnections = 256

    /// The flags given, so other commands can refuse them.
    var given: [String] = []

    static let flags: Set<String> = ["--port", "--host", "--workers", "--max-connections"]

    mutating func parse(_ flag: String, _ value: String) throws {
        given.append(flag)
        switch flag {
        case "--port":
            guard let n = Int(value), (0...65535).contains(n) else { throw UsageError("--port needs a port number from 0 to 65535, not '\(value)'") }
            port = n
        case "--host":
            guard !value.isEmpty else { throw UsageError("--host needs an address, such as 127.0.0.1") }
            host = value
        case "--workers":
            guard let n = Int(value), (1...64).contains(n) else { throw UsageError("--workers needs a whole number from 1 to 64, not '\(value)'") }
            workers = n
        case "--max-connections":
            guard let n = Int(value), (1...10_000).contains(n) else { throw UsageError("--max-connections needs a whole number from 1 to 10000, not '\(value)'") }
            maxConnections = n
        default:
            throw UsageError("unknown option '\(flag)'")
        }
    }
}
