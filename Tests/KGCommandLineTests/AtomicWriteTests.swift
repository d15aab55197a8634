import Foundation
import Testing

/// Every file kg writes (`export -o`, the REPL's `:save`, `kg site`) goes to a temporary file
/// and is renamed into place: a write that fails leaves the old file exactly as it was, and
/// leaves no temporary file behind.
///
/// Two ways to make a write fail: a read-only folder (chmod; as root, which ignores
/// permissions, `chattr +i` where the file system allows it), and a file-size limit
/// (`ulimit -f`, with SIGXFSZ ignored so the write fails with EFBIG), which works for every
/// user and fails the write halfway, as a full disk would.
@Suite(.serialized) struct AtomicWriteTests {
    typealias Folder = LimitsTests.Folder

    static let data = (0..<300).map { "knows(person_\($0), person_\($0 + 1)).\nlabel(person_\($0), \"Person number \($0)\").\n" }.joined()
    static let old = Array("old contents, to be kept\n".utf8)

    /// The files of a folder (hidden ones too), for spotting a left-behind temporary file.
    static func listing(_ folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    static func contents(_ path: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path).map(Array.init)
    }

    /// Makes `folder` read-only for this process; false when it cannot (root without chattr).
    static func makeReadOnly(_ folder: URL) -> Bool {
        chmod(folder.path, 0o555)
        if canCreate(in: folder) && geteuid() == 0 {
            _ = try? shell(["chattr", "+i", folder.path])
        }
        return !canCreate(in: folder)
    }

    static func makeWritable(_ folder: URL) {
        if geteuid() == 0 { _ = try? shell(["chattr", "-i", folder.path]) }
        chmod(folder.path, 0o755)
    }

    static func canCreate(in folder: URL) -> Bool {
        let probe = folder.appendingPathComponent(".probe-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: probe.path, contents: Data("x".utf8)) else { return false }
        try? FileManager.default.removeItem(at: probe)
        return true
    }

    @discardableResult
    static func shell(_ arguments: [String]) throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = arguments
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        return p.terminationStatus
    }

    /// `kg arguments` in `folder` with files limited to `blocks` (512- or 1024-byte) blocks,
    /// SIGXFSZ ignored: writing past the limit fails with EFBIG instead of killing kg. Nil
    /// when kg cannot run so (ThreadSanitizer's runtime dies under a file-size limit).
    static func runWithFileSizeLimit(_ arguments: [String], in folder: URL, blocks: Int = 4,
                                     stdin: String? = nil) throws -> KGProcess.Outcome? {
        let outcome = try KGProcess.run(arguments, in: folder, stdin: stdin ?? "", fileSizeLimit: blocks)
        if outcome.stderr.hasPrefix("ThreadSanitizer:DEADLYSIGNAL") {
            print("skipped: kg built with ThreadSanitizer cannot run under a file-size limit")
            return nil
        }
        return outcome
    }

    // MARK: - export -o

    @Test func exportReplacesTheFileOnSuccess() throws {
        let folder = try Folder(["d.dl": Array(Self.data.utf8), "out.nt": Self.old])
        let o = try KGProcess.run(["export", "--no-seeds", "--data", "d.dl", "--format", "nt", "-o", "out.nt"], in: folder.url)
        #expect(o.status == 0, "\(o.stderr)")
        let written = String(decoding: Self.contents(folder.path("out.nt")) ?? [], as: UTF8.self)
        #expect(written.hasPrefix("<"), "\(written.prefix(200))")
        #expect(written.split(separator: "\n").count == 600)
        #expect(Self.listing(folder.url) == ["d.dl", "out.nt"])
    }

    @Test func exportIntoAReadOnlyFolderFailsAndKeepsTheOldFile() throws {
        let folder = try Folder(["d.dl": Array(Self.data.utf8)])
        let locked = folder.url.appendingPathComponent("locked")
        try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: true)
        try Data(Self.old).write(to: locked.appendingPathComponent("out.nt"))
        defer { Self.makeWritable(locked) }
        guard Self.makeReadOnly(locked) else {
            print("skipped: cannot make a folder read-only here (root without chattr)")
            return
        }
        let o = try KGProcess.run(["export", "--no-seeds", "--data", "d.dl", "--format", "nt", "-o", "locked/out.nt"], in: folder.url)
        #expect(o.status == 1)
        #expect(o.stderr.hasPrefix("kg: error: cannot write 'locked/out.nt'"), "\(o.stderr)")
        #expect(Self.contents(folder.path("locked/out.nt")) == Self.old)
        #expect(Self.listing(locked) == ["out.nt"])
    }

    @Test func exportThatFailsHalfwayKeepsTheOldFile() throws {
        let folder = try Folder(["d.dl": Array(Self.data.utf8), "out.ttl": Self.old])
        guard let o = try Self.runWithFileSizeLimit(["export", "--no-seeds", "--data", "d.dl", "--format", "ttl", "-o", "out.ttl"], in: folder.url) else { return }
        #expect(o.status == 1, "\(o.stderr)")
        #expect(o.stderr.hasPrefix("kg: error: cannot write 'out.ttl'"), "\(o.stderr)")
        #expect(Self.contents(folder.path("out.ttl")) == Self.old)
        #expect(Self.listing(folder.url) == ["d.dl", "out.ttl"], "a temporary file was left behind")
    }

    @Test func exportOntoAFolderFailsAndKeepsIt() throws {
        let folder = try Folder(["d.dl": Array(Self.data.utf8)])
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("out.nt"), withIntermediateDirectories: true)
        try Data(Self.old).write(to: folder.url.appendingPathComponent("out.nt/inside"))
        let o = try KGProcess.run(["export", "--no-seeds", "--data", "d.dl", "--format", "nt", "-o", "out.nt"], in: folder.url)
        #expect(o.status == 1)
        #expect(o.stderr.hasPrefix("kg: error: cannot write 'out.nt'"), "\(o.stderr)")
        #expect(Self.contents(folder.path("out.nt/inside")) == Self.old)
        #expect(Self.listing(folder.url) == ["d.dl", "out.nt"])
    }

    /// Replacing a file keeps what the user set on it (a private file stayed private only
    /// after a fix: the new file used to get the default mode).
    @Test func aReplacedFileKeepsItsPermissions() throws {
        let folder = try Folder(["d.dl": Array(Self.data.utf8), "out.nt": Self.old])
        chmod(folder.path("out.nt"), 0o600)
        let o = try KGProcess.run(["export", "--no-seeds", "--data", "d.dl", "--format", "nt", "-o", "out.nt"], in: folder.url)
        #expect(o.status == 0, "\(o.stderr)")
        let mode = ((try? FileManager.default.attributesOfItem(atPath: folder.path("out.nt")))?[.posixPermissions] as? Int) ?? -1
        #expect(mode == 0o600, "mode \(String(mode, radix: 8))")
    }

    /// Writing to a symbolic link replaces the file it points to (as the history file does),
    /// not the link (it used to replace the link with a regular file).
    @Test func aWriteThroughASymbolicLinkReplacesItsTarget() throws {
        let folder = try Folder(["d.dl": Array(Self.data.utf8), "real.nt": Self.old])
        try FileManager.default.createSymbolicLink(atPath: folder.path("link.nt"), withDestinationPath: "real.nt")
        let o = try KGProcess.run(["export", "--no-seeds", "--data", "d.dl", "--format", "nt", "-o", "link.nt"], in: folder.url)
        #expect(o.status == 0, "\(o.stderr)")
        let isLink = (try? FileManager.default.destinationOfSymbolicLink(atPath: folder.path("link.nt"))) != nil
        #expect(isLink, "link.nt is no longer a symbolic link")
        #expect(Self.contents(folder.path("real.nt")) != Self.old, "real.nt was not written")
    }

    // MARK: - :save

    static let session = "p(a, b).\nq(X) :- p(X, _).\n"

    @Test func saveReplacesTheFileOnSuccess() throws {
        let folder = try Folder(["saved.dl": Self.old])
        try folder.write("in", Self.session + ":save saved.dl\n")
        let o = try KGProcess.run(["--no-seeds"], in: folder.url, stdinFile: folder.url.appendingPathComponent("in"))
        #expect(o.status == 0, "\(o.stderr)")
        #expect(o.stdout.contains("saved 2 statements to saved.dl"), "\(o.stdout)")
        let saved = String(decoding: Self.contents(folder.path("saved.dl")) ?? [], as: UTF8.self)
        #expect(saved.contains("p(a, b).") && saved.contains("q(X) :- p(X, _)."), "\(saved)")
        #expect(Self.listing(folder.url) == ["in", "saved.dl"])
    }

    @Test func saveIntoAReadOnlyFolderFailsKeepsTheOldFileAndTheSession() throws {
        let folder = try Folder()
        let locked = folder.url.appendingPathComponent("locked")
        try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: true)
        try Data(Self.old).write(to: locked.appendingPathComponent("saved.dl"))
        try folder.write("in", Self.session + ":save locked/saved.dl\n?- q(X).\n")
        defer { Self.makeWritable(locked) }
        guard Self.makeReadOnly(locked) else {
            print("skipped: cannot make a folder read-only here (root without chattr)")
            return
        }
        let o = try KGProcess.run(["--no-seeds", "--format", "tsv"], in: folder.url, stdinFile: folder.url.appendingPathComponent("in"))
        #expect(o.stderr.hasPrefix("cannot save to 'locked/saved.dl'"), "\(o.stderr)")
        #expect(o.stdout == "X\na\n", "the session goes on after the failed save")
        #expect(Self.contents(folder.path("locked/saved.dl")) == Self.old)
        #expect(Self.listing(locked) == ["saved.dl"])
    }

    @Test func saveThatFailsHalfwayKeepsTheOldFile() throws {
        let folder = try Folder(["saved.dl": Self.old])
        let many = (0..<200).map { "fact(item_\($0), \"a string long enough to pass the limit\").\n" }.joined()
        guard let o = try Self.runWithFileSizeLimit(["--no-seeds", "--format", "tsv"], in: folder.url,
                                                    stdin: many + ":save saved.dl\n?- fact(item_7, _).\n") else { return }
        #expect(o.status == 0, "\(o.stderr)")
        #expect(o.stderr.hasPrefix("cannot save to 'saved.dl'"), "\(o.stderr)")
        #expect(o.stdout == "true\n", "the session goes on after the failed save")
        #expect(Self.contents(folder.path("saved.dl")) == Self.old)
        #expect(Self.listing(folder.url) == ["saved.dl"], "a temporary file was left behind")
    }

    // MARK: - site

    @Test func siteThatFailsHalfwayKeepsTheOldSite() throws {
        let folder = try Folder(["d.dl": Array(Self.data.utf8)])
        let first = try KGProcess.run(["site", "--no-seeds", "--data", "d.dl", "site"], in: folder.url)
        #expect(first.status == 0, "\(first.stderr)")
        let before = Self.listing(folder.url.appendingPathComponent("site"))
        let index = Self.contents(folder.path("site/index.html"))
        #expect(index != nil)
        try folder.write("d.dl", Self.data + "label(extra, \"" + String(repeating: "long ", count: 2000) + "\").\n")
        guard let o = try Self.runWithFileSizeLimit(["site", "--no-seeds", "--data", "d.dl", "site"], in: folder.url) else { return }
        #expect(o.status == 1, "\(o.stderr)")
        #expect(Self.listing(folder.url.appendingPathComponent("site")) == before)
        #expect(Self.contents(folder.path("site/index.html")) == index)
        #expect(Self.listing(folder.url) == ["d.dl", "site"], "a temporary folder was left behind")
    }
}
