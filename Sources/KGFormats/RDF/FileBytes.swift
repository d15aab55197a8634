#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A whole file's bytes: memory-mapped for regular files, read into memory otherwise
/// (pipes, `/dev/stdin`). Call `close()` when done with `buffer`.
struct FileBytes {
    let buffer: UnsafeBufferPointer<UInt8>
    private let mapped: Bool
    private let owned: UnsafeMutableRawPointer?

    init(path: String) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw RDFFileError(path: path, message: FileBytes.reason(errno)) }
        defer { closeDescriptor(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw RDFFileError(path: path, message: FileBytes.reason(errno)) }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw RDFFileError(path: path, message: "is a directory") }
        let size = Int(info.st_size)
        if (info.st_mode & S_IFMT) == S_IFREG && size > 0,
           let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0),
           address != UnsafeMutableRawPointer(bitPattern: -1) {
            _ = madvise(address, size, MADV_SEQUENTIAL)
            buffer = UnsafeBufferPointer(start: address.assumingMemoryBound(to: UInt8.self), count: size)
            mapped = true
            owned = nil
            return
        }
        // Not mappable: read it all.
        var capacity = max(size, 1 << 16)
        var storage = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        var length = 0
        while true {
            if length == capacity {
                let bigger = UnsafeMutableRawPointer.allocate(byteCount: capacity * 2, alignment: 16)
                bigger.copyMemory(from: storage, byteCount: length)
                storage.deallocate()
                storage = bigger
                capacity *= 2
            }
            let n = readDescriptor(fd, storage + length, capacity - length)
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                let message = FileBytes.reason(errno)
                storage.deallocate()
                throw RDFFileError(path: path, message: message)
            }
            length += n
        }
        buffer = UnsafeBufferPointer(start: storage.assumingMemoryBound(to: UInt8.self), count: length)
        mapped = false
        owned = storage
    }

    func close() {
        if mapped, let base = buffer.baseAddress {
            _ = munmap(UnsafeMutableRawPointer(mutating: base), buffer.count)
        }
        owned?.deallocate()
    }

    private static func reason(_ code: Int32) -> String {
        String(cString: strerror(code))
    }

    /// `file://` IRI of `path` (made absolute), with characters IRIs forbid percent-encoded.
    static func fileIRI(for path: String) -> String {
        var absolute = path
        if !absolute.hasPrefix("/") {
            absolute = FileManager.default.currentDirectoryPath + "/" + absolute
        }
        let forbidden = Array("<>\"{}|^`\\%?#".utf8)
        var bytes = Array("file://".utf8)
        for b in absolute.utf8 {
            if b <= 0x20 || b == 0x7F || forbidden.contains(b) {
                let hex = String(b, radix: 16, uppercase: true)
                bytes += Array(("%" + (hex.count == 1 ? "0" + hex : hex)).utf8)
            } else {
                bytes.append(b)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

private func closeDescriptor(_ fd: Int32) {
    _ = close(fd)
}

private func readDescriptor(_ fd: Int32, _ into: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, into, count)
}
