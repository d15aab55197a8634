/// The predicates that hold a name of an entity, declared once for everything that looks
/// entities up by name: `:find`, `:describe`'s header, REPL completion, the site's search
/// index, and (mirrored in seeds/rules.dl) the derived `name(X, N)`.
///
/// Each says what kind of name it holds:
///
/// | predicate | kind | holds |
/// |---|---|---|
/// | `label` | label | the one name per language (`@es` printed, `@en` mostly translated) |
/// | `alt_label` | printed | another form a document prints |
/// | `acronym` | printed | an acronym a document uses |
/// | `title` | printed | a meeting's, session's or instrument's title as printed |
/// | `heading` | printed | a section's heading as printed |
/// | `printed_topic` | listed | a short title a document lists *under* X (a topic, an agenda item) |
/// | `subheading` | listed | a heading a passage or section prints besides its section's own |
/// | `descriptive_label` | descriptive | a name the curators composed, never printed |
///
/// `printed_topic` and `subheading` are printed but name something X lists or holds, not X
/// itself: `:find` and the site search find X by them (and say so), but they are not among
/// X's `name/2`s.
public enum NamePredicate: String, CaseIterable, Sendable, Comparable {
    case label
    case altLabel = "alt_label"
    case acronym
    case title
    case heading
    case printedTopic = "printed_topic"
    case subheading
    case descriptiveLabel = "descriptive_label"

    /// What kind of name a predicate holds, in the order names are shown.
    public enum Kind: Int, Sendable, Comparable {
        /// `label`: one per language.
        case label
        /// A form a document prints (`alt_label`, `acronym`, `title`, `heading`).
        case printed
        /// A short title a document lists under the entity, or a sub-heading it holds
        /// (`printed_topic`, `subheading`).
        case listed
        /// A name the curators composed (`descriptive_label`).
        case descriptive

        public static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
    }

    public var kind: Kind {
        switch self {
        case .label: return .label
        case .altLabel, .acronym, .title, .heading: return .printed
        case .printedTopic, .subheading: return .listed
        case .descriptiveLabel: return .descriptive
        }
    }

    /// The predicate's name as written in Datalog.
    public var name: String { rawValue }

    /// True for the predicates whose values are names of the entity itself — every kind but
    /// `listed`; these are the branches of the derived `name(X, N)` of seeds/rules.dl.
    public var namesTheEntity: Bool { kind != .listed }

    /// The order names are shown in: by kind, then in declaration order.
    public static func < (a: NamePredicate, b: NamePredicate) -> Bool {
        order(a) < order(b)
    }

    private static func order(_ p: NamePredicate) -> Int { allCases.firstIndex(of: p) ?? 0 }

    /// The predicate named `name`, if it is one of these.
    public init?(predicate name: String) { self.init(rawValue: name) }
}
