import KGStore

/// Graphviz pictures of the graph (`kg export --format dot`). Placeholder until the drawing
/// work lands: reports that the format is not available.
public enum GraphPicture {
    public struct Unavailable: Error, CustomStringConvertible {
        public var description: String { "the dot format is not available yet" }
    }

    public static func dot(_ session: Session, around: Term?, depth: Int) throws -> String {
        throw Unavailable()
    }
}
