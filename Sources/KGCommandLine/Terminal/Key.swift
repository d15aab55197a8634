/// One key press, as decoded from terminal input bytes by `KeyDecoder`.
///
/// Only distinctions the editor acts on are kept; anything else is `.unknown` so it can be
/// ignored instead of being inserted as garbage.
enum Key: Equatable, Sendable {
    /// Printable text, inserted as is.
    case character(Character)
    /// Ctrl plus a letter, lowercased: `.control("a")` is byte 0x01. Tab, Enter and Ctrl-H
    /// have their own cases.
    case control(Character)
    /// Alt plus a key, sent by terminals as ESC followed by the key: `.meta("b")`.
    case meta(Character)
    case enter
    case tab
    /// DEL (127) or Ctrl-H (8).
    case backspace
    /// Alt-Backspace (ESC DEL).
    case metaBackspace
    /// A lone ESC (no sequence followed within the decoder's timeout).
    case escape
    case up, down, left, right
    case home, end
    /// The Delete key (ESC [3~).
    case delete
    /// Alt-Left / Ctrl-Left (ESC [1;3D, ESC [1;5D).
    case wordLeft
    /// Alt-Right / Ctrl-Right (ESC [1;3C, ESC [1;5C).
    case wordRight
    /// A well-formed escape sequence the editor does not bind (F-keys, PageUp, ...).
    case unknown
}
