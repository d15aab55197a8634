import Glibc

/// One client connection, owned by the event loop thread (never touched by a worker).
///
/// Phases: `reading` a request (the parser says when it is whole), `processing` (a worker
/// has it; nothing more is read, so pipelined requests wait in the buffer, in order),
/// `writing` the response, then back to `reading` for the next request of a keep-alive
/// connection, or `lingering`: after the last response the write side is shut and what the
/// client still sends is read and dropped for a moment, so closing does not reset the
/// connection before the client has read the response (an early 413, say).
final class Connection {
    enum Phase { case reading, processing, writing, lingering }

    let fd: Int32
    let id: Int
    var phase = Phase.reading
    var parser: RequestParser
    /// Received bytes; those before `inputStart` are consumed.
    var input: [UInt8] = []
    var inputStart = 0
    var output: [UInt8] = []
    var outputStart = 0
    /// Close once `output` is written.
    var closeAfterWrite = false
    /// The client shut its side (read returned 0).
    var peerClosed = false
    /// When the current phase times out (monotonic ns); `UInt64.max` for none.
    var deadline: UInt64 = .max
    /// The request being answered: HEAD (no body in the response) and keep-alive.
    var answeringHead = false
    var keepAlive = true
    /// Requests answered on this connection.
    var served = 0

    init(fd: Int32, id: Int, limits: HTTPLimits) {
        self.fd = fd
        self.id = id
        parser = RequestParser(limits: limits)
    }

    var unconsumed: Int { input.count - inputStart }
    var hasOutput: Bool { outputStart < output.count }

    /// Drops consumed input once it is most of the buffer.
    func consume(_ n: Int) {
        inputStart += n
        if inputStart == input.count {
            input.removeAll(keepingCapacity: true)
            inputStart = 0
        } else if inputStart > 16 * 1024 && inputStart * 2 > input.count {
            input.removeFirst(inputStart)
            inputStart = 0
        }
    }

    /// Reads what the socket has, up to `cap` unconsumed bytes. Returns false on a socket error.
    func read(cap: Int) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while unconsumed < cap {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n > 0 {
                if phase == .lingering { continue }   // dropped
                input += chunk[0..<n]
            } else if n == 0 {
                peerClosed = true
                return true
            } else {
                if errno == EINTR { continue }
                return errno == EAGAIN || errno == EWOULDBLOCK
            }
        }
        return true
    }

    /// True when the client has shut its side of the connection with nothing more to read:
    /// a peek that consumes nothing (its socket is not polled while a worker answers, so a
    /// half-close that arrives then is only seen here). Data still waiting counts as open.
    func peerHasClosed() -> Bool {
        if peerClosed { return true }
        var byte: UInt8 = 0
        if recv(fd, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT)) == 0 { peerClosed = true }
        return peerClosed
    }

    /// Writes what it can of `output`. Returns false on a socket error (the peer is gone).
    func flush() -> Bool {
        while outputStart < output.count {
            let n = output.withUnsafeBytes { buffer in
                send(fd, buffer.baseAddress.map { $0 + outputStart }, buffer.count - outputStart, Int32(MSG_NOSIGNAL))
            }
            if n > 0 {
                outputStart += n
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)
            }
        }
        output.removeAll(keepingCapacity: true)
        outputStart = 0
        return true
    }
}
