import Glibc

/// Reads lines from a descriptor that is not driven as a terminal (a pipe, a file, or a
/// terminal that cannot take escape codes): no echo, no escape codes, just bytes up to
/// '\n'. Bytes read past the line are kept for the next call.
struct PlainLineReader: Sendable {
    private var buffered: [UInt8] = []

    /// Returns the next line without its "\n" or "\r\n"; a last line without a newline is
    /// still a line; invalid UTF-8 becomes U+FFFD. End of input is `.endOfFile`.
    /// `interrupted` is asked after a signal woke the wait, so a SIGINT handled by
    /// `InterruptFlag` can abandon a read at a cooked-mode terminal.
    mutating func readLine(from descriptor: Int32, interrupted: () -> Bool) -> LineEditorResult {
        var scanned = 0
        while true {
            if let newline = buffered[scanned...].firstIndex(of: 0x0A) {
                let line = Self.decode(buffered[..<newline])
                buffered.removeSubrange(...newline)
                return .line(line)
            }
            scanned = buffered.count
            var waiting = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            if poll(&waiting, 1, -1) < 0 {
                if errno == EINTR {
                    if interrupted() { return .interrupted }
                    continue
                }
                return takeRest()
            }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                buffered.append(contentsOf: chunk[..<count])
            } else if count < 0, errno == EINTR || errno == EAGAIN {
                if errno == EINTR, interrupted() { return .interrupted }
            } else {
                return takeRest()
            }
        }
    }

    /// At end of input: the unterminated last line if there is one, else end of file. Not
    /// sticky: a terminal in cooked mode may deliver more after a Ctrl-D.
    private mutating func takeRest() -> LineEditorResult {
        guard !buffered.isEmpty else { return .endOfFile }
        let line = Self.decode(buffered[...])
        buffered.removeAll()
        return .line(line)
    }

    private static func decode(_ bytes: ArraySlice<UInt8>) -> String {
        let trimmed = bytes.last == 0x0D ? bytes.dropLast() : bytes
        return String(decoding: trimmed, as: UTF8.self)
    }
}
