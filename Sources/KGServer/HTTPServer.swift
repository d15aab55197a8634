import Dispatch
import Foundation
import Glibc
import Synchronization

/// How the server listens, and its limits.
public struct ServerConfiguration: Sendable {
    /// The address to listen on; loopback unless the user asks otherwise.
    public var host = "127.0.0.1"
    /// The TCP port; 0 picks a free one (the tests use that).
    public var port = 8080
    public var limits = HTTPLimits()
    /// Open connections allowed; one more is answered 503 and closed.
    public var maxConnections = 256
    /// Worker threads answering requests (each with its own responder).
    public var workers = 2
    /// Stack of each worker thread (the parser and the proof search recurse).
    public var workerStackSize = 16 << 20
    /// Seconds a keep-alive connection may sit idle between requests.
    public var idleTimeout = 30.0
    /// Seconds from a request's first byte to its last (slow clients get 408).
    public var requestTimeout = 10.0
    /// Seconds a response may wait for the client to read it before the connection is dropped.
    public var writeTimeout = 30.0
    /// Seconds a closing connection drains what the client still sends.
    public var lingerTimeout = 2.0
    /// Headers added to every response that does not set them itself.
    public var defaultHeaders: [(name: String, value: String)] = []
    public init() {}
}

/// An HTTP/1.1 server on POSIX sockets: one event-loop thread multiplexes every connection
/// with poll(2) — accepting, reading and parsing requests (keep-alive and pipelining),
/// enforcing the limits and timeouts, writing responses — and a fixed pool of worker threads
/// answers the requests, so a slow or idle client never holds a worker and at most
/// `workers` requests are answered at once.
///
/// `stop()` (or SIGINT/SIGTERM after `ShutdownSignals.install`) shuts down gracefully: the
/// listener closes, idle connections close, requests being received, answered or written
/// finish (their responses say `Connection: close`), then `run()` returns.
public final class HTTPServer: @unchecked Sendable {
    public let configuration: ServerConfiguration
    private let listener: ListeningSocket
    private let wakeRead: Int32
    let wakeWriteFD: Int32
    private let stopRequested = Atomic<Int32>(0)
    private let makeResponder: @Sendable (Int) throws -> any HTTPResponder
    /// Set by `ShutdownSignals.install`: SIGINT/SIGTERM count as `stop()`.
    var watchesSignals = false
    private let finished = DispatchSemaphore(value: 0)
    private let runningLock = NSLock()
    private var started = false

    /// The address actually bound (`127.0.0.1`) and the port (the chosen one for port 0).
    public var address: String { listener.address }
    public var port: Int { listener.port }
    public var isLoopback: Bool { listener.isLoopback }
    /// `http://127.0.0.1:8080/`: the address to open on this machine (loopback when the server
    /// listens on every address).
    public var url: String {
        let local = address == "0.0.0.0" ? "127.0.0.1" : (address == "::" ? "::1" : address)
        let host = local.contains(":") ? "[\(local)]" : local
        return "http://\(host):\(port)/"
    }

    /// Binds the socket (so a port in use is reported before anything else starts). Workers
    /// start in `run()`; each calls `makeResponder(index)` on its own thread.
    public init(configuration: ServerConfiguration, makeResponder: @escaping @Sendable (Int) throws -> any HTTPResponder) throws(ServerError) {
        self.configuration = configuration
        self.makeResponder = makeResponder
        listener = try ListeningSocket.open(host: configuration.host, port: configuration.port)
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else {
            close(listener.fd)
            throw ServerError("cannot create a pipe: \(String(cString: strerror(errno)))")
        }
        wakeRead = fds[0]
        wakeWriteFD = fds[1]
        for fd in fds {
            _ = Socket.setNonBlocking(fd)
            Socket.setCloseOnExec(fd)
        }
    }

    deinit {
        close(wakeRead)
        close(wakeWriteFD)
    }

    /// Asks the server to shut down gracefully (safe from any thread).
    public func stop() {
        stopRequested.store(1, ordering: .sequentiallyConsistent)
        wake()
    }

    private func wake() {
        var byte: UInt8 = 1
        _ = write(wakeWriteFD, &byte, 1)
    }

    /// Starts the workers, calls `onReady` once they are ready, then serves until stopped.
    /// Throws when a worker cannot make its responder.
    public func run(onReady: () -> Void = {}) throws {
        runningLock.withLock { started = true }
        defer { finished.signal() }
        signal(SIGPIPE, SIG_IGN)
        let pool = WorkerPool(wake: { [wakeWriteFD] in
            var byte: UInt8 = 1
            _ = write(wakeWriteFD, &byte, 1)
        })
        do {
            try pool.start(count: max(1, configuration.workers), stackSize: configuration.workerStackSize, make: makeResponder)
        } catch {
            close(listener.fd)
            throw error
        }
        onReady()
        var loop = EventLoop(server: self, pool: pool)
        loop.run()
        // After a second signal the process is leaving: a worker still answering is not waited for.
        if !loop.forced { pool.stop() }
    }

    /// Runs the server on a thread of its own and returns once it is ready (tests).
    public func start() throws {
        let ready = DispatchSemaphore(value: 0)
        let failure = Mutex<Error?>(nil)
        let thread = Thread { [self] in
            do {
                try run(onReady: { ready.signal() })
            } catch {
                failure.withLock { $0 = error }
                ready.signal()
            }
        }
        thread.stackSize = 1 << 20
        thread.start()
        ready.wait()
        if let error = failure.withLock({ $0 }) { throw error }
    }

    /// Waits until `run()` has returned (after `stop()`).
    public func waitUntilStopped() {
        guard runningLock.withLock({ started }) else { return }
        finished.wait()
        finished.signal()
    }

    // MARK: - The event loop

    /// State of the event loop thread.
    private struct EventLoop {
        let server: HTTPServer
        let pool: WorkerPool
        var connections: [Int: Connection] = [:]
        var nextID = 0
        var listening = true
        var draining = false
        var signalsSeen: Int32 = 0
        /// Stopped by a second signal, without finishing the requests in flight.
        var forced = false
        var config: ServerConfiguration { server.configuration }

        init(server: HTTPServer, pool: WorkerPool) {
            self.server = server
            self.pool = pool
        }

        mutating func run() {
            var fds: [pollfd] = []
            var ids: [Int] = []
            while true {
                checkStop()
                if draining && connections.isEmpty { break }
                fds.removeAll(keepingCapacity: true)
                ids.removeAll(keepingCapacity: true)
                fds.append(pollfd(fd: server.wakeRead, events: Int16(POLLIN), revents: 0))
                if listening { fds.append(pollfd(fd: server.listener.fd, events: Int16(POLLIN), revents: 0)) }
                let first = fds.count
                var nearest = UInt64.max
                for (id, c) in connections {
                    var events: Int32 = 0
                    if c.hasOutput { events |= Int32(POLLOUT) }
                    if (c.phase == .reading || c.phase == .lingering) && !c.peerClosed { events |= Int32(POLLIN) }
                    nearest = min(nearest, c.deadline)
                    // A connection waiting for a worker is left out: poll would report a hang-up
                    // over and over while nothing can be done about it yet.
                    guard events != 0 else { continue }
                    fds.append(pollfd(fd: c.fd, events: Int16(events), revents: 0))
                    ids.append(id)
                }
                let now = MonotonicClock.now()
                let timeout: Int32 = nearest == .max ? -1 : Int32(min(60_000, (nearest > now ? nearest - now : 0) / 1_000_000 + 1))
                let n = poll(&fds, nfds_t(fds.count), timeout)
                if n < 0 && errno != EINTR { break }
                if fds[0].revents != 0 { drainWakePipe() }
                finishCompleted()
                if listening, fds.count > 1, fds[1].revents & Int16(POLLIN) != 0 { acceptAll() }
                for (k, id) in ids.enumerated() {
                    let revents = Int32(fds[first + k].revents)
                    guard revents != 0, let c = connections[id] else { continue }
                    if revents & Int32(POLLOUT) != 0 { written(c) }
                    guard connections[id] != nil else { continue }
                    if revents & Int32(POLLIN | POLLHUP | POLLERR) != 0 { readable(c) }
                }
                expire()
            }
            if listening { close(server.listener.fd) }
            for c in connections.values { close(c.fd) }
        }

        // MARK: Stopping

        mutating func checkStop() {
            var stop = server.stopRequested.load(ordering: .sequentiallyConsistent) != 0
            if server.watchesSignals {
                let received = ShutdownSignals.received
                if received >= 2 {
                    // A second Ctrl-C: stop now.
                    for c in connections.values { close(c.fd) }
                    connections = [:]
                    forced = true
                    stop = true
                } else if received >= 1 {
                    stop = true
                }
                signalsSeen = received
            }
            guard stop, !draining else { return }
            draining = true
            if listening {
                close(server.listener.fd)
                listening = false
            }
            for c in connections.values where c.phase == .reading && !c.parser.inRequest && !c.hasOutput {
                closeConnection(c)
            }
        }

        func drainWakePipe() {
            var buffer = [UInt8](repeating: 0, count: 256)
            while buffer.withUnsafeMutableBytes({ read(server.wakeRead, $0.baseAddress, $0.count) }) > 0 {}
        }

        // MARK: Accepting

        mutating func acceptAll() {
            while true {
                let fd = accept(server.listener.fd, nil, nil)
                if fd < 0 {
                    if errno == EINTR { continue }
                    return   // EAGAIN, or out of descriptors: try again on the next readiness
                }
                Socket.setCloseOnExec(fd)
                guard Socket.setNonBlocking(fd) else {
                    close(fd)
                    continue
                }
                var one: Int32 = 1
                setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
                let c = Connection(fd: fd, id: nextID, limits: config.limits)
                nextID += 1
                let open = connections.values.filter { $0.phase != .lingering }.count
                connections[c.id] = c
                if open >= config.maxConnections {
                    // Over the cap: a short 503 and close, without reading the request.
                    if connections.count > config.maxConnections * 2 {
                        closeConnection(c)
                        continue
                    }
                    var response = HTTPResponse.error(HTTPError(503, "too many open connections (at most \(config.maxConnections)); try again shortly"))
                    response.headers.append(("Retry-After", "1"))
                    send(response, to: c, close: true)
                } else {
                    c.deadline = MonotonicClock.now() + MonotonicClock.nanoseconds(config.idleTimeout)
                }
            }
        }

        // MARK: Reading

        mutating func readable(_ c: Connection) {
            let cap = config.limits.maxHeadBytes + config.limits.maxBodyBytes + 64 * 1024
            guard c.read(cap: cap) else {
                closeConnection(c)
                return
            }
            if c.phase == .lingering {
                if c.peerClosed { closeConnection(c) }
                return
            }
            advance(c)
        }

        /// Parses what has arrived; dispatches a complete request, answers a bad one.
        mutating func advance(_ c: Connection) {
            guard c.phase == .reading else { return }
            guard c.unconsumed > 0 else {
                if c.peerClosed && !c.hasOutput {
                    closeConnection(c)
                } else if !c.parser.inRequest {
                    c.deadline = MonotonicClock.now() + MonotonicClock.nanoseconds(draining ? 0 : config.idleTimeout)
                }
                return
            }
            let wasInRequest = c.parser.inRequest
            let event = c.input.withUnsafeBufferPointer { all in
                c.parser.parse(UnsafeBufferPointer(rebasing: all[c.inputStart...]))
            }
            switch event {
            case .needMore:
                if !wasInRequest { c.deadline = MonotonicClock.now() + MonotonicClock.nanoseconds(config.requestTimeout) }
                if c.peerClosed {
                    send(HTTPResponse.error(HTTPError(400, "the connection closed before the request was complete")), to: c, close: true)
                }
            case .expectsContinue:
                if !wasInRequest { c.deadline = MonotonicClock.now() + MonotonicClock.nanoseconds(config.requestTimeout) }
                c.output += Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)
                if !c.flush() { closeConnection(c) }
            case .failure(let error):
                send(HTTPResponse.error(error), to: c, close: true)
            case .request(let request, let consumed):
                c.consume(consumed)
                c.parser.reset()
                c.phase = .processing
                c.deadline = .max
                c.answeringHead = request.method == "HEAD"
                c.keepAlive = request.keepAlive && !c.peerClosed
                pool.submit(WorkerPool.Job(connection: c.id, request: request))
            }
        }

        // MARK: Writing

        mutating func finishCompleted() {
            for (id, response) in pool.takeCompleted() {
                guard let c = connections[id], c.phase == .processing else { continue }
                c.served += 1
                // A client that half-closed while its request was answered is told the
                // connection closes (it will, once the response is out).
                send(response, to: c, close: !c.keepAlive || draining || (c.unconsumed == 0 && c.peerHasClosed()))
            }
        }

        mutating func send(_ response: HTTPResponse, to c: Connection, close: Bool) {
            var response = response
            for (name, value) in config.defaultHeaders { response.setDefault(name, value) }
            response.setDefault("Server", "kg")
            c.output += response.serialized(headOnly: c.phase == .processing && c.answeringHead, close: close, date: HTTPDate.now())
            c.closeAfterWrite = close
            c.phase = .writing
            c.deadline = MonotonicClock.now() + MonotonicClock.nanoseconds(config.writeTimeout)
            written(c)
        }

        /// After a write opportunity: flushes, then moves on when the response is out.
        mutating func written(_ c: Connection) {
            guard c.flush() else {
                closeConnection(c)
                return
            }
            guard !c.hasOutput else {
                c.deadline = MonotonicClock.now() + MonotonicClock.nanoseconds(config.writeTimeout)
                return
            }
            guard c.phase == .writing else { return }
            if c.closeAfterWrite {
                linger(c)
            } else {
                c.phase = .reading
                c.deadline = MonotonicClock.now() + MonotonicClock.nanoseconds(draining ? 0 : config.idleTimeout)
                advance(c)   // a pipelined request may be waiting
                if draining, c.phase == .reading, !c.parser.inRequest, !c.hasOutput, connections[c.id] != nil { closeConnection(c) }
            }
        }

        /// Shuts the write side and drops what the client still sends, for a moment.
        mutating func linger(_ c: Connection) {
            shutdown(c.fd, Int32(SHUT_WR))
            if c.peerClosed {
                closeConnection(c)
                return
            }
            c.phase = .lingering
            c.input = []
            c.inputStart = 0
            c.deadline = MonotonicClock.now() + MonotonicClock.nanoseconds(config.lingerTimeout)
        }

        // MARK: Timeouts

        mutating func expire() {
            let now = MonotonicClock.now()
            for c in Array(connections.values) where c.deadline <= now {
                switch c.phase {
                case .reading:
                    if c.parser.inRequest {
                        send(HTTPResponse.error(HTTPError(408, "the request did not arrive within \(Self.seconds(config.requestTimeout)) seconds")), to: c, close: true)
                    } else {
                        closeConnection(c)
                    }
                case .writing, .lingering:
                    closeConnection(c)
                case .processing:
                    continue
                }
            }
        }

        static func seconds(_ s: Double) -> String {
            s == s.rounded() ? String(Int(s)) : String(s)
        }

        mutating func closeConnection(_ c: Connection) {
            close(c.fd)
            connections[c.id] = nil
        }
    }
}
