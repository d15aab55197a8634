import Foundation

/// Runs the built `kg` executable as a child process, the way a user's shell would, for the
/// end-to-end tests (golden fixtures and the examples of docs/LANGUAGE.md).
///
/// The binary is found beside the test bundle: the test target depends on the `kg` target,
/// so SwiftPM builds `kg` into the same products directory (`.build/debug/kg` next to
/// `.build/debug/kgPackageTests.xctest`). `KG_BINARY=/path/to/kg` overrides the search.
enum KGProcess {
    /// What one run printed and how it ended.
    struct Outcome: Sendable {
        var stdout: String
        var stderr: String
        var status: Int32
    }

    enum Failure: Error, CustomStringConvertible {
        case binaryNotFound([String])
        case timedOut(seconds: Double)

        var description: String {
            switch self {
            case .binaryNotFound(let places):
                return "cannot find the kg executable; looked in: \(places.joined(separator: ", ")) (set KG_BINARY)"
            case .timedOut(let s):
                return "kg did not finish within \(Int(s)) seconds and was stopped"
            }
        }
    }

    /// The `kg` executable built beside the tests.
    static func binary() throws -> URL {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["KG_BINARY"], !path.isEmpty { return URL(fileURLWithPath: path) }
        var starts: [URL] = []
        if let executable = Bundle.main.executableURL { starts.append(executable.deletingLastPathComponent()) }
        starts.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        starts.append(Bundle.main.bundleURL)
        for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
            starts.append(bundle.bundleURL.deletingLastPathComponent())
        }
        // On macOS the test runner sits inside kgPackageTests.xctest/Contents/MacOS: walk up.
        var looked: [String] = []
        for start in starts {
            var directory = start.standardizedFileURL
            for _ in 0..<4 {
                let candidate = directory.appendingPathComponent("kg")
                looked.append(candidate.path)
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                   FileManager.default.isExecutableFile(atPath: candidate.path) {
                    return candidate
                }
                directory = directory.deletingLastPathComponent()
            }
        }
        throw Failure.binaryNotFound(looked)
    }

    /// Runs `kg arguments` in `directory` (nil: a fresh scratch folder) with a fresh HOME, so
    /// no ~/.kg_history leaks in, and TERM=dumb unless `environment` says otherwise (a nil
    /// value there removes the variable). Standard input is `stdin` fed through a pipe (from
    /// another thread, so a script larger than the pipe buffer cannot deadlock), or the file
    /// `stdinFile`, or empty. With `mergeOutput`, standard error goes to the same place as
    /// standard output, interleaved as a terminal shows them, and `stderr` of the outcome is
    /// empty. With `fileSizeLimit` (in 512- or 1024-byte blocks, `ulimit -f`), kg runs with
    /// SIGXFSZ ignored, so writing past the limit fails with EFBIG instead of killing it.
    static func run(_ arguments: [String], in directory: URL? = nil, stdin: String? = nil, stdinFile: URL? = nil,
                    environment overrides: [String: String?] = [:], mergeOutput: Bool = false,
                    fileSizeLimit: Int? = nil, timeout: Double = 120) throws -> Outcome {
        let kg = try binary()
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("kg-e2e-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout")
        let errURL = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: outURL)
        let errHandle = try FileHandle(forWritingTo: errURL)
        defer {
            try? outHandle.close()
            try? errHandle.close()
        }

        let process = Process()
        if let blocks = fileSizeLimit {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "ulimit -f \(blocks) && trap '' XFSZ && exec \"$0\" \"$@\"", kg.path] + arguments
        } else {
            process.executableURL = kg
            process.arguments = arguments
        }
        process.currentDirectoryURL = directory ?? scratch
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = scratch.path
        environment["TERM"] = "dumb"
        for (name, value) in overrides { environment[name] = value }
        process.environment = environment
        let input = Pipe()
        var inHandle: FileHandle?
        if stdin != nil {
            process.standardInput = input
        } else if let stdinFile {
            inHandle = try FileHandle(forReadingFrom: stdinFile)
            process.standardInput = inHandle
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        defer { try? inHandle?.close() }
        process.standardOutput = outHandle
        process.standardError = mergeOutput ? outHandle : errHandle

        try process.run()
        if let stdin {
            let writer = input.fileHandleForWriting
            let bytes = Data(stdin.utf8)
            Thread.detachNewThread {
                try? writer.write(contentsOf: bytes)
                try? writer.close()
            }
        }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                throw Failure.timedOut(seconds: timeout)
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
        process.waitUntilExit()
        let out = (try? Data(contentsOf: outURL)) ?? Data()
        let err = (try? Data(contentsOf: errURL)) ?? Data()
        return Outcome(stdout: String(decoding: out, as: UTF8.self),
                       stderr: String(decoding: err, as: UTF8.self),
                       status: process.terminationStatus)
    }
}
