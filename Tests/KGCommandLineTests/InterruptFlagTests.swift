import Foundation
import Glibc
import Synchronization
import Testing
@testable import KGCommandLine

/// SIGINT handling. Serialized: it installs a process-wide handler, and puts the default
/// disposition back at the end so Ctrl-C still stops the test run.
@Suite(.serialized) struct InterruptFlagTests {
    @Test func signalSetsFlagAndResetClearsIt() throws {
        // Test threads start with SIGINT blocked; install() unblocks it in this thread.
        var savedMask = sigset_t()
        pthread_sigmask(SIG_BLOCK, nil, &savedMask)
        InterruptFlag.install()
        InterruptFlag.install()  // idempotent
        defer {
            signal(SIGINT, SIG_DFL)
            pthread_sigmask(SIG_SETMASK, &savedMask, nil)
        }
        InterruptFlag.reset()
        #expect(!InterruptFlag.isSet)
        let before = InterruptFlag.signalCount
        raise(SIGINT)
        #expect(InterruptFlag.isSet)
        #expect(InterruptFlag.signalCount == before &+ 1)
        InterruptFlag.reset()
        #expect(!InterruptFlag.isSet)

        // A SIGINT while a plain read waits abandons the read.
        var ends: [Int32] = [-1, -1]
        #expect(pipe(&ends) == 0)
        defer { close(ends[0]); close(ends[1]) }
        let editor = LineEditor(historyPath: nil, input: ends[0], output: -1)
        let run = PlainRun(editor)
        let deadline = Date().addingTimeInterval(5)
        // Repeat: the signal must land while the reader is inside poll().
        while Date() < deadline, run.result == nil {
            if let thread = run.thread { pthread_kill(thread, SIGINT) }
            usleep(50_000)
        }
        #expect(run.result == .interrupted)
        if run.result == nil { _ = "x\n".withCString { write(ends[1], $0, 2) } }
    }
}

/// `readLine` on a background thread, for the plain-input interrupt test.
private final class PlainRun: Sendable {
    private struct Box: @unchecked Sendable { let editor: LineEditor }
    private struct ThreadID: @unchecked Sendable { let value: pthread_t }
    private let state = Mutex<(thread: ThreadID?, result: LineEditorResult?)>((nil, nil))

    init(_ editor: LineEditor) {
        let box = Box(editor: editor)
        Thread.detachNewThread { [self] in
            var unblock = sigset_t()
            sigemptyset(&unblock)
            sigaddset(&unblock, SIGINT)
            pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
            state.withLock { $0.thread = ThreadID(value: pthread_self()) }
            let result = box.editor.readLine(prompt: "")
            state.withLock { $0.result = result }
        }
    }

    var thread: pthread_t? {
        state.withLock { $0.result == nil ? $0.thread?.value : nil }
    }

    var result: LineEditorResult? { state.withLock { $0.result } }
}
