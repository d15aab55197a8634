import Glibc
import Synchronization

/// The terminal behind a pair of file descriptors: raw mode, window size, reading with a
/// timeout and writing. All termios handling lives here.
final class Terminal {
    let input: Int32
    let output: Int32
    private var original: termios?

    init(input: Int32, output: Int32) {
        self.input = input
        self.output = output
    }

    deinit { disableRawMode() }

    var isTTY: Bool { isatty(input) == 1 }

    /// False for TERM values that cannot take the escape codes the editor writes.
    static func isSupported(term: String?) -> Bool {
        guard let term else { return true }
        return !["dumb", "cons25", "emacs"].contains(term.lowercased())
    }

    // MARK: Raw mode

    /// Switches the input to raw mode with linenoise's flags (close to cfmakeraw). OPOST is
    /// off, so the editor writes "\r\n" itself; ISIG is off, so Ctrl-C and Ctrl-Z arrive as
    /// bytes. Uses TCSADRAIN, not TCSAFLUSH, so lines typed ahead while a query ran are not
    /// thrown away. Returns false if the fd is not a tty.
    func enableRawMode() -> Bool {
        guard original == nil else { return true }
        var saved = termios()
        guard tcgetattr(input, &saved) == 0 else { return false }
        var raw = saved
        raw.c_iflag &= ~tcflag_t(BRKINT | ICRNL | INPCK | ISTRIP | IXON)
        raw.c_oflag &= ~tcflag_t(OPOST)
        raw.c_cflag |= tcflag_t(CS8)
        raw.c_lflag &= ~tcflag_t(ECHO | ICANON | IEXTEN | ISIG)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        guard tcsetattr(input, TCSADRAIN, &raw) == 0 else { return false }
        original = saved
        RawModeRegistry.register(input, saved)
        return true
    }

    /// Restores the settings saved by `enableRawMode`. Safe to call when not in raw mode.
    func disableRawMode() {
        guard var saved = original else { return }
        tcsetattr(input, TCSADRAIN, &saved)
        original = nil
        RawModeRegistry.unregister(input)
    }

    // MARK: Size

    /// Terminal width from TIOCGWINSZ on the output (then the input), 80 if unknown.
    /// Asked on every redraw, so resizing needs no SIGWINCH handler.
    var columns: Int {
        for descriptor in [output, input] {
            var size = winsize()
            if ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
                return Int(size.ws_col)
            }
        }
        return 80
    }

    // MARK: I/O

    /// Writes all of `text` (retrying short writes and EINTR); errors are dropped because
    /// there is nowhere better to report them than the terminal that failed.
    func write(_ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                Glibc.write(output, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return
            }
            offset += written
        }
    }

    enum ReadResult: Equatable {
        case bytes([UInt8])
        /// Nothing arrived within the timeout.
        case timeout
        /// A signal interrupted the wait.
        case interrupted
        /// End of input, or the terminal went away (EIO after a hangup).
        case end
    }

    /// Waits up to `timeoutMilliseconds` (-1: forever) for input and reads what is there.
    func read(timeoutMilliseconds: Int32) -> ReadResult {
        var descriptor = pollfd(fd: input, events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, timeoutMilliseconds)
        if ready < 0 { return errno == EINTR ? .interrupted : .end }
        if ready == 0 { return .timeout }
        var chunk = [UInt8](repeating: 0, count: 1024)
        let count = chunk.withUnsafeMutableBytes { Glibc.read(input, $0.baseAddress, $0.count) }
        if count > 0 { return .bytes(Array(chunk[..<count])) }
        if count < 0, errno == EINTR || errno == EAGAIN { return .interrupted }
        return .end
    }
}

/// Terminals currently in raw mode, restored by an `atexit` handler so that `exit()` from
/// anywhere (even another thread while a line is being read) leaves a usable terminal.
enum RawModeRegistry {
    private static let active = Mutex<[Int32: termios]>([:])
    private static let installed = Atomic<Bool>(false)

    static func register(_ descriptor: Int32, _ settings: termios) {
        active.withLock { $0[descriptor] = settings }
        if installed.compareExchange(expected: false, desired: true, ordering: .relaxed).exchanged {
            atexit { RawModeRegistry.restoreAll() }
        }
    }

    static func unregister(_ descriptor: Int32) {
        _ = active.withLock { $0.removeValue(forKey: descriptor) }
    }

    static func restoreAll() {
        let all = active.withLock { table in
            defer { table.removeAll() }
            return table
        }
        for (descriptor, settings) in all {
            var copy = settings
            tcsetattr(descriptor, TCSADRAIN, &copy)
        }
    }
}
