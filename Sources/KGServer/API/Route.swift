/// The paths `kg serve` answers, with the methods each accepts (HEAD wherever GET is).
/// Pages other than these (entity pages, the site's own pages, assets) are looked up by the
/// page source; any other path is 404.
enum Route: Equatable {
    case query, why, describe, find, complete

    static func match(_ path: String) -> Route? {
        switch path {
        case "/api/query": return .query
        case "/api/why": return .why
        case "/api/describe": return .describe
        case "/api/find": return .find
        case "/api/complete": return .complete
        default: return nil
        }
    }

    var methods: [String] {
        switch self {
        case .query: return ["GET", "HEAD", "POST"]
        default: return ["GET", "HEAD"]
        }
    }
}
