import Dispatch
import Foundation
import Synchronization

/// Answers requests on one worker thread. Each worker makes its own responder, on its own
/// thread, and only that thread ever calls it: a responder needs no locks of its own.
public protocol HTTPResponder: AnyObject {
    func respond(to request: HTTPRequest) -> HTTPResponse
}

/// A fixed set of worker threads taking requests from one queue. The event loop submits a
/// connection's request, a worker answers it with its responder, and the response comes back
/// through `takeCompleted()` after `wake` has nudged the loop. The queue is bounded by the
/// event loop: a connection has at most one request in it at a time.
final class WorkerPool: @unchecked Sendable {
    struct Job: Sendable {
        let connection: Int
        let request: HTTPRequest
    }

    private let condition = NSCondition()
    private var queue: [Job] = []
    private var queueHead = 0
    private var stopping = false
    private let completedLock = NSLock()
    private var completed: [(connection: Int, response: HTTPResponse)] = []
    private let exited = DispatchGroup()
    private let wake: @Sendable () -> Void

    init(wake: @escaping @Sendable () -> Void) { self.wake = wake }

    /// Starts `count` threads; each makes its responder first. Returns once every worker is
    /// ready, or throws the first worker's error (after stopping them all).
    func start(count: Int, stackSize: Int, make: @escaping @Sendable (Int) throws -> any HTTPResponder) throws {
        let ready = DispatchSemaphore(value: 0)
        let firstError = Mutex<Error?>(nil)
        for index in 0..<count {
            exited.enter()
            let thread = Thread { [self] in
                defer { exited.leave() }
                let responder: any HTTPResponder
                do {
                    responder = try make(index)
                } catch {
                    firstError.withLock { if $0 == nil { $0 = error } }
                    ready.signal()
                    return
                }
                ready.signal()
                work(responder)
            }
            thread.stackSize = stackSize
            thread.name = "kg-serve-worker-\(index)"
            thread.start()
        }
        for _ in 0..<count { ready.wait() }
        if let error = firstError.withLock({ $0 }) {
            stop()
            throw error
        }
    }

    private func work(_ responder: any HTTPResponder) {
        while true {
            condition.lock()
            while queueHead == queue.count && !stopping { condition.wait() }
            if queueHead == queue.count {
                condition.unlock()
                return
            }
            let job = queue[queueHead]
            queueHead += 1
            if queueHead > 64 && queueHead * 2 > queue.count {
                queue.removeFirst(queueHead)
                queueHead = 0
            }
            condition.unlock()
            let response = responder.respond(to: job.request)
            completedLock.withLock { completed.append((job.connection, response)) }
            wake()
        }
    }

    func submit(_ job: Job) {
        condition.lock()
        queue.append(job)
        condition.signal()
        condition.unlock()
    }

    /// The responses finished since the last call, in the order they finished.
    func takeCompleted() -> [(connection: Int, response: HTTPResponse)] {
        completedLock.withLock {
            let out = completed
            completed = []
            return out
        }
    }

    /// Lets the workers finish the queued requests, then waits for every thread to end.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
        exited.wait()
    }
}
