/// One ESC/POS command (or run of text) recognised in a byte stream by ``CommandDecoder``.
///
/// Commands the compiler emits have typed cases; other known commands are ``other(name:parameters:)``;
/// bytes that start no known command are ``unknown(_:)`` and a command cut off by the end of the
/// input is ``truncated(name:bytes:)``. Nothing is ever skipped silently. Runs of one-byte commands and of
/// unknown bytes are one command each (``repeated(_:count:)``, ``unknownRun(count:)``), so the number of
/// commands grows with the stream's structure, not with its length: a megabyte of NUL padding is one command.
public enum Command: Hashable, Sendable {
    /// Printable characters, decoded with the code page in effect.
    case text(String)
    /// `LF`: print the line and feed.
    case lineFeed
    /// `CR`.
    case carriageReturn
    /// `HT`: horizontal tab.
    case horizontalTab
    /// `FF`: form feed (print and return to standard mode in page mode).
    case formFeed
    /// `ESC @`: initialise the printer (clears styles and the code page).
    case initialize
    /// `ESC E n`: bold.
    case bold(Bool)
    /// `ESC - n`: underline 0, 1 or 2 dots.
    case underline(UInt8)
    /// `ESC G n`: double-strike.
    case doubleStrike(Bool)
    /// `GS B n`: white on black.
    case reverse(Bool)
    /// `ESC { n`: upside-down.
    case upsideDown(Bool)
    /// `ESC V n`: 90° rotation.
    case rotation(UInt8)
    /// `ESC M n`: font 0 (A), 1 (B), 2 (C).
    case font(UInt8)
    /// `GS ! n`: character width and height multipliers, 1–8.
    case characterSize(width: Int, height: Int)
    /// `ESC ! n`: print mode bits (font B, bold, double height/width, underline).
    case printMode(UInt8)
    /// `ESC a n`: 0 left, 1 centre, 2 right.
    case alignment(UInt8)
    /// `ESC 2`: default line spacing.
    case defaultLineSpacing
    /// `ESC 3 n`: line spacing in dots.
    case lineSpacing(UInt8)
    /// `GS L nL nH`: left margin in dots.
    case leftMargin(Int)
    /// `GS W nL nH`: print-area width in dots.
    case printAreaWidth(Int)
    /// `ESC d n`: print and feed n lines.
    case feedLines(UInt8)
    /// `ESC J n`: print and feed n dots.
    case feedDots(UInt8)
    /// `GS V m [n]`: cut; `feed` is the `n` of the feed-then-cut forms.
    case cut(mode: UInt8, feed: UInt8?)
    /// `ESC p m t1 t2`: drawer pulse on pin 2 (m 0) or 5 (m 1), times in 2 ms units.
    case drawerPulse(pin: UInt8, onTime: UInt8, offTime: UInt8)
    /// `ESC B n t`: buzzer n times, t × 50 ms.
    case buzzer(times: UInt8, duration: UInt8)
    /// `ESC t n` (or `ESC GS t n` on Star): select code page n.
    case selectCodePage(UInt8)
    /// `FS .`: cancel Kanji mode.
    case cancelKanjiMode
    /// `FS &`: select Kanji mode.
    case selectKanjiMode
    /// `DLE EOT n`: real-time status request 1–4.
    case realTimeStatus(UInt8)
    /// `DLE ENQ n`: real-time request to the printer.
    case realTimeRequest(UInt8)
    /// `DLE DC4 fn m t`: real-time command (fn 1 is a drawer pulse).
    case realTimeCommand(function: UInt8, m: UInt8, t: UInt8)
    /// `GS a n`: enable Automatic Status Back for the events in n.
    case automaticStatusBack(UInt8)
    /// `GS I n`: transmit printer ID.
    case transmitPrinterID(UInt8)
    /// `GS r n`: transmit status.
    case transmitStatus(UInt8)
    /// `GS k`: print a barcode; `system` is the `m` byte (0–6 function A, 65+ function B).
    case barcode(system: UInt8, data: [UInt8])
    /// `GS h n`: barcode height in dots.
    case barcodeHeight(UInt8)
    /// `GS w n`: barcode module width.
    case barcodeModuleWidth(UInt8)
    /// `GS H n`: HRI position (0 none, 1 above, 2 below, 3 both).
    case hriPosition(UInt8)
    /// `GS f n`: HRI font.
    case hriFont(UInt8)
    /// `GS ( k pL pH cn fn …`: a 2D-code function (cn 48 PDF417, 49 QR, 50 MaxiCode, 51 DataBar/composite,
    /// 53 Aztec, 54 DataMatrix).
    case twoDimensionalCode(cn: UInt8, fn: UInt8, parameters: [UInt8])
    /// `GS v 0 m xL xH yL yH d…`: raster bit image, `widthBytes` × `height`.
    case rasterImage(mode: UInt8, widthBytes: Int, height: Int, data: [UInt8])
    /// `GS ( L` / `GS 8 L`: a graphics function (`fn` 112 stores a raster, 50 prints it).
    case graphics(m: UInt8, fn: UInt8, parameters: [UInt8])
    /// `ESC * m nL nH d…`: column bit image, `width` columns of 1 (m < 32) or 3 bytes.
    case columnImage(mode: UInt8, width: Int, data: [UInt8])
    /// A known command without a typed case.
    case other(name: String, parameters: [UInt8])
    /// A byte that starts no known command.
    case unknown(UInt8)
    /// `count` (2 or more) `LF`, `CR`, `HT` or `FF` bytes in a row: `command` (``lineFeed``,
    /// ``carriageReturn``, ``horizontalTab`` or ``formFeed``) `count` times.
    indirect case repeated(Command, count: Int)
    /// `count` (2 or more) bytes in a row that start no known command, such as NUL padding; the bytes
    /// themselves are the ``DecodedCommand/bytes``. A single such byte is ``unknown(_:)``.
    case unknownRun(count: Int)
    /// A command cut off by the end of the input.
    case truncated(name: String, bytes: [UInt8])
}

extension Command {
    /// Whether the command is a problem in the stream: unknown bytes (one run counts once) or a command
    /// cut off by the end of the input.
    public var isProblem: Bool {
        switch self {
        case .unknown, .unknownRun, .truncated: return true
        case .repeated(let command, _): return command.isProblem
        default: return false
        }
    }
}
