/// An image rebuilt from the graphics commands of a byte stream: the dots the printer will print.
///
/// Consecutive bands of one command family and width form one image: `GS v 0` bands, `GS ( L`/`GS 8 L`
/// store + print pairs, and `ESC *` bands separated by line feeds. Use it to check what an image
/// prints without paper, or to prove that an encoder's bands join up to the bitmap it was given.
///
/// ```swift
/// let commands = CommandDecoder().decode(bytes)
/// for image in DecodedImage.images(in: commands) {
///     print(image.command, image.bitmap.width, image.bitmap.height)
/// }
/// ```
public struct DecodedImage: Hashable, Sendable {
    /// The command family that printed it.
    public var command: PrinterProfile.GraphicsCommand
    /// The byte offset of its first command.
    public var offset: Int
    /// The number of commands (bands) it was sent in.
    public var bands: Int
    /// The dots, 1 = printed. `GS v 0` widths are whole bytes; `ESC *` heights whole bands (24 or 8 rows).
    public var bitmap: MonochromeBitmap
    /// The mode bytes of the first band: `m` for `GS v 0` and `ESC *`, `bx` × 16 + `by` for `GS ( L`.
    public var mode: UInt8

    /// Rebuilds every image in `commands`, in order.
    public static func images(in commands: [DecodedCommand]) -> [DecodedImage] {
        var images: [DecodedImage] = []
        var current: Builder?
        for decoded in commands {
            switch decoded.command {
            case .rasterImage(let mode, let widthBytes, let height, let data):
                current = append(
                    to: current,
                    into: &images,
                    kind: .rasterBitImage,
                    mode: mode,
                    width: widthBytes * 8,
                    offset: decoded.offset,
                    rows: data,
                    height: height
                )
            case .graphics(let m, let fn, let parameters) where m == 0x30 && fn == 0x70 && isCompleteStore(parameters):
                let width = Int(parameters[4]) | Int(parameters[5]) << 8
                let height = Int(parameters[6]) | Int(parameters[7]) << 8
                let data = Array(parameters.dropFirst(8))
                current = append(
                    to: current,
                    into: &images,
                    kind: .graphics,
                    mode: parameters[1] << 4 | parameters[2],
                    width: width,
                    offset: decoded.offset,
                    rows: data,
                    height: height
                )
            case .graphics(let m, let fn, _) where m == 0x30 && fn == 0x32 && current?.image.command == .graphics:
                continue  // print the stored band: part of the image
            case .lineFeed where current?.image.command == .columnBitImage:
                continue  // ends an ESC * band
            case .columnImage(let mode, let width, let data):
                let (rows, height) = rowsFromColumns(data, width: width, dotsPerColumn: mode >= 32 ? 24 : 8)
                current = append(
                    to: current,
                    into: &images,
                    kind: .columnBitImage,
                    mode: mode,
                    width: width,
                    offset: decoded.offset,
                    rows: rows,
                    height: height
                )
            default:
                if let finished = current { images.append(finished.finished) }
                current = nil
            }
        }
        if let finished = current { images.append(finished.finished) }
        return images
    }

    /// A `GS ( L` function 112 parameter block whose data length matches its size.
    private static func isCompleteStore(_ parameters: [UInt8]) -> Bool {
        guard parameters.count >= 8 else { return false }
        let width = Int(parameters[4]) | Int(parameters[5]) << 8
        let height = Int(parameters[6]) | Int(parameters[7]) << 8
        return parameters.count - 8 == (width + 7) / 8 * height
    }

    private struct Builder {
        var image: DecodedImage
        var rows: [UInt8]
        var height: Int

        var finished: DecodedImage {
            var result = image
            result.bitmap =
                MonochromeBitmap(width: image.bitmap.width, height: height, packedRows: rows)
                ?? MonochromeBitmap(width: image.bitmap.width, height: 0)
            return result
        }
    }

    private static func append(
        to current: Builder?,
        into images: inout [DecodedImage],
        kind: PrinterProfile.GraphicsCommand,
        mode: UInt8,
        width: Int,
        offset: Int,
        rows: [UInt8],
        height: Int
    ) -> Builder {
        if var builder = current, builder.image.command == kind, builder.image.bitmap.width == width,
            builder.image.mode == mode
        {
            builder.rows += rows
            builder.height += height
            builder.image.bands += 1
            return builder
        }
        if let finished = current { images.append(finished.finished) }
        let image = DecodedImage(
            command: kind,
            offset: offset,
            bands: 1,
            bitmap: MonochromeBitmap(width: width, height: 0),
            mode: mode
        )
        return Builder(image: image, rows: rows, height: height)
    }

    /// Column data (each column `dotsPerColumn / 8` bytes, top dot in the MSB) to packed rows.
    private static func rowsFromColumns(_ data: [UInt8], width: Int, dotsPerColumn: Int) -> ([UInt8], Int) {
        let bytesPerColumn = dotsPerColumn / 8
        var bitmap = MonochromeBitmap(width: width, height: dotsPerColumn)
        for x in 0..<width {
            for slot in 0..<bytesPerColumn {
                let index = x * bytesPerColumn + slot
                guard index < data.count else { continue }
                let byte = data[index]
                if byte == 0 { continue }
                for bit in 0..<8 where byte & (0x80 >> UInt8(bit)) != 0 {
                    bitmap[x, slot * 8 + bit] = true
                }
            }
        }
        return (bitmap.bits, dotsPerColumn)
    }
}
