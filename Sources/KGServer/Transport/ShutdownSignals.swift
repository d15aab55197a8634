import Glibc
import Synchronization

/// The wake-up pipe of the server that SIGINT and SIGTERM stop, and how many of those
/// signals arrived. Lock-free atomics and `write(2)` only, so the handler is async-signal-safe.
private let signalWakeFD = Atomic<Int32>(-1)
private let signalsReceived = Atomic<Int32>(0)
private let signalsInstalled = Atomic<Bool>(false)

/// SIGINT (Ctrl-C) and SIGTERM stop `kg serve` gracefully: the first signal stops accepting
/// and lets the requests in flight finish; a second one stops at once.
public enum ShutdownSignals {
    /// Routes both signals to `server` (one server per process: the command line's).
    public static func install(for server: HTTPServer) {
        signalWakeFD.store(server.wakeWriteFD, ordering: .sequentiallyConsistent)
        signalsReceived.store(0, ordering: .sequentiallyConsistent)
        server.watchesSignals = true
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGINT)
        sigaddset(&unblock, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        guard signalsInstalled.compareExchange(expected: false, desired: true, ordering: .sequentiallyConsistent).exchanged
        else { return }
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            signalsReceived.wrappingAdd(1, ordering: .relaxed)
            let fd = signalWakeFD.load(ordering: .relaxed)
            if fd >= 0 {
                var byte: UInt8 = 1
                _ = write(fd, &byte, 1)
            }
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        sigaction(SIGINT, &action, nil)
        sigaction(SIGTERM, &action, nil)
    }

    /// Signals received since `install`.
    static var received: Int32 { signalsReceived.load(ordering: .relaxed) }
}
