import Foundation
import KGLanguage

extension Session {
    /// Loads N-Triples, N-Quads or Turtle. (Reader lands with the RDF work.)
    func loadRDF(_ data: Data, path: String, extension ext: String, at include: SourceRange?, into result: inout LoadResult) {
        result.diagnostics.append(.error("cannot read '\(path)': RDF input (.\(ext)) is not supported yet", at: include))
    }
}
