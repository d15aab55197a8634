import Glibc

/// Why the server could not start listening (or run).
public struct ServerError: Error, Sendable, CustomStringConvertible {
    public let description: String
    /// True when the address was taken by another process.
    public let addressInUse: Bool
    init(_ description: String, addressInUse: Bool = false) {
        self.description = description
        self.addressInUse = addressInUse
    }
}

/// The listening TCP socket: resolved, bound and listening, non-blocking, close-on-exec.
struct ListeningSocket {
    let fd: Int32
    /// The numeric address it is bound to (`127.0.0.1`, `::1`).
    let address: String
    let port: Int
    let isLoopback: Bool

    /// Binds `host:port` (port 0: any free port). SO_REUSEADDR lets a restarted server take
    /// its port back from connections in TIME_WAIT, but never from another listener.
    static func open(host: String, port: Int, backlog: Int32 = 512) throws(ServerError) -> ListeningSocket {
        guard (0...65535).contains(port) else { throw ServerError("the port must be between 0 and 65535, not \(port)") }
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw ServerError("cannot listen on \(host): \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(list) }
        var lastError = ServerError("cannot listen on \(host):\(port)")
        var node: UnsafeMutablePointer<addrinfo>? = first
        while let info = node {
            node = info.pointee.ai_next
            let fd = socket(info.pointee.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard fd >= 0 else {
                lastError = ServerError("cannot create a socket: \(String(cString: strerror(errno)))")
                continue
            }
            var one: Int32 = 1
            setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
            if info.pointee.ai_family == AF_INET6 {
                setsockopt(fd, Int32(IPPROTO_IPV6), IPV6_V6ONLY, &one, socklen_t(MemoryLayout<Int32>.size))
            }
            if bind(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) != 0 {
                let code = errno
                close(fd)
                if code == EADDRINUSE {
                    throw ServerError("cannot listen on \(host):\(port): the port is already in use (stop the other server or choose another port with --port)", addressInUse: true)
                }
                lastError = ServerError("cannot listen on \(host):\(port): \(String(cString: strerror(code)))")
                continue
            }
            guard listen(fd, backlog) == 0 else {
                let code = errno
                close(fd)
                lastError = ServerError("cannot listen on \(host):\(port): \(String(cString: strerror(code)))")
                continue
            }
            guard Socket.setNonBlocking(fd) else {
                close(fd)
                lastError = ServerError("cannot make the socket non-blocking: \(String(cString: strerror(errno)))")
                continue
            }
            let (address, boundPort, loopback) = Socket.localAddress(fd)
            return ListeningSocket(fd: fd, address: address, port: boundPort, isLoopback: loopback)
        }
        throw lastError
    }
}

/// Small wrappers over the socket calls.
enum Socket {
    static func setNonBlocking(_ fd: Int32) -> Bool {
        let flags = fcntl(fd, F_GETFL, 0)
        return flags >= 0 && fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0
    }

    static func setCloseOnExec(_ fd: Int32) {
        let flags = fcntl(fd, F_GETFD, 0)
        if flags >= 0 { _ = fcntl(fd, F_SETFD, flags | FD_CLOEXEC) }
    }

    /// The numeric address and port a socket is bound to, and whether it is a loopback one.
    static func localAddress(_ fd: Int32) -> (String, Int, Bool) {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let ok = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) == 0 }
        }
        guard ok else { return ("?", 0, false) }
        var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        var service = [CChar](repeating: 0, count: Int(NI_MAXSERV))
        _ = withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                getnameinfo($0, length, &host, socklen_t(host.count), &service, socklen_t(service.count), NI_NUMERICHOST | NI_NUMERICSERV)
            }
        }
        let address = String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let port = Int(String(decoding: service.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)) ?? 0
        return (address, port, isLoopback(address))
    }

    /// 127.0.0.0/8, ::1 and IPv4-mapped loopback addresses.
    static func isLoopback(_ address: String) -> Bool {
        address.hasPrefix("127.") || address == "::1" || address.hasPrefix("::ffff:127.")
    }
}

/// Monotonic time in nanoseconds, for deadlines (never jumps with the wall clock).
enum MonotonicClock {
    static func now() -> UInt64 {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
    }

    static func nanoseconds(_ seconds: Double) -> UInt64 {
        seconds <= 0 ? 0 : UInt64(min(seconds, 1e9) * 1e9)
    }
}
