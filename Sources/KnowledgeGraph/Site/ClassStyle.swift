import KGStore

/// One look per top class, shared by the Graphviz picture and the site's SVG drawings, so an
/// entity has the same colour everywhere.
struct ClassStyle: Equatable {
    /// Graphviz node shape.
    let shape: String
    /// Fill colour, `#rrggbb`.
    let colour: String

    /// The styled top classes, in the order legends list them.
    static let ordered: [(name: String, style: ClassStyle)] = [
        ("state", ClassStyle(shape: "box", colour: "#a6cee3")),
        ("body", ClassStyle(shape: "ellipse", colour: "#b2df8a")),
        ("meeting", ClassStyle(shape: "hexagon", colour: "#fdbf6f")),
        ("session", ClassStyle(shape: "octagon", colour: "#ffff99")),
        ("instrument", ClassStyle(shape: "note", colour: "#cab2d6")),
        ("practice", ClassStyle(shape: "component", colour: "#fb9a99")),
        ("person", ClassStyle(shape: "egg", colour: "#fccde5")),
        ("source", ClassStyle(shape: "folder", colour: "#d9d9d9")),
        ("place", ClassStyle(shape: "invhouse", colour: "#8dd3c7")),
    ]

    /// Entities of any other top class (classes, modality kinds) or of none.
    static let other = ClassStyle(shape: "ellipse", colour: "#ffffff")

    /// Class entities, in the site's drawings.
    static let classEntity = ClassStyle(shape: "box", colour: "#e3e8ef")

    /// The style of an entity whose top class is `top`.
    static func of(top: Term?) -> ClassStyle {
        guard case .entity(let name)? = top else { return other }
        return ordered.first { $0.name == name }?.style ?? other
    }
}
