import EscPos

extension PrinterModel {
    /// Prints a raster image (`GS v 0`, `GS ( L`): at the start of a line, aligned like text, cut to the
    /// print area, feeding the paper by its height.
    mutating func printImage(_ bitmap: MonochromeBitmap, command: PrinterProfile.GraphicsCommand) {
        if !lineItems.isEmpty { printLine(feed: nil) }
        guard !pageFull, bitmap.width > 0, bitmap.height > 0 else { return }
        let area = currentArea
        let shown = bitmap.width > area.width ? bitmap.cropped(x: 0, y: 0, width: area.width, height: bitmap.height) : bitmap
        let free = area.width - shown.width
        let x = area.left + (alignment == 1 ? free / 2 : alignment == 2 ? free : 0)
        defer { y += shown.height }
        guard reserve(rows: y + shown.height) else { return }
        canvas.draw(shown, x: x, y: y)
        bottom = max(bottom, y + shown.height)
        place(shown, x: x, y: y, command: command)
    }

    /// `GS ( L` / `GS 8 L`: function 112 stores a raster, 50 prints it; others are noted.
    mutating func graphics(m: UInt8, fn: UInt8, parameters: [UInt8], offset: Int) {
        switch fn {
        case 0x70:  // 112: store graphics data in the print buffer
            guard parameters.count >= 8 else {
                unsupported(offset, "GS ( L 112", "graphics data too short")
                return
            }
            let width = Int(parameters[4]) | Int(parameters[5]) << 8
            let height = Int(parameters[6]) | Int(parameters[7]) << 8
            let data = Array(parameters.dropFirst(8))
            let plane = (width + 7) / 8 * height
            guard data.count >= plane, let bitmap = MonochromeBitmap(width: width, height: height, packedRows: Array(data.prefix(plane))) else {
                unsupported(offset, "GS ( L 112", "graphics data does not match its size")
                return
            }
            storedGraphics = (bitmap, parameters[1] == 2 || parameters[1] == 0x32 ? 2 : 1, parameters[2] == 2 || parameters[2] == 0x32 ? 2 : 1)
        case 0x32:  // 50: print the stored graphics
            guard let stored = storedGraphics else { return }
            printImage(stored.bitmap.scaled(x: stored.scaleX, y: stored.scaleY), command: .graphics)
            storedGraphics = nil
        case 0x31, 0x30:
            break  // density and capacity query: nothing to draw
        default:
            unsupported(offset, "GS ( L \(fn)", "graphics function \(fn) (NV or download graphics) not emulated")
        }
    }

    /// `ESC *`: a band of columns placed in the line like characters. Dot sizes follow a 203 dpi head:
    /// single density doubles each dot across; 8-dot modes triple it down.
    mutating func columnImage(mode: UInt8, width: Int, data: [UInt8]) {
        let dotsPerColumn = mode >= 32 ? 24 : 8
        let bytesPerColumn = dotsPerColumn / 8
        guard width > 0, data.count >= width * bytesPerColumn else { return }
        var band = MonochromeBitmap(width: width, height: dotsPerColumn)
        for column in 0..<width {
            for byteIndex in 0..<bytesPerColumn {
                let byte = data[column * bytesPerColumn + byteIndex]
                guard byte != 0 else { continue }
                for bit in 0..<8 where byte & (0x80 >> UInt8(bit)) != 0 {
                    band[column, byteIndex * 8 + bit] = true
                }
            }
        }
        let singleDensity = mode & 1 == 0
        let scaled = band.scaled(x: singleDensity ? 2 : 1, y: dotsPerColumn == 8 ? 3 : 1)
        appendToLine(
            LineItem(x: 0, bitmap: scaled, underline: 0, reverse: false, text: "", columnWidth: scaled.width, isImage: true))
    }
}
