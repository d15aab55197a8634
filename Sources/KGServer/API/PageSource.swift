/// The HTML side of `kg serve`: pages and their assets, looked up by path after the API's
/// own routes. Shared by every worker, so it must be immutable (or otherwise thread-safe);
/// a page that needs the graph asks the worker's own replica through `graph`.
protocol PageSource: Sendable {
    /// The response for `request`, or nil when no page has its path.
    func respond(to request: HTTPRequest, graph: GraphResponder) -> HTTPResponse?
    /// The 404 page.
    func notFound(_ request: HTTPRequest) -> HTTPResponse
}
