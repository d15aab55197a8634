import Foundation
import Glibc
import Synchronization
import Testing
@testable import KGCommandLine

/// A pty pair for driving `LineEditor` as a user would: the editor reads and writes the
/// slave side, the test types into and reads the screen from the master side. Every wait
/// has a deadline, and closing the master unblocks an editor stuck in `read` (EIO), so a
/// broken editor fails the test instead of hanging it.
final class PseudoTerminal {
    let master: Int32
    let slave: Int32
    /// Everything the editor wrote so far.
    private(set) var screen = ""
    private var raw: [UInt8] = []
    private var masterOpen = true
    private var slaveOpen = true

    init?(columns: UInt16 = 80) {
        var master: Int32 = -1
        var slave: Int32 = -1
        var size = winsize(ws_row: 24, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&master, &slave, nil, nil, &size) == 0 else { return nil }
        self.master = master
        self.slave = slave
    }

    deinit { close() }

    /// Closes both sides, each at most once (a descriptor number closed twice could by
    /// then belong to a test running in parallel).
    func close() {
        hangUp()
        if slaveOpen {
            slaveOpen = false
            Glibc.close(slave)
        }
    }

    /// Closes only the master: the editor's next read sees a hangup.
    func hangUp() {
        guard masterOpen else { return }
        masterOpen = false
        Glibc.close(master)
    }

    func send(_ text: String) { send(Array(text.utf8)) }

    func send(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { write(master, $0.baseAddress.map { $0 + offset }, $0.count - offset) }
            guard written > 0 else { return }
            offset += written
        }
    }

    /// Reads whatever the editor wrote within `milliseconds`.
    func drain(milliseconds: Int32 = 20) {
        guard masterOpen else { return }
        var waiting = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        while poll(&waiting, 1, milliseconds) > 0, waiting.revents & Int16(POLLIN) != 0 {
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = chunk.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
            guard count > 0 else { return }
            raw.append(contentsOf: chunk[..<count])
            screen = String(decoding: raw, as: UTF8.self)
        }
    }

    /// Waits until the screen satisfies `condition`; false after `seconds`.
    func waitFor(seconds: Double = 5, _ condition: (String) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            drain()
            if condition(screen) { return true }
        }
        return false
    }

    /// True while the slave is in raw mode (canonical input off).
    var isRaw: Bool {
        var settings = termios()
        return tcgetattr(slave, &settings) == 0 && settings.c_lflag & tcflag_t(ICANON) == 0
    }

    /// Waits until the editor has switched the terminal to raw mode, so that keys sent next
    /// reach it as bytes rather than being cooked by the line discipline (which would eat
    /// Ctrl-C and Ctrl-D).
    func waitForRawMode(seconds: Double = 5) -> Bool {
        waitFor(seconds: seconds) { _ in self.isRaw }
    }
}

/// Runs `readLine` on a background thread and hands back its result.
final class EditorRun: Sendable {
    private struct Box: @unchecked Sendable { let editor: LineEditor }
    private let result = Mutex<LineEditorResult?>(nil)

    init(_ editor: LineEditor, prompt: String) {
        let box = Box(editor: editor)
        Thread.detachNewThread { [self] in
            let line = box.editor.readLine(prompt: prompt)
            result.withLock { $0 = line }
        }
    }

    /// The result if `readLine` has returned.
    func peek() -> LineEditorResult? { result.withLock { $0 } }

    /// Waits up to `seconds` for the result, draining the terminal meanwhile so the editor
    /// never blocks on a full pty buffer. On timeout it hangs the terminal up so the thread
    /// ends, and records an issue.
    func finish(on terminal: PseudoTerminal, seconds: Double = 5,
                sourceLocation: SourceLocation = #_sourceLocation) -> LineEditorResult? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            terminal.drain(milliseconds: 10)
            if let value = result.withLock({ $0 }) { return value }
        }
        Issue.record("readLine did not return within \(seconds) s; screen: \(terminal.screen.debugDescription)", sourceLocation: sourceLocation)
        terminal.hangUp()
        let cleanup = Date().addingTimeInterval(2)
        while Date() < cleanup, result.withLock({ $0 }) == nil { usleep(10_000) }
        return nil
    }
}
