import Glibc
import Synchronization

/// Set by the SIGINT handler; read by the evaluator. Lock-free atomics, so touching them
/// from a signal handler is safe.
private let interruptPending = Atomic<Int32>(0)
/// Every SIGINT ever received; lets a reader tell "a signal arrived just now" apart from a
/// flag left set by an earlier one.
private let interruptCount = Atomic<Int32>(0)
private let interruptInstalled = Atomic<Bool>(false)

/// SIGINT handling for cancelling a running query: install once; the evaluator polls
/// `isSet` and the REPL calls `reset()` before each query.
///
/// While `LineEditor` reads a line the terminal is in raw mode with ISIG off, so Ctrl-C
/// reaches the editor as a byte and no signal is raised; the handler matters while a query
/// runs in cooked mode. It is installed with SA_RESTART so ordinary reads and writes
/// elsewhere in the program are not failed with EINTR.
public enum InterruptFlag {
    /// Installs the SIGINT handler and unblocks SIGINT in the calling thread (call it from
    /// the main thread), so a thread is there to take the signal even if the process
    /// started with SIGINT blocked. Idempotent.
    public static func install() {
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        guard interruptInstalled.compareExchange(expected: false, desired: true, ordering: .sequentiallyConsistent).exchanged
        else { return }
        // Touch the globals first: their lazy initialisation must not happen inside the handler.
        interruptPending.store(0, ordering: .sequentiallyConsistent)
        interruptCount.store(0, ordering: .sequentiallyConsistent)
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            interruptPending.store(1, ordering: .relaxed)
            interruptCount.wrappingAdd(1, ordering: .relaxed)
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        sigaction(SIGINT, &action, nil)
    }

    /// True once SIGINT arrived since the last `reset()`.
    public static var isSet: Bool { interruptPending.load(ordering: .relaxed) != 0 }

    /// Clears the flag; call before starting each query.
    public static func reset() { interruptPending.store(0, ordering: .relaxed) }

    /// Number of SIGINTs received since `install()` (wraps).
    static var signalCount: Int32 { interruptCount.load(ordering: .relaxed) }
}
