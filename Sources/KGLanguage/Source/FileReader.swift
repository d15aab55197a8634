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
