import Foundation

/// Writes a whole folder atomically: every file goes into a fresh sibling folder
/// `DIR.tmp-XXXXXXXX`, which is then renamed to `DIR`. An existing `DIR` is first renamed
/// aside (`DIR.old-XXXXXXXX`) and removed once the new one is in place, so `DIR` is always
/// either the old site or the new one, never a mixture; on any failure the temporary folder
/// is removed and `DIR` is left as it was.
///
/// So that a slip of the keyboard cannot wipe a folder of other files, an existing `DIR` is
/// replaced only when it is empty or was written by `kg site` (it holds the marker file
/// `.kg-site`).
enum SiteDirectory {
    static let marker = ".kg-site"

    static func replace(_ directory: String, with files: [(path: String, contents: String)]) throws {
        let fm = FileManager.default
        var target = directory
        while target.count > 1 && target.hasSuffix("/") { target.removeLast() }
        guard !target.isEmpty else { throw SiteError("no directory given") }
        let parent = (target as NSString).deletingLastPathComponent
        let parentPath = parent.isEmpty ? "." : parent

        var isDirectory: ObjCBool = false
        let exists = fm.fileExists(atPath: target, isDirectory: &isDirectory)
        if exists {
            guard isDirectory.boolValue else { throw SiteError("'\(directory)' exists and is not a directory") }
            let contents = try fm.contentsOfDirectory(atPath: target)
            if !contents.isEmpty && !contents.contains(marker) {
                throw SiteError("'\(directory)' is not empty and was not written by kg site; choose a new or empty directory")
            }
        } else {
            try fm.createDirectory(atPath: parentPath, withIntermediateDirectories: true)
        }

        let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        let temporary = target + ".tmp-" + suffix
        do {
            try fm.createDirectory(atPath: temporary, withIntermediateDirectories: false)
            for (path, contents) in files + [(marker, "written by kg site; the folder is replaced as a whole on the next run\n")] {
                let full = (temporary as NSString).appendingPathComponent(path)
                let folder = (full as NSString).deletingLastPathComponent
                if !fm.fileExists(atPath: folder) { try fm.createDirectory(atPath: folder, withIntermediateDirectories: true) }
                try Data(contents.utf8).write(to: URL(fileURLWithPath: full))
            }
            if exists {
                let old = target + ".old-" + suffix
                try move(target, to: old)
                do {
                    try move(temporary, to: target)
                } catch {
                    try? move(old, to: target)
                    throw error
                }
                try? fm.removeItem(atPath: old)
            } else {
                try move(temporary, to: target)
            }
        } catch {
            try? fm.removeItem(atPath: temporary)
            throw error
        }
    }

    private static func move(_ from: String, to: String) throws {
        if rename(from, to) != 0 {
            throw SiteError("cannot rename '\(from)' to '\(to)': \(String(cString: strerror(errno)))")
        }
    }
}
