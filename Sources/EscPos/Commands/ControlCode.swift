/// The control bytes that start ESC/POS commands, or are one-byte commands themselves.
///
/// Named once so the compiler, the decoder and the virtual printer spell them alike; the reference
/// writes them by these mnemonics (`ESC`, `GS`, …), and so do the listings.
package enum ControlCode {
    /// `HT`: horizontal tab.
    package static let ht: UInt8 = 0x09
    /// `LF`: print the line and feed.
    package static let lf: UInt8 = 0x0A
    /// `FF`: form feed.
    package static let ff: UInt8 = 0x0C
    /// `CR`: carriage return.
    package static let cr: UInt8 = 0x0D
    /// `DLE`: starts the real-time commands (`DLE EOT`, `DLE ENQ`, `DLE DC4`).
    package static let dle: UInt8 = 0x10
    /// `ESC`: starts most formatting commands.
    package static let esc: UInt8 = 0x1B
    /// `FS`: starts the Kanji commands.
    package static let fs: UInt8 = 0x1C
    /// `GS`: starts the barcode, graphics, cut and status commands.
    package static let gs: UInt8 = 0x1D
}
