import Foundation

/// Reads a whole file into one byte array, once: no `Data` in between, so a large data file
/// is held in memory a single time.
public enum FileReader {
    /// The file's bytes, or why it cannot be read.
    public static func contents(of path: String) -> Result<[UInt8], FileReadError> {
        // A C path ends at NUL: "a\0b" would silently open "a".
        if path.utf8.contains(0) { return .failure(FileReadError(errno: EINVAL, path: path)) }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return .failure(FileReadError(errno: errno, path: path)) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(FileReadError(errno: errno, path: path)) }
        if (info.st_mode & S_IFMT) == S_IFDIR { return .failure(FileReadError(errno: EISDIR, path: path)) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(max(0, Int(info.st_size)))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(FileReadError(errno: errno, path: path))
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return .success(bytes)
    }
}

extension FileReader {
    /// Reads the file in pieces of about `chunkSize` bytes, each ending just after a line
    /// feed (or at the file's end), and hands each to `body` with the file offset it starts
    /// at: for line-based formats, whose file need not be in memory all at once. A line
    /// longer than `chunkSize` comes whole, in a larger piece. A UTF-8 byte order mark at the
    /// start is skipped (offsets still count it), as `SourceFile` skips it. Returns why the
    /// file cannot be read, or nil; rethrows what `body` throws.
    public static func lines(of path: String, chunkSize: Int = 1 << 22,
                             _ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) rethrows -> FileReadError? {
        if path.utf8.contains(0) { return FileReadError(errno: EINVAL, path: path) }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return FileReadError(errno: errno, path: path) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return FileReadError(errno: errno, path: path) }
        if (info.st_mode & S_IFMT) == S_IFDIR { return FileReadError(errno: EISDIR, path: path) }
        var capacity = max(chunkSize, 1 << 12)
        var buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        var filled = 0       // bytes in the buffer
        var offset = 0       // file offset of buffer[0]
        var atEnd = false
        var first = true
        while !atEnd {
            if filled == capacity {
                // One line fills the buffer: make it larger.
                let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
                bigger.update(from: buffer, count: filled)
                buffer.deallocate()
                buffer = bigger
                capacity *= 2
            }
            let n = read(fd, buffer + filled, capacity - filled)
            if n < 0 {
                if errno == EINTR { continue }
                return FileReadError(errno: errno, path: path)
            }
            if n == 0 { atEnd = true } else { filled += n }
            // The byte order mark is decided once three bytes are in (or the file ended).
            if first {
                if filled < 3 && !atEnd { continue }
                first = false
                if filled >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF {
                    filled -= 3
                    memmove(buffer, buffer + 3, filled)
                    offset = 3
                }
            }
            // Hand over everything up to the last line feed (all of it at the end).
            var end = filled
            if !atEnd {
                while end > 0 && buffer[end - 1] != 0x0A { end -= 1 }
                if end == 0 { continue }
            }
            if end > 0 { try body(UnsafeBufferPointer(start: buffer, count: end), offset) }
            memmove(buffer, buffer + end, filled - end)
            offset += end
            filled -= end
        }
        return nil
    }
}

/// Why a file could not be read, in words.
public struct FileReadError: Error, Sendable {
    public let errno: Int32
    public let path: String

    public var reason: String {
        switch errno {
        case ENOENT: return "no such file"
        case EISDIR: return "it is a directory"
        case EACCES, EPERM: return "permission denied"
        case EINVAL: return "the path contains a NUL character"
        default: return String(cString: strerror(errno))
        }
    }
}
