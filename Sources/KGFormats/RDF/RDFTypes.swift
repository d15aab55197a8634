import KGStore

/// The RDF serializations kg reads and writes.
public enum RDFFormat: Sendable, Hashable {
    case nTriples, nQuads, turtle

    /// The format named by a file extension: `nt`, `nq` or `ttl` (case-insensitive, a leading
    /// dot allowed); nil for anything else.
    public init?(fileExtension: String) {
        var ext = Substring(fileExtension.lowercased())
        if ext.hasPrefix(".") { ext = ext.dropFirst() }
        switch ext {
        case "nt": self = .nTriples
        case "nq": self = .nQuads
        case "ttl": self = .turtle
        default: return nil
        }
    }
}

/// One RDF statement: a triple, or a quad when `graph` is set (N-Quads' fourth term).
public struct RDFStatement: Sendable, Hashable {
    public var subject: Term
    public var predicate: Term
    public var object: Term
    /// The graph name; nil for the default graph.
    public var graph: Term?

    public init(subject: Term, predicate: Term, object: Term, graph: Term? = nil) {
        self.subject = subject
        self.predicate = predicate
        self.object = object
        self.graph = graph
    }
}

/// A syntax error in RDF input, at the 1-based line and column (in characters) of the
/// offending character.
public struct RDFSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var line: Int
    public var column: Int

    public init(message: String, line: Int, column: Int) {
        self.message = message
        self.line = line
        self.column = column
    }

    /// `line:column: error: message`; prefix it with the file name to get kg's error format.
    public var description: String { "\(line):\(column): error: \(message)" }
}

/// A file that could not be opened or read.
public struct RDFFileError: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): error: \(message)" }
}

/// The RDF vocabulary terms the parsers and writers need.
enum RDFVocabulary {
    static let namespace = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    static let type = namespace + "type"
    static let first = namespace + "first"
    static let rest = namespace + "rest"
    static let nilList = namespace + "nil"
    static let xsdBoolean = XSD.namespace + "boolean"
    static let xsdDouble = XSD.namespace + "double"
}
