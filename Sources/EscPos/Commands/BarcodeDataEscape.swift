/// The two-byte escapes inside `GS k` data: `{` and a character.
///
/// Code 128 (`GS k 73`) spells its code-set changes and function characters this way; GS1-128 and GS1
/// DataBar Expanded (`GS k 74`, `78`) use `{1` after a variable-length value and `{*` for a literal `*`.
/// A literal `{` is `{{` in both. The compiler writes these escapes, the decoder and the listing read them.
package enum BarcodeDataEscape {
    /// `{`: starts every escape.
    package static let brace = UInt8(ascii: "{")
    /// `{A`: select Code 128 code set A.
    package static let codeSetA = UInt8(ascii: "A")
    /// `{B`: select code set B.
    package static let codeSetB = UInt8(ascii: "B")
    /// `{C`: select code set C (each following byte is a digit pair, 0–99).
    package static let codeSetC = UInt8(ascii: "C")
    /// `{S`: SHIFT, the next character is of the other code set A or B.
    package static let shift = UInt8(ascii: "S")
    /// `{1`: FNC1 (GS1's separator).
    package static let fnc1 = UInt8(ascii: "1")
    /// `{2`: FNC2.
    package static let fnc2 = UInt8(ascii: "2")
    /// `{3`: FNC3.
    package static let fnc3 = UInt8(ascii: "3")
    /// `{4`: FNC4.
    package static let fnc4 = UInt8(ascii: "4")
    /// `{*`: a literal `*` in GS1 data; a bare `*` asks the printer for a check digit.
    package static let asterisk = UInt8(ascii: "*")
}
