import EscPos

extension PrinterModel {
    /// Prints a raster image (`GS v 0`, `GS ( L`): at the start of a line, aligned like text, cut to the
    /// print area, feeding the paper by its height.
    ///
    /// The image is cut to the print area's width and the page's remaining height before it is scaled, so
    /// its size costs nothing beyond what fits on the page.
    mutating func printImage(
        _ bitmap: MonochromeBitmap,
        scaleX: Int = 1,
        scaleY: Int = 1,
        command: PrinterProfile.GraphicsCommand
    ) {
        if !lineItems.isEmpty { printLine(feed: nil) }
        guard !pageFull, bitmap.width > 0, bitmap.height > 0 else { return }
        let area = currentArea
        let fittingWidth = min(bitmap.width, (area.width + scaleX - 1) / scaleX)
        // Rows past the page's end never print; one more than fits is kept so the page-full check below
        // still sees that the image overflows.
        let fittingHeight = min(bitmap.height, (canvas.maximumHeight - y) / scaleY + 1)
        guard fittingHeight > 0 else { return }
        let source =
            fittingWidth < bitmap.width || fittingHeight < bitmap.height
            ? bitmap.cropped(x: 0, y: 0, width: fittingWidth, height: fittingHeight) : bitmap
        let scaled = source.scaled(x: scaleX, y: scaleY)
        let shown =
            scaled.width > area.width ? scaled.cropped(x: 0, y: 0, width: area.width, height: scaled.height) : scaled
        let free = area.width - shown.width
        let x = area.left + (alignment == 1 ? free / 2 : alignment == 2 ? free : 0)
        defer { advance(by: shown.height) }
        guard reserve(rows: y + shown.height) else { return }
        canvas.draw(shown, x: x, y: y)
        bottom = max(bottom, y + shown.height)
        place(shown, x: x, y: y, command: command)
    }

    /// `GS v 0`: mode bit 0 doubles the width, bit 1 the height. Only the rows and columns that can reach the
    /// page are unpacked.
    mutating func printRasterImage(mode: UInt8, widthBytes: Int, height: Int, data: [UInt8]) {
        if !lineItems.isEmpty { printLine(feed: nil) }
        guard !pageFull, widthBytes > 0, height > 0, data.count >= widthBytes * height else { return }
        let scaleX = mode & RasterImageMode.doubleWidth != 0 ? 2 : 1
        let scaleY = mode & RasterImageMode.doubleHeight != 0 ? 2 : 1
        let keptBytes = min(widthBytes, (currentArea.width + 8 * scaleX - 1) / (8 * scaleX))
        let keptRows = min(height, max(0, canvas.maximumHeight - y) / scaleY + 1)
        var packed: [UInt8]
        if keptBytes == widthBytes {
            packed = Array(data.prefix(keptBytes * keptRows))
        } else {
            packed = []
            packed.reserveCapacity(keptBytes * keptRows)
            for row in 0..<keptRows {
                packed.append(contentsOf: data[(row * widthBytes)..<(row * widthBytes + keptBytes)])
            }
        }
        guard let bitmap = MonochromeBitmap(width: keptBytes * 8, height: keptRows, packedRows: packed) else { return }
        printImage(bitmap, scaleX: scaleX, scaleY: scaleY, command: .rasterBitImage)
    }

    /// `GS ( L` / `GS 8 L`: function 112 stores a raster, 50 prints it; others are noted.
    mutating func graphics(m: UInt8, fn: UInt8, parameters: [UInt8], offset: Int) {
        switch fn {
        case GraphicsFunction.store:
            guard parameters.count >= GraphicsFunction.storeParameterCount else {
                unsupported(offset, "GS ( L 112", "graphics data too short")
                return
            }
            let width = Int(parameters[4]) | Int(parameters[5]) << 8
            let height = Int(parameters[6]) | Int(parameters[7]) << 8
            let data = Array(parameters.dropFirst(GraphicsFunction.storeParameterCount))
            let plane = (width + 7) / 8 * height
            guard data.count >= plane,
                let bitmap = MonochromeBitmap(width: width, height: height, packedRows: Array(data.prefix(plane)))
            else {
                unsupported(offset, "GS ( L 112", "graphics data does not match its size")
                return
            }
            storedGraphics = (
                bitmap, parameters[1] == 2 || parameters[1] == 0x32 ? 2 : 1,
                parameters[2] == 2 || parameters[2] == 0x32 ? 2 : 1
            )
        case GraphicsFunction.print:
            guard let stored = storedGraphics else { return }
            printImage(stored.bitmap, scaleX: stored.scaleX, scaleY: stored.scaleY, command: .graphics)
            storedGraphics = nil
        case GraphicsFunction.density, GraphicsFunction.capacity:
            break  // density and capacity query: nothing to draw
        default:
            unsupported(offset, "GS ( L \(fn)", "graphics function \(fn) (NV or download graphics) not emulated")
        }
    }

    /// `ESC *`: a band of columns placed in the line like characters. Dot sizes follow a 203 dpi head:
    /// single density doubles each dot across; 8-dot modes triple it down.
    mutating func columnImage(mode: UInt8, width: Int, data: [UInt8]) {
        guard !pageFull else { return }
        let dotsPerColumn = ColumnImageMode.isTwentyFourDot(mode) ? 24 : 8
        let bytesPerColumn = dotsPerColumn / 8
        guard width > 0, data.count >= width * bytesPerColumn else { return }
        let singleDensity = !ColumnImageMode.isDoubleDensity(mode)
        // Columns past the print area never print: they are not unpacked.
        let keptColumns = min(width, (currentArea.width + 1) / (singleDensity ? 2 : 1))
        var band = MonochromeBitmap(width: keptColumns, height: dotsPerColumn)
        for column in 0..<keptColumns {
            for byteIndex in 0..<bytesPerColumn {
                let byte = data[column * bytesPerColumn + byteIndex]
                guard byte != 0 else { continue }
                for bit in 0..<8 where byte & (0x80 >> UInt8(bit)) != 0 {
                    band[column, byteIndex * 8 + bit] = true
                }
            }
        }
        let scaled = band.scaled(x: singleDensity ? 2 : 1, y: dotsPerColumn == 8 ? 3 : 1)
        appendToLine(
            LineItem(
                x: 0,
                bitmap: scaled,
                underline: 0,
                reverse: false,
                text: "",
                columnWidth: scaled.width,
                isImage: true
            )
        )
    }
}
