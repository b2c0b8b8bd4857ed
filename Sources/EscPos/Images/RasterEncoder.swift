/// Writes a ``MonochromeBitmap`` as ESC/POS graphics commands, in bands a printer can buffer.
///
/// Three command families exist and printers support different subsets, which the compiler picks
/// from the ``PrinterProfile``:
///
/// | Method | Command | Printers |
/// |---|---|---|
/// | ``rasterBitImage(_:into:)`` | `GS v 0` | almost all current thermal printers |
/// | ``graphics(_:into:)`` | `GS ( L` / `GS 8 L` store, then `GS ( L` print | Epson TM series since about 2008 |
/// | ``columnBitImage(_:into:)`` | `ESC *` 24-dot columns | older and impact printers |
///
/// Every length field is computed from the data and checked: `GS ( L` switches to `GS 8 L` with a
/// 32-bit length as soon as a band holds more than 65 525 data bytes, so nothing overflows silently.
///
/// ```swift
/// var bytes: [UInt8] = []
/// RasterEncoder(bandHeight: 24).rasterBitImage(bitmap, into: &bytes)
/// ```
public struct RasterEncoder: Hashable, Sendable {
    /// Print every dot twice as wide (`GS v 0` m = 1, `GS ( L` bx = 2, `ESC *` single density).
    public var doubleWidth: Bool
    /// Print every dot twice as tall (`GS v 0` m = 2, `GS ( L` by = 2; `ESC *` repeats each row).
    public var doubleHeight: Bool
    /// Rows per command for `GS v 0` and `GS ( L` (1–2303), or 0 to use ``defaultBandHeight(bytesPerRow:)``;
    /// `ESC *` bands are always 24 rows.
    ///
    /// Smaller bands let printers with small receive buffers start printing sooner and keep each
    /// command within buffer limits; the image is dithered as a whole first, so bands join seamlessly.
    public var bandHeight: Int

    /// The band height used when none is given: as many rows as fit in 4 KiB, a size every
    /// receive buffer takes, rounded down to a multiple of 8 and at least 8.
    public static func defaultBandHeight(bytesPerRow: Int) -> Int {
        max(8, (4096 / max(1, bytesPerRow)) & ~7)
    }

    /// The tallest band written in one command. `GS v 0` allows up to 2303 rows on Epson printers.
    public static let maximumBandHeight = 2303

    /// Creates an encoder.
    ///
    /// - Parameters:
    ///   - doubleWidth: Print each dot twice as wide.
    ///   - doubleHeight: Print each dot twice as tall.
    ///   - bandHeight: Rows per command (1–2303); `nil` chooses ``defaultBandHeight(bytesPerRow:)`` per bitmap.
    public init(doubleWidth: Bool = false, doubleHeight: Bool = false, bandHeight: Int? = nil) {
        self.doubleWidth = doubleWidth
        self.doubleHeight = doubleHeight
        self.bandHeight = bandHeight.map { min(max(1, $0), Self.maximumBandHeight) } ?? 0
    }

    private func rowsPerBand(for bitmap: MonochromeBitmap) -> Int {
        bandHeight > 0 ? bandHeight : Self.defaultBandHeight(bytesPerRow: bitmap.bytesPerRow)
    }

    /// Appends `GS v 0` raster bit image commands, one per band.
    ///
    /// Each band is `1D 76 30 m xL xH yL yH` followed by `x × y` bytes, where `x` is bytes per row,
    /// `y` rows, and `m` is 0 (normal), 1 (double width), 2 (double height) or 3 (both).
    ///
    /// - Precondition: The bitmap is at most 65 535 bytes per row.
    public func rasterBitImage(_ bitmap: MonochromeBitmap, into bytes: inout [UInt8]) {
        guard bitmap.width > 0, bitmap.height > 0 else { return }
        let rowBytes = bitmap.bytesPerRow
        precondition(rowBytes <= 0xFFFF, "GS v 0 takes at most 65 535 bytes per row")
        let band = rowsPerBand(for: bitmap)
        let mode = RasterImageMode.mode(doubleWidth: doubleWidth, doubleHeight: doubleHeight)
        bytes.reserveCapacity(bytes.count + bitmap.bits.count + 8 * (bitmap.height / band + 1))
        var top = 0
        while top < bitmap.height {
            let rows = min(band, bitmap.height - top)
            bytes.append(contentsOf: [
                ControlCode.gs, GSFunction.rasterImage.rawValue, GSFunction.rasterImageFunction, mode,
            ])
            Self.appendLittleEndian16(rowBytes, to: &bytes)
            Self.appendLittleEndian16(rows, to: &bytes)
            bytes.append(contentsOf: bitmap.bits[(top * rowBytes)..<((top + rows) * rowBytes)])
            top += rows
        }
    }

    /// Appends `GS ( L` graphics commands: for each band, store it in the print buffer (function 112)
    /// and print it (function 50).
    ///
    /// Store is `1D 28 4C pL pH 30 70 30 bx by 31 xL xH yL yH` + data, where `p = 10 + data bytes`,
    /// `bx`/`by` are 1 or 2 (double width/height), `31` selects colour 1 and `x` is the width in dots.
    /// When `p` exceeds 65 535 the store uses `GS 8 L`: `1D 38 4C p1 p2 p3 p4 30 70 …` with a 32-bit
    /// length. Print is `1D 28 4C 02 00 30 32`.
    ///
    /// - Precondition: The bitmap is at most 65 535 dots wide.
    public func graphics(_ bitmap: MonochromeBitmap, into bytes: inout [UInt8]) {
        guard bitmap.width > 0, bitmap.height > 0 else { return }
        precondition(bitmap.width <= 0xFFFF, "GS ( L takes at most 65 535 dots per row")
        let rowBytes = bitmap.bytesPerRow
        let band = rowsPerBand(for: bitmap)
        var top = 0
        while top < bitmap.height {
            let rows = min(band, bitmap.height - top)
            let parameterLength = 2 + GraphicsFunction.storeParameterCount + rows * rowBytes
            let graphics = GSExtendedFunction.graphics
            if parameterLength <= 0xFFFF {
                bytes.append(contentsOf: graphics.header(parameterLength: parameterLength))
            } else {
                bytes.append(contentsOf: graphics.longHeader(parameterLength: parameterLength))
            }
            bytes.append(contentsOf: [GraphicsFunction.m, GraphicsFunction.store, GraphicsFunction.monochrome])
            bytes.append(contentsOf: [doubleWidth ? 2 : 1, doubleHeight ? 2 : 1, GraphicsFunction.colour1])
            Self.appendLittleEndian16(bitmap.width, to: &bytes)
            Self.appendLittleEndian16(rows, to: &bytes)
            bytes.append(contentsOf: bitmap.bits[(top * rowBytes)..<((top + rows) * rowBytes)])
            bytes.append(contentsOf: Self.printGraphics)
            top += rows
        }
    }

    /// `GS ( L` function 50: print the graphics data in the print buffer.
    static let printGraphics = GSExtendedFunction.graphics.command([GraphicsFunction.m, GraphicsFunction.print])

    /// The line spacing `ESC *` bands are printed with: 24 dots, so each 24-dot band starts where the last
    /// one ended (`ESC 3 24` = `1B 33 18`). It assumes the vertical motion unit is one dot, the
    /// power-on default of Epson-compatible printers, where `ESC 3 n` advances `n` dots.
    public static let columnBandLineSpacing: UInt8 = 24

    /// Appends `ESC *` 24-dot column bit image commands, one per 24-row band.
    ///
    /// The sequence is `ESC 3 24` (`1B 33 18`, band-height line spacing so bands join without gaps),
    /// then per band `1B 2A m nL nH` + `3 × n` bytes (each column three bytes, top dot in the most
    /// significant bit) + `LF`, and finally `ESC 2` (`1B 32`, default line spacing). `m` is 33
    /// (24-dot double density) or 32 (single density, each dot twice as wide). The last band is padded
    /// with white rows. Double height repeats each row, as `ESC *` has no such mode.
    ///
    /// - Precondition: The bitmap is at most 65 535 dots wide.
    public func columnBitImage(_ bitmap: MonochromeBitmap, into bytes: inout [UInt8]) {
        guard bitmap.width > 0, bitmap.height > 0 else { return }
        precondition(bitmap.width <= 0xFFFF, "ESC * takes at most 65 535 dots per row")
        let image = doubleHeight ? bitmap.repeatingRows(2) : bitmap
        let width = image.width
        let rowBytes = image.bytesPerRow
        bytes.append(contentsOf: ESCFunction.lineSpacing(Self.columnBandLineSpacing))
        image.bits.withUnsafeBufferPointer { rows in
            var column = [UInt8](repeating: 0, count: 3 * width)
            var top = 0
            while top < image.height {
                for index in column.indices { column[index] = 0 }
                // Transpose the band: bit (7 − x % 8) of row byte → bit (7 − row % 8) of column byte.
                for row in 0..<min(24, image.height - top) {
                    let rowStart = (top + row) * rowBytes
                    let slot = row >> 3
                    let bit: UInt8 = 0x80 >> UInt8(row & 7)
                    for byteIndex in 0..<rowBytes {
                        let byte = rows[rowStart + byteIndex]
                        if byte == 0 { continue }
                        for b in 0..<8 where byte & (0x80 >> UInt8(b)) != 0 {
                            column[3 * (byteIndex * 8 + b) + slot] |= bit
                        }
                    }
                }
                bytes.append(
                    contentsOf: ESCFunction.columnImage(
                        doubleWidth ? ColumnImageMode.singleDensity24 : ColumnImageMode.doubleDensity24
                    )
                )
                Self.appendLittleEndian16(width, to: &bytes)
                bytes.append(contentsOf: column)
                bytes.append(ControlCode.lf)
                top += 24
            }
        }
        bytes.append(contentsOf: ESCFunction.defaultLineSpacing())
    }

    private static func appendLittleEndian16(_ value: Int, to bytes: inout [UInt8]) {
        precondition((0...0xFFFF).contains(value), "a 16-bit length field cannot hold \(value)")
        bytes.append(UInt8(truncatingIfNeeded: value))
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
    }
}
