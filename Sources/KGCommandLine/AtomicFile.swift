import Glibc

/// A failed system call on a file kg reads or writes, with the operation, the path and the
/// system's reason ("write out.ttl: File too large").
public struct FileSystemError: Error, Equatable, CustomStringConvertible {
    public let operation: String
    public let path: String
    public let code: Int32

    /// The system's words for `code` ("Permission denied").
    public var reason: String { String(cString: strerror(code)) }

    public var description: String { "\(operation) \(path): \(reason)" }
}

/// Writes files so that a failure leaves the old file as it was: the bytes go to a new file
/// in the same folder, which is flushed and then renamed over the old one.
///
/// Replacing a file keeps what the user set on it: a symbolic link stays a link (its target
/// is what gets replaced) and an existing file keeps its permission bits. A new file gets
/// `newFileMode` less the umask.
public enum AtomicFile {
    public static func write(_ text: String, to path: String, newFileMode: mode_t = 0o666) throws(FileSystemError) {
        try write(Array(text.utf8), to: path, newFileMode: newFileMode)
    }

    public static func write(_ bytes: [UInt8], to path: String, newFileMode: mode_t = 0o666) throws(FileSystemError) {
        let target = resolvedPath(path)
        var existing = stat()
        let existingMode: mode_t? = stat(target, &existing) == 0 ? existing.st_mode & 0o7777 : nil
        let temporary = temporaryPath(beside: target)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, newFileMode)
        guard descriptor >= 0 else { throw FileSystemError(operation: "create", path: temporary, code: errno) }
        do throws(FileSystemError) {
            try writeAll(bytes, to: descriptor, path: path)
            if let mode = existingMode, fchmod(descriptor, mode) != 0 {
                throw FileSystemError(operation: "chmod", path: temporary, code: errno)
            }
            if fsync(descriptor) != 0 { throw FileSystemError(operation: "write", path: path, code: errno) }
            if close(descriptor) != 0 { throw FileSystemError(operation: "write", path: path, code: errno) }
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        guard rename(temporary, target) == 0 else {
            let code = errno
            unlink(temporary)
            throw FileSystemError(operation: "rename", path: target, code: code)
        }
    }

    /// `path` with symbolic links followed, so that renaming onto it replaces the link's
    /// target rather than the link. A path that does not exist yet is used as given.
    static func resolvedPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// A hidden name in `target`'s folder (rename only works within one file system).
    private static func temporaryPath(beside target: String) -> String {
        let slash = target.lastIndex(of: "/")
        let folder = slash.map { String(target[...$0]) } ?? ""
        let name = slash.map { String(target[target.index(after: $0)...]) } ?? target
        let temporary = "\(folder).\(name).\(getpid()).tmp"
        unlink(temporary)
        return temporary
    }

    /// Writes every byte, retrying short writes and interruptions.
    static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws(FileSystemError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                Glibc.write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw FileSystemError(operation: "write", path: path, code: errno)
            }
            offset += written
        }
    }
}
